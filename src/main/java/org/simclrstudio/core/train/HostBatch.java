package org.simclrstudio.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import org.simclrstudio.core.data.DatasetException;
import org.simclrstudio.core.data.DatasetSplit;
import org.simclrstudio.core.data.RgbImage;
import org.simclrstudio.core.image.ImageResizer;

/**
 * A batch of images read into host memory as planar uint8 bytes ({@code [N, 3, H, W]}), with their labels.
 *
 * @param pixels {@code count * 3 * height * width} bytes
 * @param count number of images
 * @param height image height in pixels
 * @param width image width in pixels
 * @param labels class of each image, or null for unlabelled images
 */
public record HostBatch(byte[] pixels, int count, int height, int width, long[] labels) {

    /**
     * Reads the images at {@code indices}. Splits with a fixed image size are read as they are; images of
     * splits without one are scaled and centre-cropped to {@code fallbackSize} first.
     *
     * @throws DatasetException when an image cannot be read
     */
    public static HostBatch read(DatasetSplit split, int[] indices, boolean withLabels, int fallbackSize)
            throws DatasetException {
        int height = split.imageHeight();
        int width = split.imageWidth();
        boolean fixed = height > 0 && width > 0;
        if (!fixed) {
            height = fallbackSize;
            width = fallbackSize;
        }
        int imageBytes = 3 * height * width;
        byte[] pixels = new byte[indices.length * imageBytes];
        long[] labels = withLabels ? new long[indices.length] : null;
        for (int i = 0; i < indices.length; i++) {
            if (fixed) {
                split.readPlanar(indices[i], pixels, i * imageBytes);
            } else {
                RgbImage image = ImageResizer.resizeShorterSideAndCenterCrop(split.image(indices[i]), fallbackSize);
                toPlanar(image, pixels, i * imageBytes);
            }
            if (labels != null) {
                labels[i] = split.label(indices[i]);
            }
        }
        return new HostBatch(pixels, indices.length, height, width, labels);
    }

    /** Writes an interleaved RGB picture as planar bytes at {@code offset}. */
    static void toPlanar(RgbImage image, byte[] target, int offset) {
        int plane = image.width() * image.height();
        byte[] source = image.pixels();
        for (int i = 0; i < plane; i++) {
            target[offset + i] = source[i * 3];
            target[offset + plane + i] = source[i * 3 + 1];
            target[offset + 2 * plane + i] = source[i * 3 + 2];
        }
    }

    /** Returns the images as a uint8 {@code [N, 3, H, W]} array in {@code manager} (and on its device). */
    public NDArray images(NDManager manager) {
        return manager.create(ByteBuffer.wrap(pixels), new Shape(count, 3, height, width), DataType.UINT8);
    }

    /** Returns the labels as an int64 {@code [N]} array in {@code manager}. */
    public NDArray labelArray(NDManager manager) {
        if (labels == null) {
            throw new IllegalStateException("This batch has no labels");
        }
        return manager.create(labels);
    }
}
