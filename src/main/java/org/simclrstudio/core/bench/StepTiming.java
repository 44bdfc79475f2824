package org.simclrstudio.core.bench;

import java.util.Arrays;

/**
 * Durations of timed steps that each processed the same number of views, summarised as throughput.
 *
 * @param viewsPerStep views (images after augmentation) per step
 * @param stepSeconds duration of each timed step in seconds
 */
public record StepTiming(int viewsPerStep, double[] stepSeconds) {

    /** Returns views per second over all timed steps together, which is the rate of a training run. */
    public double viewsPerSecond() {
        return viewsPerStep * stepSeconds.length / Arrays.stream(stepSeconds).sum();
    }

    /** Returns views per second of the fastest step. */
    public double bestViewsPerSecond() {
        return viewsPerStep / Arrays.stream(stepSeconds).min().orElseThrow();
    }

    /** Returns the median step duration in seconds. */
    public double medianStepSeconds() {
        double[] sorted = stepSeconds.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
