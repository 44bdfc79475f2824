package org.simclrstudio.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.simclrstudio.core.task.SameThreadExecutor;
import org.simclrstudio.core.task.TaskObserver;

class TrackedExecutorTest {

    @Test
    void runningTaskIsPublishedThenCleared() {
        TrackedExecutor tracked = new TrackedExecutor(new SameThreadExecutor());
        List<String> seen = new ArrayList<>();
        tracked.submit("Training", context -> {
            seen.add(tracked.titleProperty().get() + " " + tracked.countProperty().get());
            context.progress(1, 4, "epoch 1");
            seen.add(tracked.messageProperty().get() + " " + tracked.progressProperty().get());
            return null;
        }, new TaskObserver<>() { });
        assertEquals(List.of("Training 1", "epoch 1 0.25"), seen);
        assertEquals(0, tracked.countProperty().get());
        assertEquals("", tracked.titleProperty().get());
    }

    @Test
    void failedTaskIsCleared() {
        TrackedExecutor tracked = new TrackedExecutor(new SameThreadExecutor());
        tracked.submit("Opening", context -> {
            throw new IllegalStateException("broken");
        }, new TaskObserver<>() { });
        assertEquals(0, tracked.countProperty().get());
    }
}
