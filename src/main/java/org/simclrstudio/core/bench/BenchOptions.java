package org.simclrstudio.core.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Settings of one benchmark run.
 *
 * @param batchSize images per pretraining batch; a step trains on twice as many views
 * @param imageSize side of the square training views in pixels
 * @param warmupSteps untimed steps before each timed training measurement
 * @param steps timed training steps per measurement
 * @param gemmSize side of the square matrices of the GEMM measurement
 * @param classifyRepeats timed classifications of the photo
 * @param datasetImages images in the sparse STL-10 file of the open measurement
 * @param data dataset folder for the epoch measurement, or null for a generated STL-10 folder
 * @param photo picture for the classify measurement, or null for a generated 12-megapixel JPEG
 * @param device DJL device name ({@code auto}, {@code cpu} or {@code gpu})
 * @param parts measurements to run, a subset of {@link #ALL_PARTS}
 */
public record BenchOptions(int batchSize, int imageSize, int warmupSteps, int steps, int gemmSize,
        int classifyRepeats, int datasetImages, Path data, Path photo, String device, Set<String> parts) {

    /** Names of the measurements, in the order they run. */
    public static final List<String> ALL_PARTS = List.of("gemm", "step", "epoch", "classify", "open");

    /** Checks that every count is positive and every part is known. */
    public BenchOptions {
        requirePositive("batch size", batchSize);
        requirePositive("image size", imageSize);
        requirePositive("steps", steps);
        requirePositive("GEMM size", gemmSize);
        requirePositive("classify repeats", classifyRepeats);
        requirePositive("dataset images", datasetImages);
        parts = Set.copyOf(parts);
        for (String part : parts) {
            if (!ALL_PARTS.contains(part)) {
                throw new IllegalArgumentException("Unknown benchmark part '" + part + "': expected some of "
                        + String.join(", ", ALL_PARTS));
            }
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("Invalid warm-up steps " + warmupSteps + ": expected 0 or more");
        }
    }

    /** Returns whether the measurement {@code part} runs. */
    public boolean runs(String part) {
        return parts.contains(part);
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("Invalid " + name + " " + value + ": expected 1 or more");
        }
    }
}
