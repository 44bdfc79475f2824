package org.simclrstudio.core.data;

/**
 * One named split of a dataset ({@code train}, {@code test} or {@code unlabeled}): a fixed number of
 * images addressed by index, each with a class label or none.
 *
 * <p>Implementations are safe to read from several threads at once.
 */
public interface DatasetSplit {

    /** Label value of an image without a label. */
    int NO_LABEL = -1;

    /** Returns the split name, such as {@code train}, {@code test} or {@code unlabeled}. */
    String name();

    /** Returns the number of images. */
    int size();

    /** Returns whether the images of this split carry class labels. */
    boolean isLabelled();

    /**
     * Returns the class of the image at {@code index} as 0-based index into the dataset's class names,
     * or {@link #NO_LABEL} for an unlabelled split.
     */
    int label(int index);

    /** Returns the image width when every image of the split has the same size, else -1. */
    int imageWidth();

    /** Returns the image height when every image of the split has the same size, else -1. */
    int imageHeight();

    /**
     * Reads the image at {@code index} as an RGB picture (grey images become three equal channels).
     *
     * @throws DatasetException when the image cannot be read or decoded
     */
    RgbImage image(int index) throws DatasetException;

    /**
     * Writes the image at {@code index} into {@code target} starting at {@code offset} as planar RGB
     * bytes ({@code channel * height * width + y * width + x}), the layout of an NCHW tensor.
     * Only splits with a fixed image size support it; the default goes through {@link #image(int)}.
     *
     * @throws DatasetException when the image cannot be read or the split has no fixed size
     */
    default void readPlanar(int index, byte[] target, int offset) throws DatasetException {
        RgbImage image = image(index);
        if (image.width() != imageWidth() || image.height() != imageHeight()) {
            throw new DatasetException("Image " + index + " of split '" + name() + "' is " + image.width() + "x"
                    + image.height() + ", expected " + imageWidth() + "x" + imageHeight());
        }
        int plane = image.width() * image.height();
        byte[] pixels = image.pixels();
        for (int i = 0; i < plane; i++) {
            target[offset + i] = pixels[i * 3];
            target[offset + plane + i] = pixels[i * 3 + 1];
            target[offset + 2 * plane + i] = pixels[i * 3 + 2];
        }
    }
}
