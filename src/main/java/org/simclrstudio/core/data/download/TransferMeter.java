package org.simclrstudio.core.data.download;

import java.util.Locale;

/**
 * Bytes done out of a total, the transfer rate over the last few seconds and the time left, formatted
 * for a progress message such as {@code "1.2 GB of 2.6 GB, 11.5 MB/s, 2 min 03 s left"}.
 *
 * <p>Not thread-safe: one thread updates and formats it.
 */
public final class TransferMeter {

    private static final long WINDOW_NANOS = 5_000_000_000L;

    private final long total;
    private long windowStartNanos;
    private long windowStartBytes;
    private double bytesPerSecond = Double.NaN;
    private long done;

    /**
     * Creates a meter that starts at {@code startBytes} (bytes already present when a download resumes).
     *
     * @param total total bytes, or -1 when unknown
     */
    public TransferMeter(long startBytes, long total) {
        this.total = total;
        this.done = startBytes;
        this.windowStartBytes = startBytes;
        this.windowStartNanos = System.nanoTime();
    }

    /** Records that {@code bytes} bytes are done in all, and updates the rate. */
    public void update(long bytes) {
        done = bytes;
        long now = System.nanoTime();
        long elapsed = now - windowStartNanos;
        if (elapsed >= 500_000_000L) {
            double windowRate = (done - windowStartBytes) * 1e9 / elapsed;
            bytesPerSecond = Double.isNaN(bytesPerSecond) ? windowRate : 0.5 * bytesPerSecond + 0.5 * windowRate;
            if (elapsed >= WINDOW_NANOS) {
                windowStartNanos = now;
                windowStartBytes = done;
            }
        }
    }

    /** Returns the bytes done. */
    public long done() {
        return done;
    }

    /** Returns the total bytes, or -1 when unknown. */
    public long total() {
        return total;
    }

    /** Returns the recent rate in bytes per second, or NaN before half a second has passed. */
    public double bytesPerSecond() {
        return bytesPerSecond;
    }

    /** Returns the estimated seconds left, or -1 when the total or the rate is unknown. */
    public long secondsLeft() {
        if (total < 0 || Double.isNaN(bytesPerSecond) || bytesPerSecond <= 0) {
            return -1;
        }
        return (long) Math.ceil((total - done) / bytesPerSecond);
    }

    /** Formats bytes, rate and time left, leaving out what is not known yet. */
    public String describe() {
        StringBuilder text = new StringBuilder(formatBytes(done));
        if (total >= 0) {
            text.append(" of ").append(formatBytes(total));
        }
        if (!Double.isNaN(bytesPerSecond)) {
            text.append(", ").append(formatBytes((long) bytesPerSecond)).append("/s");
        }
        long left = secondsLeft();
        if (left >= 0) {
            text.append(", ").append(formatDuration(left)).append(" left");
        }
        return text.toString();
    }

    /** Formats a byte count with decimal units (kB, MB, GB), as download tools and file managers do. */
    public static String formatBytes(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        String pattern = "%.0f %s";
        if (value < 10) {
            pattern = "%.2f %s";
        } else if (value < 100) {
            pattern = "%.1f %s";
        }
        return String.format(Locale.ROOT, pattern, value, units[unit]);
    }

    /** Formats seconds as {@code 45 s}, {@code 2 min 03 s} or {@code 1 h 05 min}. */
    public static String formatDuration(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, (seconds % 3600) / 60);
    }
}
