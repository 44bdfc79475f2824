package org.simclrstudio.core.task;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs each task to completion on the calling thread before {@code submit} returns, delivering every
 * event on that thread. ViewModel tests use it so that they need no FX thread.
 */
public final class SameThreadExecutor implements TaskExecutor {

    @Override
    public <T> TaskHandle submit(String title, BackgroundTask<T> task, TaskObserver<T> observer) {
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicBoolean done = new AtomicBoolean();
        TaskHandle handle = new TaskHandle() {
            @Override
            public void cancel() {
                cancelled.set(true);
            }

            @Override
            public boolean isDone() {
                return done.get();
            }
        };
        TaskContext context = new TaskContext() {
            @Override
            public void progress(double completed, double total, String message) {
                observer.onProgress(total > 0 ? completed / total : -1, message);
            }

            @Override
            public boolean isCancelled() {
                return cancelled.get();
            }
        };
        try {
            T result = task.run(context);
            done.set(true);
            observer.onSucceeded(result);
        } catch (CancellationException e) {
            done.set(true);
            observer.onCancelled();
        } catch (Exception e) {
            done.set(true);
            observer.onFailed(e);
        }
        return handle;
    }
}
