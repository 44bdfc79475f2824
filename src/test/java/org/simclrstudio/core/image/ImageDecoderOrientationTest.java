package org.simclrstudio.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.simclrstudio.core.image.TestImages.decodeResource;
import static org.simclrstudio.core.image.TestImages.meanAbsoluteDifference;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.simclrstudio.core.data.RgbImage;

/**
 * EXIF orientation on Dave Perrett's example set (in the TwelveMonkeys JPEG test jar): each
 * {@code Landscape_N.jpg} and {@code Portrait_N.jpg} stores the same photo flipped or turned as tag
 * value N requires, so after decoding all must look like {@code _1} (N = 0 has no valid tag).
 */
class ImageDecoderOrientationTest {

    /** Mean absolute difference of 48x48 thumbnails below which two decodes show the same picture. */
    private static final double SAME_PICTURE = 3.0;

    private static RgbImage thumbnail(RgbImage image) {
        return ImageResizer.resize(image, 48, 48);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 3, 4, 5, 6, 7, 8})
    void landscapeComesOutUpright(int orientation) throws Exception {
        RgbImage upright = decodeResource("exif/Landscape_1.jpg");
        RgbImage image = decodeResource("exif/Landscape_" + orientation + ".jpg");

        assertEquals(1800, image.width());
        assertEquals(1200, image.height());
        double difference = meanAbsoluteDifference(thumbnail(upright), thumbnail(image));
        assertTrue(difference < SAME_PICTURE, "Landscape_" + orientation + " differs from Landscape_1 by " + difference);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 3, 4, 5, 6, 7, 8})
    void portraitComesOutUpright(int orientation) throws Exception {
        RgbImage upright = decodeResource("exif/Portrait_1.jpg");
        RgbImage image = decodeResource("exif/Portrait_" + orientation + ".jpg");

        assertEquals(1200, image.width());
        assertEquals(1800, image.height());
        double difference = meanAbsoluteDifference(thumbnail(upright), thumbnail(image));
        assertTrue(difference < SAME_PICTURE, "Portrait_" + orientation + " differs from Portrait_1 by " + difference);
    }

    @Test
    void downscaledDecodeTurnsAfterShrinking() throws Exception {
        RgbImage upright = ImageResizer.resize(decodeResource("exif/Landscape_1.jpg"), 144, 96);

        for (int orientation : new int[] {3, 6, 8}) {
            String name = "exif/Landscape_" + orientation + ".jpg";
            RgbImage small = ImageDecoder.decodeDownscaled(TestImages.resource(name), name, 96);
            assertEquals(144, small.width(), name);
            assertEquals(96, small.height(), name);
            double difference = meanAbsoluteDifference(upright, small);
            assertTrue(difference < SAME_PICTURE, name + " differs from Landscape_1 by " + difference);
        }
        RgbImage portrait = ImageDecoder.decodeDownscaled(TestImages.resource("exif/Portrait_6.jpg"), "Portrait_6.jpg", 96);
        assertEquals(96, portrait.width());
        assertEquals(144, portrait.height());
    }

    @Test
    void wrongOrientationIsDetectable() throws Exception {
        // Guards the threshold above: a mirrored or turned picture must count as different.
        RgbImage upright = thumbnail(decodeResource("exif/Landscape_1.jpg"));

        for (int orientation = 2; orientation <= 8; orientation++) {
            RgbImage moved = thumbnail(ExifOrientation.apply(decodeResource("exif/Landscape_1.jpg"), orientation));
            double difference = meanAbsoluteDifference(upright, moved);
            assertTrue(difference > 4 * SAME_PICTURE, "orientation " + orientation + " only differs by " + difference);
        }
    }

    @Test
    void orientationsMapCornersAsDefined() {
        // 3x2 picture with distinct corners: a b c / d e f (values 1..6 in the red channel).
        RgbImage image = new RgbImage(3, 2, new byte[] {1, 0, 0, 2, 0, 0, 3, 0, 0, 4, 0, 0, 5, 0, 0, 6, 0, 0});
        String[] expected = {
            "",
            "123/456", // 1 upright
            "321/654", // 2 mirror horizontally
            "654/321", // 3 turn 180
            "456/123", // 4 mirror vertically
            "14/25/36", // 5 transpose
            "41/52/63", // 6 turn 90 clockwise
            "63/52/41", // 7 transverse
            "36/25/14", // 8 turn 90 counter-clockwise
        };

        for (int orientation = 1; orientation <= 8; orientation++) {
            assertEquals(expected[orientation], rows(ExifOrientation.apply(image, orientation)), "orientation " + orientation);
        }
    }

    private static String rows(RgbImage image) {
        StringBuilder text = new StringBuilder();
        for (int y = 0; y < image.height(); y++) {
            if (y > 0) {
                text.append('/');
            }
            for (int x = 0; x < image.width(); x++) {
                text.append(image.rgb(x, y) >> 16);
            }
        }
        return text.toString();
    }
}
