package org.simclrstudio.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.simclrstudio.core.task.TaskContext;

/**
 * A {@link TaskContext} that draws a progress bar with the task's message (bytes, rate, time left) on
 * one terminal line, redrawn in place at most five times a second. When the output is not a terminal
 * it prints a plain line every 10 percent instead, so logs stay short.
 */
final class DownloadProgressBar implements TaskContext {

    private static final int BAR_WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter out;
    private final boolean terminal;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private long lastDrawNanos;
    private String lastPhase = "";
    private int lastDecile = -1;
    private int lastWidth;

    /**
     * Creates a bar that writes to {@code out}.
     *
     * @param terminal whether {@code out} is an interactive terminal that understands carriage returns
     */
    DownloadProgressBar(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Asks the running task to stop, as Ctrl-C does. */
    void cancel() {
        cancelled.set(true);
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get();
    }

    @Override
    public synchronized void progress(double done, double total, String message) {
        String phase = message.contains(":") ? message.substring(0, message.indexOf(':')) : message;
        boolean newPhase = !phase.equals(lastPhase);
        long now = System.nanoTime();
        if (terminal) {
            if (!newPhase && now - lastDrawNanos < REDRAW_NANOS && done < total) {
                return;
            }
            if (newPhase && !lastPhase.isEmpty()) {
                out.println();
            }
            String line = render(done, total, message);
            out.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
            lastWidth = line.length();
        } else {
            int decile = total > 0 ? (int) Math.floor(10 * done / total) : -1;
            if (!newPhase && decile == lastDecile) {
                return;
            }
            lastDecile = decile;
            out.println(render(done, total, message));
        }
        lastPhase = phase;
        lastDrawNanos = now;
        out.flush();
    }

    /** Ends the bar's line so that later output starts on a fresh line. */
    synchronized void finish() {
        if (terminal && lastWidth > 0) {
            out.println();
            out.flush();
        }
        lastWidth = 0;
    }

    static String render(double done, double total, String message) {
        if (total <= 0) {
            return message;
        }
        double fraction = Math.min(1, Math.max(0, done / total));
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "] "
                + String.format(Locale.ROOT, "%3.0f%%", fraction * 100) + " " + message;
    }
}
