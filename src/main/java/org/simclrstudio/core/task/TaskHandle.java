package org.simclrstudio.core.task;

/** A submitted task, used to cancel it or to see whether it finished. */
public interface TaskHandle {

    /** Asks the task to stop; it ends at its next cancellation check. */
    void cancel();

    /** Returns whether the task has finished, whatever the outcome. */
    boolean isDone();
}
