package org.simclrstudio.core.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import org.simclrstudio.core.data.DatasetException;
import org.simclrstudio.core.data.DatasetSplit;
import org.simclrstudio.core.data.RgbImage;
import org.simclrstudio.core.data.Stl10Dataset;

/**
 * Measures opening an STL-10 folder whose {@code unlabeled_X.bin} has the full 100,000 images
 * (2.76 GB), written as a sparse file so that it costs no disk space, and the heap the open dataset
 * keeps. The heap figure comes from the JVM's used heap after a requested garbage collection, so it is
 * an estimate within a few hundred kilobytes.
 */
public final class DatasetOpenBenchmark {

    /** Images in the unlabeled split of STL-10. */
    public static final int STL10_UNLABELED_IMAGES = 100_000;

    private DatasetOpenBenchmark() {
    }

    /**
     * Open time and retained heap.
     *
     * @param images images in the opened split
     * @param fileBytes size of {@code unlabeled_X.bin}
     * @param openMs time of the first open in milliseconds
     * @param heapBytes heap still used by the open dataset (may be slightly negative from noise)
     */
    public record Result(int images, long fileBytes, double openMs, long heapBytes) {
    }

    /**
     * Creates {@code stl10_binary/unlabeled_X.bin} with {@code images} images under {@code folder},
     * opens it, reads a few images to check it, and deletes the file again.
     *
     * @throws IOException when the file cannot be created
     * @throws DatasetException when the dataset cannot be opened or read
     */
    public static Result measure(Path folder, int images) throws IOException, DatasetException {
        Path root = folder.resolve(Stl10Dataset.FOLDER_NAME);
        BenchSuite.writeClassNames(root);
        Path file = root.resolve("unlabeled_X.bin");
        long bytes = (long) images * Stl10Dataset.IMAGE_BYTES;
        try {
            try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
                sparse.setLength(bytes);
            }
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            long heapBefore = usedHeapAfterGc(memory);
            long start = System.nanoTime();
            try (Stl10Dataset dataset = Stl10Dataset.open(folder)) {
                double openMs = (System.nanoTime() - start) / 1e6;
                long heapAfter = usedHeapAfterGc(memory);
                DatasetSplit split = dataset.split(Stl10Dataset.UNLABELED)
                        .orElseThrow(() -> new DatasetException("No unlabeled split in " + root));
                if (split.size() != images) {
                    throw new DatasetException("Opened " + split.size() + " images in " + file + ", expected " + images);
                }
                for (int index : new int[] {0, images / 2, images - 1}) {
                    RgbImage image = split.image(index);
                    if (image.width() != Stl10Dataset.SIDE) {
                        throw new DatasetException("Image " + index + " of " + file + " has width " + image.width());
                    }
                }
                return new Result(images, bytes, openMs, heapAfter - heapBefore);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static long usedHeapAfterGc(MemoryMXBean memory) {
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
