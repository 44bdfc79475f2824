package org.simclrstudio.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.simclrstudio.core.image.TestImages.fixture;
import static org.simclrstudio.core.image.TestImages.flat;
import static org.simclrstudio.core.image.TestImages.hex;
import static org.simclrstudio.core.image.TestImages.meanAbsoluteDifference;
import static org.simclrstudio.core.image.TestImages.meanColour;

import org.junit.jupiter.api.Test;
import org.simclrstudio.core.data.RgbImage;

class ImageResizerTest {

    private static final int RED = 0xFF0000;
    private static final int GREEN = 0x00FF00;
    private static final int BLUE = 0x0000FF;

    /** Returns a picture split into three vertical bands: red, green, blue from left to right. */
    private static RgbImage threeBands(int width, int height) {
        RgbImage image = flat(width, height, 0);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = BLUE;
                if (x < width / 3) {
                    rgb = RED;
                } else if (x < 2 * width / 3) {
                    rgb = GREEN;
                }
                int offset = (y * width + x) * 3;
                image.pixels()[offset] = (byte) (rgb >> 16);
                image.pixels()[offset + 1] = (byte) (rgb >> 8);
                image.pixels()[offset + 2] = (byte) rgb;
            }
        }
        return image;
    }

    @Test
    void resizeGivesRequestedSize() {
        RgbImage source = flat(401, 301, 0x336699);

        assertEquals(96, ImageResizer.resize(source, 96, 64).width());
        assertEquals(64, ImageResizer.resize(source, 96, 64).height());
        assertEquals(1000, ImageResizer.resize(source, 1000, 7).width());
        assertEquals(7, ImageResizer.resize(source, 1000, 7).height());
        assertEquals(1, ImageResizer.resize(source, 1, 1).width());
    }

    @Test
    void flatColourStaysExact() {
        int colour = 0x0CC84D;
        RgbImage[] results = {
            ImageResizer.resize(flat(401, 301, colour), 96, 96),
            ImageResizer.resize(flat(7, 5, colour), 20, 13),
            ImageResizer.resize(flat(640, 480, colour), 33, 777),
            ImageResizer.resizeShorterSideAndCenterCrop(flat(4000, 3000, colour), 96),
        };
        for (RgbImage result : results) {
            for (int y = 0; y < result.height(); y++) {
                for (int x = 0; x < result.width(); x++) {
                    assertEquals(hex(colour), hex(result.rgb(x, y)), result.width() + "x" + result.height()
                            + " at " + x + "," + y);
                }
            }
        }
    }

    @Test
    void downscaleAveragesArea() {
        // Alternating black and white columns average to mid grey.
        RgbImage stripes = flat(8, 4, 0);
        for (int i = 0; i < stripes.pixels().length; i += 6) {
            stripes.pixels()[i] = (byte) 255;
            stripes.pixels()[i + 1] = (byte) 255;
            stripes.pixels()[i + 2] = (byte) 255;
        }

        RgbImage half = ImageResizer.resize(stripes, 4, 2);

        for (byte value : half.pixels()) {
            assertEquals(128, value & 0xFF, 1);
        }
    }

    @Test
    void downscaleByFractionWeighsPartialPixels() {
        // Three source pixels 0, 90, 180 into two outputs: each covers 1.5 pixels.
        RgbImage row = new RgbImage(3, 1, new byte[] {0, 0, 0, 90, 90, 90, (byte) 180, (byte) 180, (byte) 180});

        RgbImage result = ImageResizer.resize(row, 2, 1);

        assertEquals(30, result.rgb(0, 0) >> 16, 1);
        assertEquals(150, result.rgb(1, 0) >> 16, 1);
    }

    @Test
    void upscaleInterpolatesLinearly() {
        RgbImage row = new RgbImage(2, 1, new byte[] {0, 0, 0, (byte) 255, (byte) 255, (byte) 255});

        RgbImage result = ImageResizer.resize(row, 4, 1);

        int[] reds = new int[4];
        for (int x = 0; x < 4; x++) {
            reds[x] = result.rgb(x, 0) >> 16;
        }
        assertArrayEquals(new int[] {0, 64, 191, 255}, reds);
    }

    @Test
    void resizeKeepsOrientation() throws Exception {
        RgbImage bands = ImageResizer.resize(threeBands(300, 200), 30, 20);

        assertEquals(hex(RED), hex(bands.rgb(2, 10)));
        assertEquals(hex(GREEN), hex(bands.rgb(15, 10)));
        assertEquals(hex(BLUE), hex(bands.rgb(27, 10)));

        // A real photo: halving it must look like the photo, not its mirror image.
        RgbImage cat = ImageDecoder.decode(fixture("chelsea.png"));
        RgbImage small = ImageResizer.resize(cat, 75, 50);
        RgbImage mirrored = ExifOrientation.apply(small, 2);
        RgbImage reference = ImageDecoder.decode(fixture("chelsea.bmp"));
        assertTrue(meanAbsoluteDifference(reference, small) < 2);
        assertTrue(meanAbsoluteDifference(reference, mirrored) > 10);
    }

    @Test
    void sameSizeReturnsSource() {
        RgbImage source = flat(10, 10, 0x123456);

        assertSame(source, ImageResizer.resize(source, 10, 10));
        assertSame(source, ImageResizer.centerCropSquare(source));
    }

    @Test
    void centerCropSquareKeepsMiddle() {
        RgbImage landscape = threeBands(300, 100);

        RgbImage square = ImageResizer.centerCropSquare(landscape);

        assertEquals(100, square.width());
        assertEquals(100, square.height());
        double[] mean = meanColour(square, 0, 0, 100, 100);
        assertArrayEquals(new double[] {0, 255, 0}, mean, 0.0);
    }

    @Test
    void centerCropSquareOfPortrait() {
        RgbImage portrait = flat(40, 100, 0);
        // Mark rows 30..69, the middle 40 rows.
        for (int y = 30; y < 70; y++) {
            for (int x = 0; x < 40; x++) {
                portrait.pixels()[(y * 40 + x) * 3] = (byte) 200;
            }
        }

        RgbImage square = ImageResizer.centerCropSquare(portrait);

        assertEquals(40, square.width());
        assertEquals(40, square.height());
        assertEquals(200, square.rgb(0, 0) >> 16);
        assertEquals(200, square.rgb(39, 39) >> 16);
    }

    @Test
    void shorterSideResizeAndCrop() {
        RgbImage landscape = threeBands(3000, 1000);

        RgbImage input = ImageResizer.resizeShorterSideAndCenterCrop(landscape, 96);

        assertEquals(96, input.width());
        assertEquals(96, input.height());
        assertArrayEquals(new double[] {0, 255, 0}, meanColour(input, 0, 0, 96, 96), 0.0);
    }

    @Test
    void shorterSideCropOfPhotoMatchesTwoSteps() throws Exception {
        RgbImage cat = ImageDecoder.decode(fixture("chelsea.png"));

        RgbImage direct = ImageResizer.resizeShorterSideAndCenterCrop(cat, 64);
        RgbImage twoSteps = ImageResizer.resize(ImageResizer.centerCropSquare(cat), 64, 64);

        assertEquals(64, direct.width());
        assertEquals(0, meanAbsoluteDifference(direct, twoSteps));
    }

    @Test
    void largePhotoSizedDownInParallelBands() {
        // Large enough to take the multi-threaded path; rows must line up across bands.
        RgbImage small = ImageResizer.resize(quadrants(3000, 2000), 300, 200);

        assertEquals(0, meanAbsoluteDifference(quadrants(300, 200), small));
    }

    /** Returns a picture red in the left half and green in the top half, so each quadrant differs. */
    private static RgbImage quadrants(int width, int height) {
        RgbImage image = flat(width, height, 0);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int offset = (y * width + x) * 3;
                image.pixels()[offset] = (byte) (x < width / 2 ? 255 : 0);
                image.pixels()[offset + 1] = (byte) (y < height / 2 ? 255 : 0);
            }
        }
        return image;
    }

    @Test
    void invalidSizesAreRejected() {
        RgbImage source = flat(10, 10, 0);

        assertThrows(IllegalArgumentException.class, () -> ImageResizer.resize(source, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> ImageResizer.resize(source, 10, -1));
        assertThrows(IllegalArgumentException.class, () -> ImageResizer.resizeShorterSideAndCenterCrop(source, 0));
    }
}
