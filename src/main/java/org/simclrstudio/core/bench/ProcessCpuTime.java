package org.simclrstudio.core.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * User and kernel CPU time of this process, read from {@code /proc/self/stat} on Linux. A large kernel
 * share during training points at page faults from the native memory allocator.
 *
 * @param userSeconds CPU time spent in user mode by all threads
 * @param kernelSeconds CPU time spent in the kernel on behalf of all threads
 */
public record ProcessCpuTime(double userSeconds, double kernelSeconds) {

    /** Linux reports these times in clock ticks; USER_HZ is 100 on every mainstream architecture. */
    private static final double TICKS_PER_SECOND = 100.0;

    /** Reads the current times, or returns empty where {@code /proc/self/stat} does not exist. */
    public static Optional<ProcessCpuTime> now() {
        Path stat = Path.of("/proc/self/stat");
        if (!Files.isReadable(stat)) {
            return Optional.empty();
        }
        try {
            String line = Files.readString(stat, StandardCharsets.US_ASCII);
            // The command name in brackets may contain spaces, so fields are counted after its ')'.
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            // Fields 14 (utime) and 15 (stime) of proc(5) are the 12th and 13th after the name.
            return Optional.of(new ProcessCpuTime(Long.parseLong(fields[11]) / TICKS_PER_SECOND,
                    Long.parseLong(fields[12]) / TICKS_PER_SECOND));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Returns the CPU time spent between {@code earlier} and this reading. */
    public ProcessCpuTime minus(ProcessCpuTime earlier) {
        return new ProcessCpuTime(userSeconds - earlier.userSeconds, kernelSeconds - earlier.kernelSeconds);
    }

    /** Returns the kernel share of the CPU time, between 0 and 1 (0 when no time passed). */
    public double kernelShare() {
        double total = userSeconds + kernelSeconds;
        return total > 0 ? kernelSeconds / total : 0;
    }
}
