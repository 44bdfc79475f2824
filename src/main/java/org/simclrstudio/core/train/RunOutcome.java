package org.simclrstudio.core.train;

import java.nio.file.Path;

/**
 * The end state of a run, written to {@code outcome.json} in its folder.
 *
 * @param status completed, cancelled or failed
 * @param message one line for the user
 * @param runDir the run folder
 * @param step global step of the last applied update
 * @param epoch epoch of that step, 0 before the first
 * @param validationAccuracy the last validation accuracy, NaN when none was measured
 */
public record RunOutcome(Status status, String message, Path runDir, long step, int epoch, double validationAccuracy) {

    /** End states of a run. */
    public enum Status {
        /** Every epoch ran. */
        COMPLETED,
        /** The user cancelled; a checkpoint of the last step was written, so the run can resume. */
        CANCELLED,
        /** The run stopped on an error, such as a NaN loss; the last good checkpoint is kept. */
        FAILED
    }
}
