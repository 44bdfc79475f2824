package org.simclrstudio.core.task;

/**
 * Receives the events of a submitted task. The executor decides on which thread: the JavaFX
 * executor calls every method on the FX thread, the same-thread executor on the caller's thread.
 *
 * @param <T> the result type
 */
public interface TaskObserver<T> {

    /** Receives a progress update; {@code fraction} is in 0..1, or -1 when unknown. */
    default void onProgress(double fraction, String message) {
    }

    /** Receives the result of a task that completed. */
    default void onSucceeded(T result) {
    }

    /** Receives the error of a task that failed. */
    default void onFailed(Throwable error) {
    }

    /** Receives notice that the task stopped because it was cancelled. */
    default void onCancelled() {
    }
}
