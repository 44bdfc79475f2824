package org.simclrstudio.core.bench;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.simclrstudio.core.data.RgbImage;
import org.simclrstudio.core.image.ImageDecodeException;
import org.simclrstudio.core.image.ImageDecoder;
import org.simclrstudio.core.infer.Classifier;
import org.simclrstudio.core.infer.Prediction;

/**
 * Measures the latency of classifying one dropped picture as the app does it: decode the file shrunk to
 * the network input ({@link ImageDecoder#decodeDownscaled}), then {@link Classifier#classify}, which
 * crops the centre square, runs encoder and head in inference mode and returns the top 5 classes.
 */
public final class ClassifyBenchmark {

    /** Classes the latency includes in its top list, as the drop target shows them. */
    public static final int TOP = 5;

    private ClassifyBenchmark() {
    }

    /**
     * Latency percentiles in milliseconds.
     *
     * @param p50Ms median time from file to top classes
     * @param p95Ms 95th percentile of the same
     * @param decodeP50Ms median time of decoding the file alone
     * @param samples timed classifications
     */
    public record Latency(double p50Ms, double p95Ms, double decodeP50Ms, int samples) {
    }

    /**
     * Classifies {@code photo} {@code warmup + repeats} times with {@code classifier} and returns the
     * percentiles of the last {@code repeats}.
     *
     * @throws ImageDecodeException when the photo cannot be decoded
     */
    public static Latency measure(Classifier classifier, Path photo, int warmup, int repeats) throws ImageDecodeException {
        double[] millis = new double[repeats];
        double[] decodeMillis = new double[repeats];
        for (int i = -warmup; i < repeats; i++) {
            long start = System.nanoTime();
            RgbImage decoded = ImageDecoder.decodeDownscaled(photo, classifier.imageSize());
            long decodedAt = System.nanoTime();
            List<Prediction> top = classifier.classify(decoded, TOP);
            if (top.isEmpty()) {
                throw new IllegalStateException("Classification of " + photo + " returned no classes");
            }
            if (i >= 0) {
                millis[i] = (System.nanoTime() - start) / 1e6;
                decodeMillis[i] = (decodedAt - start) / 1e6;
            }
        }
        Arrays.sort(millis);
        Arrays.sort(decodeMillis);
        return new Latency(percentile(millis, 0.50), percentile(millis, 0.95), percentile(decodeMillis, 0.50), repeats);
    }

    /** Returns the nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double fraction) {
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /**
     * Writes a {@code width x height} JPEG of smooth colour gradients with fine noise at {@code file}. It
     * replaces a phone photo of that size, because decoding costs about the same.
     */
    public static void writeSyntheticPhoto(Path file, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        SplittableRandom random = new SplittableRandom(3);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = (255 * x / width + random.nextInt(24)) & 0xff;
                int g = (255 * y / height + random.nextInt(24)) & 0xff;
                int b = (128 + 127 * (x + y) / (width + height) + random.nextInt(24)) & 0xff;
                row[x] = (r << 16) | (g << 8) | b;
            }
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        if (!ImageIO.write(image, "jpg", file.toFile())) {
            throw new IOException("No JPEG writer available to write " + file);
        }
    }
}
