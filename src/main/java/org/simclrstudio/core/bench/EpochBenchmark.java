package org.simclrstudio.core.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.simclrstudio.core.augment.Augmenter;
import org.simclrstudio.core.data.DatasetException;
import org.simclrstudio.core.data.DatasetSplit;
import org.simclrstudio.core.train.BatchPrefetcher;
import org.simclrstudio.core.train.TrainingSteps;

/**
 * Measures pretraining as an epoch runs it: shuffled batches read from a dataset split by a
 * {@link BatchPrefetcher} while the previous step trains, two augmented views per image made on the
 * device by the {@link Augmenter}, and the contrastive step.
 */
public final class EpochBenchmark {

    private EpochBenchmark() {
    }

    /**
     * Trains {@code warmupSteps + steps} batches of {@code batchSize} images from {@code split} and times
     * the last {@code steps}, waiting for data included.
     *
     * @throws DatasetException when an image cannot be read
     * @throws IllegalArgumentException when the split has fewer than {@code batchSize} images
     */
    public static StepTiming measure(NDManager parent, TrainingSteps trainingSteps, Augmenter augmenter,
            DatasetSplit split, int batchSize, int warmupSteps, int steps) throws DatasetException, InterruptedException {
        if (split.size() < batchSize) {
            throw new IllegalArgumentException("Split '" + split.name() + "' has " + split.size()
                    + " images, fewer than the batch size " + batchSize);
        }
        List<int[]> batches = shuffledBatches(split.size(), batchSize, warmupSteps + steps, 11);
        double[] seconds = new double[steps];
        try (BatchPrefetcher prefetcher = new BatchPrefetcher(split, batches, BatchPrefetcher.DEFAULT_DEPTH)) {
            for (int i = -warmupSteps; i < steps; i++) {
                long start = System.nanoTime();
                BatchPrefetcher.Batch batch = prefetcher.next();
                try (NDManager stepManager = parent.newSubManager()) {
                    Shape shape = new Shape(batch.indices().length, 3, batch.height(), batch.width());
                    ByteBuffer pixels = ByteBuffer.allocateDirect(batch.pixels().length);
                    pixels.put(batch.pixels()).flip();
                    NDArray images = stepManager.create(pixels, shape, DataType.UINT8);
                    long seed = 2L * (i + warmupSteps);
                    trainingSteps.contrastive(augmenter.augment(images, seed), augmenter.augment(images, seed + 1));
                }
                if (i >= 0) {
                    seconds[i] = (System.nanoTime() - start) / 1e9;
                }
            }
        }
        return new StepTiming(2 * batchSize, seconds);
    }

    /** Returns {@code count} batches of indices, each a slice of a fresh seeded shuffle when one runs out. */
    static List<int[]> shuffledBatches(int size, int batchSize, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] order = new int[size];
        int position = size;
        List<int[]> batches = new ArrayList<>(count);
        for (int b = 0; b < count; b++) {
            if (position + batchSize > size) {
                for (int i = 0; i < size; i++) {
                    order[i] = i;
                }
                for (int i = size - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    int swap = order[i];
                    order[i] = order[j];
                    order[j] = swap;
                }
                position = 0;
            }
            int[] batch = new int[batchSize];
            System.arraycopy(order, position, batch, 0, batchSize);
            position += batchSize;
            batches.add(batch);
        }
        return batches;
    }
}
