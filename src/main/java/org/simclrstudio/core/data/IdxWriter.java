package org.simclrstudio.core.data;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes grey images and labels as IDX files that {@link IdxDataset} reads, gzip-compressed when the
 * file name ends with {@code .gz}. The gzip header carries no time stamp, so equal input gives equal
 * files.
 */
public final class IdxWriter {

    private IdxWriter() {
    }

    /**
     * Writes {@code count} grey images of {@code rows x columns} pixels, stored one after another
     * row by row in {@code pixels}.
     *
     * @throws IllegalArgumentException when {@code pixels} does not contain exactly {@code count} images
     */
    public static void writeImages(Path file, int count, int rows, int columns, byte[] pixels) throws IOException {
        if ((long) count * rows * columns != pixels.length) {
            throw new IllegalArgumentException("Expected " + ((long) count * rows * columns) + " pixel bytes for "
                    + count + " images of " + rows + "x" + columns + ", got " + pixels.length);
        }
        try (DataOutputStream out = new DataOutputStream(open(file))) {
            out.writeInt(IdxDataset.IMAGES_MAGIC);
            out.writeInt(count);
            out.writeInt(rows);
            out.writeInt(columns);
            out.write(pixels);
        }
    }

    /** Writes one label byte (0 to 255) per image. */
    public static void writeLabels(Path file, byte[] labels) throws IOException {
        try (DataOutputStream out = new DataOutputStream(open(file))) {
            out.writeInt(IdxDataset.LABELS_MAGIC);
            out.writeInt(labels.length);
            out.write(labels);
        }
    }

    private static OutputStream open(Path file) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        if (file.getFileName().toString().endsWith(".gz")) {
            return new GZIPOutputStream(out, 1 << 16);
        }
        return out;
    }
}
