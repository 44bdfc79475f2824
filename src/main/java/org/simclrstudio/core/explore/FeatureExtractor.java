package org.simclrstudio.core.explore;

import java.util.Arrays;
import java.util.Locale;
import org.simclrstudio.core.data.DatasetException;
import org.simclrstudio.core.data.DatasetSplit;
import org.simclrstudio.core.data.RgbImage;
import org.simclrstudio.core.image.ImageResizer;
import org.simclrstudio.core.task.TaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes the images of a split in batches. Only one batch of pixels is in memory at a time, so
 * the heap needed is the feature matrix ({@code rows * featureSize} floats, 51 MB for 100,000
 * images of 128 features) plus one batch.
 */
public final class FeatureExtractor {

    /** Batch size used when the caller does not choose one. */
    public static final int DEFAULT_BATCH_SIZE = 64;

    private static final Logger LOG = LoggerFactory.getLogger(FeatureExtractor.class);

    private FeatureExtractor() {
    }

    /**
     * Returns {@code limit} split indices spread evenly over {@code 0..size-1}, or every index when
     * {@code limit} is at least {@code size} or not positive.
     */
    public static int[] evenlySpaced(int size, int limit) {
        if (limit <= 0 || limit >= size) {
            int[] all = new int[size];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int[] picked = new int[limit];
        for (int i = 0; i < limit; i++) {
            picked[i] = (int) ((long) i * size / limit);
        }
        return picked;
    }

    /**
     * Encodes every image of {@code split} in batches of {@link #DEFAULT_BATCH_SIZE}, as
     * {@link #extract(DatasetSplit, int[], FeatureEncoder, int, TaskContext)} does for chosen images.
     */
    public static FeatureMatrix extract(DatasetSplit split, FeatureEncoder encoder, TaskContext context)
            throws DatasetException {
        return extract(split, evenlySpaced(split.size(), 0), encoder, DEFAULT_BATCH_SIZE, context);
    }

    /**
     * Encodes the images of {@code split} at {@code indices}, reporting progress after each batch.
     *
     * @throws DatasetException when an image cannot be read, or the split's images differ in size and
     *     the encoder takes any size
     * @throws java.util.concurrent.CancellationException when {@code context} is cancelled; it is
     *     checked between batches
     */
    public static FeatureMatrix extract(DatasetSplit split, int[] indices, FeatureEncoder encoder, int batchSize,
            TaskContext context) throws DatasetException {
        if (batchSize < 1) {
            throw new IllegalArgumentException("Batch size must be at least 1, got " + batchSize);
        }
        int side = encoder.inputSize();
        // A split of one image size is read as stored and the encoder resizes the batch on its device.
        // Pictures of varying size are resized here, one by one, to the encoder's input size.
        boolean direct = split.imageWidth() > 0 && split.imageHeight() > 0;
        if (side <= 0 && !direct) {
            throw new DatasetException("The images of split '" + split.name()
                    + "' differ in size and the encoder takes any size, so they cannot be batched; "
                    + "use a model with a fixed image size");
        }
        int height = direct ? split.imageHeight() : side;
        int width = direct ? split.imageWidth() : side;
        int imageBytes = 3 * height * width;

        int rows = indices.length;
        int dimension = encoder.featureSize();
        float[] values = new float[Math.multiplyExact(rows, dimension)];
        int[] labels = new int[rows];
        byte[] batch = new byte[Math.min(batchSize, Math.max(rows, 1)) * imageBytes];
        LOG.info("Encoding {} images of split '{}' at {}x{} in batches of {}", rows, split.name(), width, height,
                batchSize);

        for (int start = 0; start < rows; start += batchSize) {
            context.throwIfCancelled();
            int count = Math.min(batchSize, rows - start);
            for (int i = 0; i < count; i++) {
                int index = indices[start + i];
                if (direct) {
                    split.readPlanar(index, batch, i * imageBytes);
                } else {
                    writePlanar(ImageResizer.resizeShorterSideAndCenterCrop(split.image(index), side), batch,
                            i * imageBytes);
                }
                labels[start + i] = split.label(index);
            }
            float[] features = encoder.encode(batch, count, height, width);
            if (features.length != count * dimension) {
                throw new IllegalStateException("Encoder returned " + features.length + " values for " + count
                        + " images of " + dimension + " features");
            }
            System.arraycopy(features, 0, values, start * dimension, features.length);
            int done = start + count;
            context.progress(done, rows, String.format(Locale.ROOT, "Encoded %,d of %,d images", done, rows));
        }
        return new FeatureMatrix(split.name(), dimension, values, indices.clone(), labels);
    }

    /**
     * Encodes one picture of any size, such as a file the user dropped. It is scaled so its shorter
     * side fits the encoder's input size ({@code fallbackSide} when the encoder takes any size) and
     * centre-cropped, as the classifier does with single pictures.
     */
    public static float[] encodeImage(RgbImage image, FeatureEncoder encoder, int fallbackSide) {
        int side = encoder.inputSize() > 0 ? encoder.inputSize() : fallbackSide;
        RgbImage square = ImageResizer.resizeShorterSideAndCenterCrop(image, side);
        byte[] planar = new byte[3 * side * side];
        writePlanar(square, planar, 0);
        return encoder.encode(planar, 1, side, side);
    }

    /** Writes {@code image} as planar RGB bytes at {@code offset}. */
    private static void writePlanar(RgbImage image, byte[] target, int offset) {
        int plane = image.width() * image.height();
        byte[] pixels = image.pixels();
        for (int i = 0; i < plane; i++) {
            target[offset + i] = pixels[i * 3];
            target[offset + plane + i] = pixels[i * 3 + 1];
            target[offset + 2 * plane + i] = pixels[i * 3 + 2];
        }
    }
}
