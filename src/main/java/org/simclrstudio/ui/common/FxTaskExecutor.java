package org.simclrstudio.ui.common;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import javafx.application.Platform;

import org.simclrstudio.core.task.BackgroundTask;
import org.simclrstudio.core.task.TaskContext;
import org.simclrstudio.core.task.TaskExecutor;
import org.simclrstudio.core.task.TaskHandle;
import org.simclrstudio.core.task.TaskObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs background tasks on daemon worker threads and delivers every observer event on the JavaFX
 * application thread. Progress updates are coalesced: while one update waits for the FX thread, newer
 * ones replace it, so a task that reports thousands of steps per second cannot flood the event queue.
 */
public final class FxTaskExecutor implements TaskExecutor, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FxTaskExecutor.class);

    private final ExecutorService workers;
    private final Consumer<Runnable> fxThread;

    /** Creates an executor with its own cached pool of daemon threads, posting events with {@link Platform#runLater}. */
    public FxTaskExecutor() {
        this(Platform::runLater);
    }

    /**
     * Creates an executor that posts observer events through {@code fxThread}, which must run each
     * action on the JavaFX application thread (tests may pass another single thread).
     */
    public FxTaskExecutor(Consumer<Runnable> fxThread) {
        this.fxThread = fxThread;
        this.workers = Executors.newCachedThreadPool(daemonThreads("simclr-worker"));
    }

    /** Returns a thread factory that names its threads {@code prefix-N} and marks them daemon threads. */
    public static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public <T> TaskHandle submit(String title, BackgroundTask<T> task, TaskObserver<T> observer) {
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicBoolean done = new AtomicBoolean();
        ProgressRelay relay = new ProgressRelay(observer);
        TaskContext context = new TaskContext() {
            @Override
            public void progress(double completed, double total, String message) {
                relay.post(total > 0 ? completed / total : -1, message);
            }

            @Override
            public boolean isCancelled() {
                return cancelled.get();
            }
        };
        // The first to set 'started' reports the outcome: the worker when it runs, cancel() when it never ran.
        AtomicBoolean started = new AtomicBoolean();
        Future<?> future = workers.submit(() -> {
            if (started.compareAndSet(false, true)) {
                runTask(title, task, observer, context, done);
            }
        });
        return new TaskHandle() {
            @Override
            public void cancel() {
                cancelled.set(true);
                if (started.compareAndSet(false, true)) {
                    // It never started: report the cancellation the task itself cannot report.
                    future.cancel(false);
                    fxThread.accept(() -> {
                        done.set(true);
                        observer.onCancelled();
                    });
                }
            }

            @Override
            public boolean isDone() {
                return done.get();
            }
        };
    }

    private <T> void runTask(String title, BackgroundTask<T> task, TaskObserver<T> observer, TaskContext context,
            AtomicBoolean done) {
        // A pending progress delivery is queued before the completion event, so observers see them in order.
        try {
            T result = task.run(context);
            fxThread.accept(() -> {
                done.set(true);
                observer.onSucceeded(result);
            });
        } catch (CancellationException e) {
            LOG.info("Task '{}' cancelled", title);
            fxThread.accept(() -> {
                done.set(true);
                observer.onCancelled();
            });
        } catch (Exception | LinkageError e) {
            LOG.warn("Task '{}' failed: {}", title, e.toString(), e);
            fxThread.accept(() -> {
                done.set(true);
                observer.onFailed(e);
            });
        }
    }

    /** Stops accepting tasks and interrupts the workers; running tasks should also be cancelled by their owners. */
    @Override
    public void close() {
        workers.shutdownNow();
    }

    /** Keeps the newest progress update and posts at most one pending update to the FX thread. */
    private final class ProgressRelay {
        private final TaskObserver<?> observer;
        private final AtomicReference<double[]> latestFraction = new AtomicReference<>();
        private final AtomicReference<String> latestMessage = new AtomicReference<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();

        ProgressRelay(TaskObserver<?> observer) {
            this.observer = observer;
        }

        void post(double fraction, String message) {
            latestMessage.set(message);
            latestFraction.set(new double[] {fraction});
            if (scheduled.compareAndSet(false, true)) {
                fxThread.accept(this::deliver);
            }
        }

        private void deliver() {
            scheduled.set(false);
            double[] fraction = latestFraction.getAndSet(null);
            if (fraction != null) {
                observer.onProgress(fraction[0], latestMessage.get());
            }
        }
    }
}
