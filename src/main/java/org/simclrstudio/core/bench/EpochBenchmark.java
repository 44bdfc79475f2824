package org.simclrstudio.core.bench;

import java.nio.file.Path;
import org.simclrstudio.core.train.RunConfig;
import org.simclrstudio.core.train.RunControl;
import org.simclrstudio.core.train.RunKind;
import org.simclrstudio.core.train.RunOutcome;
import org.simclrstudio.core.train.StepMetrics;
import org.simclrstudio.core.train.TrainingListener;
import org.simclrstudio.core.train.TrainingRun;

/**
 * Measures pretraining as a run does it: a {@link TrainingRun} of one epoch, which reads batches on its
 * background reader while the previous step trains, augments two views per image on the device and runs
 * the contrastive step (and the linear probe step when the dataset has labelled train images). Step
 * times come from the run's step events, so the end-of-epoch validation and checkpoint are left out.
 */
public final class EpochBenchmark {

    private EpochBenchmark() {
    }

    /**
     * Pretrains {@code warmupSteps + steps} steps of {@code batchSize} images from {@code dataDir} into the
     * run folder {@code runDir} and times the last {@code steps}, waiting for data included.
     *
     * @throws BenchException when the run does not complete
     */
    public static StepTiming measure(Path dataDir, Path runDir, String device, int batchSize, int imageSize,
            int warmupSteps, int steps) {
        RunConfig config = RunConfig.builder(RunKind.PRETRAIN)
                .dataDir(dataDir)
                .outDir(runDir)
                .epochs(1)
                .batchSize(batchSize)
                .imageSize(imageSize)
                .device(device)
                .stepsPerEpoch(warmupSteps + steps)
                .validationLimit(batchSize)
                .seed(11)
                .build();
        long[] stepEnds = new long[warmupSteps + steps + 1];
        int[] seen = {0};
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onRunStarted(RunStarted event) {
                stepEnds[0] = System.nanoTime();
            }

            @Override
            public void onStep(StepMetrics metrics) {
                if (seen[0] < warmupSteps + steps) {
                    stepEnds[++seen[0]] = System.nanoTime();
                }
            }
        };
        RunOutcome outcome = TrainingRun.run(config, false, listener, new RunControl());
        if (outcome.status() != RunOutcome.Status.COMPLETED || seen[0] < warmupSteps + steps) {
            throw new BenchException("The benchmark pretraining run on " + dataDir + " did not complete: "
                    + outcome.message(), null);
        }
        double[] seconds = new double[steps];
        for (int i = 0; i < steps; i++) {
            int step = warmupSteps + i + 1;
            seconds[i] = (stepEnds[step] - stepEnds[step - 1]) / 1e9;
        }
        return new StepTiming(2 * batchSize, seconds);
    }
}
