package org.simclrstudio.core.augment;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.simclrstudio.core.data.RgbImage;

/**
 * Produces the two augmented views that pretraining feeds to the encoder, as RGB pictures on the CPU, for the
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
     * <p>Each picture is reduced to its centred square and resampled to {@code size x size}. Pictures of the
     * same size are augmented together as one batch, so a call costs two augmenter passes per distinct
     * picture size. The same pictures, parameters and seed give the same views; another seed gives new ones.
     *
     * @throws IllegalArgumentException when {@code size} is below 1
     */
    public static List<ViewPair> render(List<RgbImage> images, AugmentParams params, int size, long seed) {
        Augmenter augmenter = new Augmenter(params, size);
        ViewPair[] pairs = new ViewPair[images.size()];
        Map<List<Integer>, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < images.size(); i++) {
            RgbImage image = images.get(i);
            groups.computeIfAbsent(List.of(image.width(), image.height()), key -> new ArrayList<>()).add(i);
        }
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            int group = 0;
            for (List<Integer> members : groups.values()) {
                RgbImage sample = images.get(members.get(0));
                int imageBytes = sample.pixels().length;
                byte[] interleaved = new byte[members.size() * imageBytes];
                for (int k = 0; k < members.size(); k++) {
                    System.arraycopy(images.get(members.get(k)).pixels(), 0, interleaved, k * imageBytes, imageBytes);
                }
                NDArray batch = manager.create(ByteBuffer.wrap(interleaved),
                        new Shape(members.size(), sample.height(), sample.width(), 3), DataType.UINT8)
                        .transpose(0, 3, 1, 2);
                byte[][] first = toImages(augmenter.augment(batch, viewSeed(seed, group, 0)));
                byte[][] second = toImages(augmenter.augment(batch, viewSeed(seed, group, 1)));
                for (int k = 0; k < members.size(); k++) {
                    pairs[members.get(k)] = new ViewPair(new RgbImage(size, size, first[k]),
                            new RgbImage(size, size, second[k]));
                }
                group++;
            }
        }
        return List.of(pairs);
    }

    /** Returns each image of a float {@code [N, 3, S, S]} batch in [0, 1] as interleaved RGB bytes. */
    private static byte[][] toImages(NDArray views) {
        Shape shape = views.getShape();
        int n = (int) shape.get(0);
        int bytesPerImage = (int) (3 * shape.get(2) * shape.get(3));
        byte[] all = views.mul(255f).add(0.5f).clip(0f, 255f).toType(DataType.UINT8, false)
                .transpose(0, 2, 3, 1).toByteArray();
        byte[][] out = new byte[n][];
        for (int i = 0; i < n; i++) {
            out[i] = java.util.Arrays.copyOfRange(all, i * bytesPerImage, (i + 1) * bytesPerImage);
        }
        return out;
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
