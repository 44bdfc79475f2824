package org.simclrstudio.core.train;

import java.nio.file.Path;
import java.util.List;

/**
 * Receives the events of a run, on the thread that runs it. Every method has an empty default. A listener
 * should return quickly, since training waits for it.
 */
public interface TrainingListener {

    /**
     * Start of a run or of its resumption.
     *
     * @param config the configuration the run uses
     * @param runDir the run folder
     * @param firstStep the global step the run starts after: 0, or the checkpoint's step when resuming
     * @param totalSteps steps of the whole run
     * @param classNames the dataset's class names
     * @param device the device in use, such as {@code cpu()}
     */
    record RunStarted(RunConfig config, Path runDir, long firstStep, long totalSteps, List<String> classNames,
            String device) {
    }

    /** Called once before the first step. */
    default void onRunStarted(RunStarted event) {
    }

    /** Called after every step. */
    default void onStep(StepMetrics metrics) {
    }

    /** Called after every epoch, once its validation accuracy is known. */
    default void onEpoch(EpochMetrics metrics) {
    }

    /** Called after a checkpoint was written. */
    default void onCheckpoint(Path file, long step) {
    }

    /** Called once when the run ends, whatever the reason. */
    default void onFinished(RunOutcome outcome) {
    }
}
