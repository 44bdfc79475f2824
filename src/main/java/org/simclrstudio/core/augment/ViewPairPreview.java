package org.simclrstudio.core.augment;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.simclrstudio.core.data.RgbImage;

/**
 * Produces the two augmented views SimCLR sees of each picture, as RGB pictures on the CPU, for the
 * GUI's live preview. It runs the training {@link Augmenter}, so the preview shows exactly what training
 * does with the same parameters.
 */
public final class ViewPairPreview {

    private ViewPairPreview() {
    }

    /**
     * Two views of one picture.
     *
     * @param first the first view
     * @param second the second view
     */
    public record ViewPair(RgbImage first, RgbImage second) {
    }

    /**
     * Returns the two views of every picture, in the order given.
     *
     * <p>Each picture is reduced to its centred square and resampled to {@code size x size}. View {@code v}
     * of picture {@code i} uses a seed derived from {@code seed}, {@code i} and {@code v}, so the same seed
     * gives the same pictures and another seed gives new ones.
     *
     * @throws IllegalArgumentException when {@code size} is below 1
     */
    public static List<ViewPair> render(List<RgbImage> images, AugmentParams params, int size, long seed) {
        Augmenter augmenter = new Augmenter(params, size);
        List<ViewPair> pairs = new ArrayList<>(images.size());
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            for (int i = 0; i < images.size(); i++) {
                try (NDManager imageManager = manager.newSubManager()) {
                    NDArray batch = toBatch(imageManager, images.get(i));
                    RgbImage first = toImage(augmenter.augment(batch, viewSeed(seed, i, 0)));
                    RgbImage second = toImage(augmenter.augment(batch, viewSeed(seed, i, 1)));
                    pairs.add(new ViewPair(first, second));
                }
            }
        }
        return pairs;
    }

    /** Returns the seed of view {@code view} of item {@code index}, spread so neighbouring items differ. */
    public static long viewSeed(long seed, long index, int view) {
        long mixed = seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + view * 0x94D049BB133111EBL;
        mixed ^= mixed >>> 31;
        return mixed;
    }

    /** Returns a picture as a uint8 {@code [1, 3, H, W]} array. */
    public static NDArray toBatch(NDManager manager, RgbImage image) {
        NDArray interleaved = manager.create(ByteBuffer.wrap(image.pixels()),
                new Shape(1, image.height(), image.width(), 3), DataType.UINT8);
        return interleaved.transpose(0, 3, 1, 2);
    }

    /** Returns the first image of a float {@code [N, 3, S, S]} batch in [0, 1] as an RGB picture. */
    public static RgbImage toImage(NDArray view) {
        Shape shape = view.getShape();
        int height = (int) shape.get(2);
        int width = (int) shape.get(3);
        NDArray first = view.get(0).mul(255f).add(0.5f).clip(0f, 255f).toType(DataType.UINT8, false)
                .transpose(1, 2, 0);
        return new RgbImage(width, height, first.toByteArray());
    }
}
