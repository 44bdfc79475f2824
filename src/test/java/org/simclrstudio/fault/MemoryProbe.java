package org.simclrstudio.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the resident set size of this process from {@code /proc/self/status} (Linux). */
final class MemoryProbe {

    private MemoryProbe() {
    }

    /** Returns the resident memory in bytes, or -1 where {@code /proc/self/status} is missing. */
    static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    String kilobytes = line.substring("VmRSS:".length()).replace("kB", "").trim();
                    return Long.parseLong(kilobytes) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
