package org.simclrstudio.core.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.simclrstudio.core.data.RgbImage;

class AugmenterTest {

    private static NDManager manager;

    @BeforeAll
    static void start() {
        manager = NDManager.newBaseManager(Device.cpu());
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    /** A batch of random uint8 images. */
    private static NDArray randomBatch(int n, int size, long seed) {
        byte[] bytes = new byte[n * 3 * size * size];
        new Random(seed).nextBytes(bytes);
        return manager.create(ByteBuffer.wrap(bytes), new Shape(n, 3, size, size), DataType.UINT8);
    }

    /** Images whose left half is black and right half white in every channel. */
    private static NDArray halfBatch(int n, int size) {
        byte[] bytes = new byte[n * 3 * size * size];
        for (int i = 0; i < bytes.length; i++) {
            int x = i % size;
            bytes[i] = (byte) (x < size / 2 ? 0 : 255);
        }
        return manager.create(ByteBuffer.wrap(bytes), new Shape(n, 3, size, size), DataType.UINT8);
    }

    @Test
    void presetViewsStayInUnitRange() {
        for (AugmentParams params : List.of(AugmentParams.kerasContrastive(), AugmentParams.kerasClassification(),
                AugmentParams.simclrPaper())) {
            try (NDManager step = manager.newSubManager()) {
                NDArray batch = randomBatch(6, 20, 1);
                batch.attach(step);
                NDArray view = new Augmenter(params, 16).augment(batch, 42);
                assertEquals(new Shape(6, 3, 16, 16), view.getShape());
                assertEquals(DataType.FLOAT32, view.getDataType());
                float[] values = view.toFloatArray();
                for (float value : values) {
                    assertTrue(value >= 0f, "value " + value + " outside [0, 1] for " + params);
                    assertTrue(value <= 1f, "value " + value + " outside [0, 1] for " + params);
                }
            }
        }
    }

    @Test
    void sameSeedGivesSameViews() {
        NDArray batch = randomBatch(4, 24, 2);
        Augmenter augmenter = new Augmenter(AugmentParams.simclrPaper(), 24);
        float[] first = augmenter.augment(batch, 7).toFloatArray();
        float[] again = augmenter.augment(batch, 7).toFloatArray();
        float[] other = augmenter.augment(batch, 8).toFloatArray();
        assertArrayEquals(first, again);
        assertFalse(Arrays.equals(first, other), "another seed should give other views");
    }

    @Test
    void flipMirrorsLeftAndRight() {
        AugmentParams flipOnly = AugmentParams.none().withHorizontalFlip(true);
        int size = 8;
        NDArray batch = halfBatch(32, size);
        float[] values = new Augmenter(flipOnly, size).augment(batch, 3).toFloatArray();
        int flipped = 0;
        int kept = 0;
        int plane = size * size;
        for (int n = 0; n < 32; n++) {
            float left = values[n * 3 * plane];
            float right = values[n * 3 * plane + size - 1];
            if (left == 1f && right == 0f) {
                flipped++;
            } else if (left == 0f && right == 1f) {
                kept++;
            }
        }
        assertEquals(32, flipped + kept, "every image is either flipped or kept exactly");
        assertTrue(flipped > 0, "some images flipped");
        assertTrue(kept > 0, "some images kept");
    }

    @Test
    void noAugmentationKeepsSameSizeImage() {
        NDArray batch = randomBatch(2, 10, 4);
        float[] expected = batch.toType(DataType.FLOAT32, false).div(255f).toFloatArray();
        float[] actual = Augmenter.resize(batch, 10).toFloatArray();
        assertArrayEquals(expected, actual, 1e-5f);
    }

    @Test
    void colourAffineChangesColoursWithinRange() {
        NDArray batch = randomBatch(4, 12, 5);
        AugmentParams colourOnly = AugmentParams.none().withBrightness(0.6).withJitter(0.2);
        float[] plain = Augmenter.resize(batch, 12).toFloatArray();
        float[] coloured = new Augmenter(colourOnly, 12).augment(batch, 9).toFloatArray();
        assertFalse(Arrays.equals(plain, coloured));
    }

    @Test
    void invalidParameterNamesItself() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> AugmentParams.kerasContrastive().withMinArea(0));
        assertTrue(error.getMessage().contains("minArea"), error.getMessage());
    }

    @Test
    void previewReturnsTwoViewsPerImage() {
        byte[] pixels = new byte[40 * 30 * 3];
        new Random(6).nextBytes(pixels);
        RgbImage image = new RgbImage(40, 30, pixels);
        List<ViewPairPreview.ViewPair> pairs = ViewPairPreview.render(List.of(image, image),
                AugmentParams.kerasContrastive(), 24, 11);
        assertEquals(2, pairs.size());
        assertEquals(24, pairs.get(0).first().width());
        assertEquals(24, pairs.get(0).second().height());
        assertFalse(Arrays.equals(pairs.get(0).first().pixels(), pairs.get(0).second().pixels()));
        List<ViewPairPreview.ViewPair> again = ViewPairPreview.render(List.of(image, image),
                AugmentParams.kerasContrastive(), 24, 11);
        assertArrayEquals(pairs.get(1).first().pixels(), again.get(1).first().pixels());
    }

    @Test
    void previewWithoutAugmentationKeepsPixels() {
        byte[] pixels = new byte[6 * 6 * 3];
        new Random(8).nextBytes(pixels);
        RgbImage image = new RgbImage(6, 6, pixels);
        RgbImage view = ViewPairPreview.render(List.of(image), AugmentParams.none(), 6, 1).get(0).first();
        assertArrayEquals(pixels, view.pixels());
    }
}
