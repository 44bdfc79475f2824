package org.simclrstudio.core.engine;

import java.net.URI;
import java.util.List;

/**
 * The files of the CUDA build of libtorch to download, with their compressed sizes, so the user sees
 * the download size before it starts.
 *
 * @param files the gzip-compressed library files, in download order
 * @param totalBytes sum of the compressed sizes, or -1 when the server did not report every size
 */
public record CudaDownloadPlan(List<File> files, long totalBytes) {

    /** Copies {@code files} so the record stays immutable. */
    public CudaDownloadPlan {
        files = List.copyOf(files);
    }

    /**
     * One library file on the download server.
     *
     * @param uri address of the gzip-compressed file
     * @param fileName name of the file once decompressed, such as {@code libtorch_cuda.so}
     * @param compressedBytes size of the download, or -1 when the server did not report it
     */
    public record File(URI uri, String fileName, long compressedBytes) {
    }

    /** Returns the download size for people, such as "2.4 GB", or "unknown size". */
    public String sizeText() {
        return totalBytes < 0 ? "unknown size" : formatBytes(totalBytes);
    }

    /** Formats a byte count with a decimal unit (kB, MB, GB), as download dialogs usually do. */
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
        return String.format(java.util.Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, units[unit]);
    }
}
