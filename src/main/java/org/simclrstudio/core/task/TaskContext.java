package org.simclrstudio.core.task;

import java.util.concurrent.CancellationException;

/** What a running {@link BackgroundTask} sees of its executor: progress reporting and cancellation. */
public interface TaskContext {

    /**
     * Reports progress as {@code done} out of {@code total} units with a short status message.
     * Executors may drop updates that arrive faster than a user can read them.
     */
    void progress(double done, double total, String message);

    /** Returns whether the user asked to cancel the task. */
    boolean isCancelled();

    /** Throws {@link CancellationException} when the task was cancelled; call it between units of work. */
    default void throwIfCancelled() {
        if (isCancelled()) {
            throw new CancellationException("Cancelled");
        }
    }
}
