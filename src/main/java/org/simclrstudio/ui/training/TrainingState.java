package org.simclrstudio.ui.training;

/** State of the Training workspace's run. */
public enum TrainingState {
    /** No run is active; a new one can start. */
    IDLE,
    /** A run is training. */
    RUNNING,
    /** A run waits after its current step until resumed or cancelled. */
    PAUSED,
    /** A cancel was requested; the run writes its checkpoint and stops. */
    STOPPING
}
