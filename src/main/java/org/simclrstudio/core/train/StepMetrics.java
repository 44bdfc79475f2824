package org.simclrstudio.core.train;

/**
 * Metrics of one training step, sent to listeners and written to {@code steps.jsonl}. Values that do not
 * apply to the run kind are NaN.
 *
 * @param step global step number, from 1
 * @param epoch epoch number, from 1
 * @param stepInEpoch step number within the epoch, from 1
 * @param stepsPerEpoch steps of every epoch
 * @param totalSteps steps of the whole run
 * @param loss NT-Xent loss (pretraining) or cross-entropy (fine-tune, baseline) of the step
 * @param contrastiveAccuracy share of views whose partner view ranked first (pretraining)
 * @param probeLoss cross-entropy of the linear probe step (pretraining with labels)
 * @param probeAccuracy batch accuracy of the linear probe step (pretraining with labels)
 * @param trainAccuracy batch accuracy of the classifier (fine-tune, baseline)
 * @param imagesPerSecond source images per second over recent steps (each pretraining image gives two views)
 * @param elapsedSeconds seconds since the run (or its resumption) started
 * @param etaSeconds estimated seconds until the run ends
 */
public record StepMetrics(
        long step,
        int epoch,
        int stepInEpoch,
        int stepsPerEpoch,
        long totalSteps,
        double loss,
        double contrastiveAccuracy,
        double probeLoss,
        double probeAccuracy,
        double trainAccuracy,
        double imagesPerSecond,
        double elapsedSeconds,
        double etaSeconds) {
}
