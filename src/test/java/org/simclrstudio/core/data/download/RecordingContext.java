package org.simclrstudio.core.data.download;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.simclrstudio.core.task.TaskContext;

/** A task context that records progress messages and cancels when a condition turns true. */
final class RecordingContext implements TaskContext {

    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final BooleanSupplier cancelWhen;
    private volatile boolean cancelled;

    RecordingContext() {
        this(() -> false);
    }

    RecordingContext(BooleanSupplier cancelWhen) {
        this.cancelWhen = cancelWhen;
    }

    @Override
    public void progress(double done, double total, String message) {
        messages.add(message);
    }

    @Override
    public boolean isCancelled() {
        if (!cancelled && cancelWhen.getAsBoolean()) {
            cancelled = true;
        }
        return cancelled;
    }

    List<String> messages() {
        return messages;
    }

    boolean anyMessageStartsWith(String prefix) {
        return messages.stream().anyMatch(message -> message.startsWith(prefix));
    }
}
