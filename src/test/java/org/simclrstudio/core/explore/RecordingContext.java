package org.simclrstudio.core.explore;

import java.util.ArrayList;
import java.util.List;
import org.simclrstudio.core.task.TaskContext;

/** A task context that records progress and reports cancelled after a given number of updates. */
final class RecordingContext implements TaskContext {

    final List<Double> fractions = new ArrayList<>();
    private final int cancelAfter;

    RecordingContext() {
        this(Integer.MAX_VALUE);
    }

    RecordingContext(int cancelAfter) {
        this.cancelAfter = cancelAfter;
    }

    @Override
    public void progress(double done, double total, String message) {
        fractions.add(total > 0 ? done / total : -1);
    }

    @Override
    public boolean isCancelled() {
        return fractions.size() >= cancelAfter;
    }
}
