package org.simclrstudio.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.simclrstudio.core.train.EpochMetrics;
import org.simclrstudio.core.train.StepMetrics;
import org.simclrstudio.core.train.TrainingListener;

/**
 * Shows training progress on stderr: a bar redrawn in place with {@code \r} when a console is attached,
 * otherwise one plain line every ten seconds. Epoch summaries always get their own line.
 */
final class ConsoleProgress implements TrainingListener {

    private static final long REDRAW_NANOS = 200_000_000L;
    private static final long LINE_NANOS = 10_000_000_000L;
    private static final int BAR_WIDTH = 24;

    private final PrintWriter err;
    private final boolean interactive;
    private long lastPrint;
    private boolean barShown;

    ConsoleProgress(PrintWriter err, boolean interactive) {
        this.err = err;
        this.interactive = interactive;
    }

    @Override
    public void onRunStarted(RunStarted event) {
        err.printf(Locale.ROOT, "%s on %s: %d steps, run folder %s%n", event.config().kind().cliName(), event.device(),
                event.totalSteps(), event.runDir());
        if (event.firstStep() > 0) {
            err.printf(Locale.ROOT, "Resuming after step %d%n", event.firstStep());
        }
        err.flush();
    }

    @Override
    public void onStep(StepMetrics metrics) {
        long now = System.nanoTime();
        boolean last = metrics.step() == metrics.totalSteps();
        if (!last && now - lastPrint < (interactive ? REDRAW_NANOS : LINE_NANOS)) {
            return;
        }
        lastPrint = now;
        String line = describe(metrics);
        if (interactive) {
            err.print("\r" + line + "   ");
            barShown = true;
        } else {
            err.println(line);
        }
        err.flush();
    }

    @Override
    public void onEpoch(EpochMetrics metrics) {
        endBar();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %d: loss %.4f", metrics.epoch(),
                metrics.meanLoss()));
        appendPercent(line, "contrastive acc", metrics.contrastiveAccuracy());
        appendPercent(line, "probe acc", metrics.probeAccuracy());
        appendPercent(line, "train acc", metrics.trainAccuracy());
        appendPercent(line, "validation acc", metrics.validationAccuracy());
        line.append(String.format(Locale.ROOT, ", %.1f images/s, %s elapsed", metrics.imagesPerSecond(),
                duration(metrics.elapsedSeconds())));
        err.println(line);
        err.flush();
    }

    /** Ends the redrawn bar with a line break. */
    void close() {
        endBar();
        err.flush();
    }

    private void endBar() {
        if (barShown) {
            err.println();
            barShown = false;
        }
    }

    private static String describe(StepMetrics metrics) {
        double fraction = metrics.totalSteps() == 0 ? 1 : metrics.step() / (double) metrics.totalSteps();
        int filled = (int) Math.round(Math.min(1, Math.max(0, fraction)) * BAR_WIDTH);
        StringBuilder line = new StringBuilder("[");
        line.append("#".repeat(filled)).append("-".repeat(BAR_WIDTH - filled)).append("] ");
        line.append(String.format(Locale.ROOT, "step %d/%d, epoch %d, loss %.4f", metrics.step(), metrics.totalSteps(),
                metrics.epoch(), metrics.loss()));
        appendPercent(line, "acc", Double.isNaN(metrics.contrastiveAccuracy()) ? metrics.trainAccuracy()
                : metrics.contrastiveAccuracy());
        line.append(String.format(Locale.ROOT, ", %.1f images/s, ETA %s", metrics.imagesPerSecond(),
                duration(metrics.etaSeconds())));
        return line.toString();
    }

    private static void appendPercent(StringBuilder line, String name, double value) {
        if (!Double.isNaN(value)) {
            line.append(String.format(Locale.ROOT, ", %s %.1f%%", name, value * 100));
        }
    }

    private static String duration(double seconds) {
        long total = Math.round(Math.max(0, seconds));
        return String.format(Locale.ROOT, "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60);
    }
}
