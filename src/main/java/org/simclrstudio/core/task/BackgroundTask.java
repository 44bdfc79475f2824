package org.simclrstudio.core.task;

/**
 * Long work (loading, training, decoding) that runs off the user-interface thread.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface BackgroundTask<T> {

    /**
     * Runs the work, reporting progress and checking for cancellation through {@code context}.
     *
     * @throws java.util.concurrent.CancellationException when it stops because it was cancelled
     * @throws Exception when the work fails; the message is shown to the user
     */
    T run(TaskContext context) throws Exception;
}
