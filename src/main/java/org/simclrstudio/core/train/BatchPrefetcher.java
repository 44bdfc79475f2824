package org.simclrstudio.core.train;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.simclrstudio.core.data.DatasetException;
import org.simclrstudio.core.data.DatasetSplit;

/**
 * Reads batches of images from a dataset split on a background thread, ahead of the training loop, so
 * that reading overlaps the previous step. Each batch is planar uint8 RGB, the layout of an NCHW tensor.
 *
 * <p>The split must have a fixed image size. Batches come out in the order of the index lists given.
 */
public final class BatchPrefetcher implements AutoCloseable {

    /** Batches read ahead of the consumer; two keep the reader one step ahead while a step runs. */
    public static final int DEFAULT_DEPTH = 2;

    private static final Object END = new Object();

    private final BlockingQueue<Object> queue;
    private final Thread reader;
    private volatile boolean closed;

    /**
     * One batch of images.
     *
     * @param indices the images' indices in the split
     * @param pixels planar RGB bytes, {@code indices.length * 3 * height * width}
     * @param height image height in pixels
     * @param width image width in pixels
     */
    public record Batch(int[] indices, byte[] pixels, int height, int width) {
    }

    /**
     * Starts reading {@code batches} (lists of image indices) from {@code split}, at most {@code depth}
     * batches ahead.
     *
     * @throws IllegalArgumentException when the split has no fixed image size or depth is below 1
     */
    public BatchPrefetcher(DatasetSplit split, List<int[]> batches, int depth) {
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(batches, "batches");
        if (split.imageWidth() < 1 || split.imageHeight() < 1) {
            throw new IllegalArgumentException("Split '" + split.name() + "' has images of different sizes;"
                    + " batches need one fixed size");
        }
        if (depth < 1) {
            throw new IllegalArgumentException("Invalid prefetch depth " + depth + ": expected at least 1");
        }
        this.queue = new ArrayBlockingQueue<>(depth + 1);
        this.reader = new Thread(() -> readAll(split, batches), "batch-prefetch-" + split.name());
        reader.setDaemon(true);
        reader.start();
    }

    private void readAll(DatasetSplit split, List<int[]> batches) {
        int height = split.imageHeight();
        int width = split.imageWidth();
        int imageBytes = 3 * height * width;
        try {
            Object last = END;
            try {
                for (int[] indices : batches) {
                    if (closed) {
                        return;
                    }
                    byte[] pixels = new byte[indices.length * imageBytes];
                    for (int i = 0; i < indices.length; i++) {
                        split.readPlanar(indices[i], pixels, i * imageBytes);
                    }
                    queue.put(new Batch(indices.clone(), pixels, height, width));
                }
            } catch (DatasetException | RuntimeException e) {
                last = e;
            }
            queue.put(last);
        } catch (InterruptedException e) {
            // close() interrupts the reader; nobody waits for more batches.
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Returns the next batch, waiting for the reader if it is behind, or null after the last one.
     *
     * @throws DatasetException when reading an image failed
     * @throws InterruptedException when the calling thread is interrupted while waiting
     */
    public Batch next() throws DatasetException, InterruptedException {
        if (closed) {
            throw new IllegalStateException("The prefetcher is closed");
        }
        Object item = queue.take();
        if (item == END) {
            queue.put(END);
            return null;
        }
        if (item instanceof DatasetException error) {
            queue.put(error);
            throw new DatasetException(error.getMessage(), error);
        }
        if (item instanceof RuntimeException error) {
            queue.put(error);
            throw error;
        }
        return (Batch) item;
    }

    /** Stops the reader thread and drops batches not yet taken. */
    @Override
    public void close() {
        closed = true;
        reader.interrupt();
        queue.clear();
    }
}
