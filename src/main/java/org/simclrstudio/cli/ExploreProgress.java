package org.simclrstudio.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.simclrstudio.core.task.TaskContext;

/**
 * Shows the progress of feature extraction and projection on stderr: one line redrawn in place
 * when stderr is a terminal, a line every 10 percent otherwise (for logs and pipes).
 */
final class ExploreProgress implements TaskContext {

    private final PrintWriter err;
    private final boolean terminal;
    private int lastDecile = -1;

    ExploreProgress(PrintWriter err) {
        this.err = err;
        this.terminal = System.console() != null;
    }

    @Override
    public void progress(double done, double total, String message) {
        double fraction = total > 0 ? Math.min(1, done / total) : 0;
        if (terminal) {
            err.printf(Locale.ROOT, "\r%-60s %5.1f%%", message, 100 * fraction);
            if (fraction >= 1) {
                err.println();
            }
            err.flush();
            return;
        }
        // A lower decile than before means a new phase (encoding, then projecting) has started.
        int decile = (int) (fraction * 10);
        if (decile != lastDecile) {
            err.printf(Locale.ROOT, "%s: %.0f%%%n", message, 100 * fraction);
            err.flush();
            lastDecile = decile;
        }
    }

    @Override
    public boolean isCancelled() {
        return false;
    }
}
