package org.simclrstudio.core.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes images and labels in the STL-10 binary layout that {@link Stl10Dataset} reads, for test
 * fixtures and benchmarks made from real photos.
 */
public final class Stl10Writer {

    private Stl10Writer() {
    }

    /**
     * Encodes a 96x96 picture as one STL-10 record: channel after channel, each column-major.
     *
     * @throws IllegalArgumentException when the picture is not 96x96
     */
    public static byte[] encode(RgbImage image) {
        if (image.width() != Stl10Dataset.SIDE || image.height() != Stl10Dataset.SIDE) {
            throw new IllegalArgumentException("STL-10 images are 96x96, got " + image.width() + "x" + image.height());
        }
        byte[] record = new byte[Stl10Dataset.IMAGE_BYTES];
        byte[] pixels = image.pixels();
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < Stl10Dataset.SIDE; y++) {
                for (int x = 0; x < Stl10Dataset.SIDE; x++) {
                    record[c * Stl10Dataset.PLANE_BYTES + x * Stl10Dataset.SIDE + y] =
                            pixels[(y * Stl10Dataset.SIDE + x) * 3 + c];
                }
            }
        }
        return record;
    }

    /** Writes the pictures as an image file such as {@code train_X.bin}. */
    public static void writeImages(Path file, List<RgbImage> images) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (RgbImage image : images) {
                out.write(encode(image));
            }
        }
    }

    /** Writes 0-based labels as a label file such as {@code train_y.bin}, which stores them as 1..10. */
    public static void writeLabels(Path file, int[] labels) throws IOException {
        byte[] bytes = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= Stl10Dataset.CLASS_COUNT) {
                throw new IllegalArgumentException("Label " + labels[i] + " at " + i + " is outside 0..9");
            }
            bytes[i] = (byte) (labels[i] + 1);
        }
        Files.write(file, bytes);
    }
}
