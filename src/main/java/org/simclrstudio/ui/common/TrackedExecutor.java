package org.simclrstudio.ui.common;

import java.util.ArrayList;
import java.util.List;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import org.simclrstudio.core.task.BackgroundTask;
import org.simclrstudio.core.task.TaskExecutor;
import org.simclrstudio.core.task.TaskHandle;
import org.simclrstudio.core.task.TaskObserver;

/**
 * A {@link TaskExecutor} decorator that publishes the running tasks for the status bar: the title and
 * progress of the most recently started task still running, and how many run.
 *
 * <p>Properties change on the threads that call {@code submit} and receive observer events, which is
 * the FX thread with {@link FxTaskExecutor} and the caller's thread with the same-thread executor.
 */
public final class TrackedExecutor implements TaskExecutor {

    private final TaskExecutor delegate;
    private final List<Entry> running = new ArrayList<>();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyIntegerWrapper count = new ReadOnlyIntegerWrapper(this, "count", 0);

    /** Wraps {@code delegate}, which runs the tasks. */
    public TrackedExecutor(TaskExecutor delegate) {
        this.delegate = delegate;
    }

    @Override
    public <T> TaskHandle submit(String title, BackgroundTask<T> task, TaskObserver<T> observer) {
        Entry entry = new Entry(title);
        running.add(entry);
        publish();
        return delegate.submit(title, task, new TaskObserver<>() {
            @Override
            public void onProgress(double fraction, String text) {
                entry.fraction = fraction;
                entry.message = text == null ? "" : text;
                publish();
                observer.onProgress(fraction, text);
            }

            @Override
            public void onSucceeded(T result) {
                finish(entry);
                observer.onSucceeded(result);
            }

            @Override
            public void onFailed(Throwable error) {
                finish(entry);
                observer.onFailed(error);
            }

            @Override
            public void onCancelled() {
                finish(entry);
                observer.onCancelled();
            }
        });
    }

    private void finish(Entry entry) {
        running.remove(entry);
        publish();
    }

    private void publish() {
        count.set(running.size());
        if (running.isEmpty()) {
            title.set("");
            message.set("");
            progress.set(0);
            return;
        }
        Entry newest = running.get(running.size() - 1);
        title.set(newest.title);
        message.set(newest.message);
        progress.set(newest.fraction);
    }

    /** Title of the newest running task, empty when none runs. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** Latest progress message of the newest running task. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Progress of the newest running task in 0..1, or -1 when unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** Number of running tasks. */
    public ReadOnlyIntegerProperty countProperty() {
        return count.getReadOnlyProperty();
    }

    private static final class Entry {
        final String title;
        double fraction = -1;
        String message = "";

        Entry(String title) {
            this.title = title;
        }
    }
}
