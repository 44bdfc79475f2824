package org.simclrstudio.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import org.simclrstudio.core.data.RgbImage;

/** Fixture access and pixel statistics shared by the image tests. */
final class TestImages {

    private TestImages() {
    }

    /** Returns the path of a committed fixture under {@code src/test/resources/images}. */
    static Path fixture(String name) {
        URL url = TestImages.class.getResource("/images/" + name);
        assertNotNull(url, "missing test fixture images/" + name);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Returns the bytes of a class path resource, such as a file inside the TwelveMonkeys test jars
     * ({@code exif/Landscape_1.jpg}, {@code jpeg/cmyk-sample.jpg}, {@code webp/1.webp}).
     */
    static byte[] resource(String name) {
        try (InputStream in = TestImages.class.getResourceAsStream("/" + name)) {
            assertNotNull(in, "missing class path resource " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes a class path resource, named in messages by its path. */
    static RgbImage decodeResource(String name) throws ImageDecodeException {
        return ImageDecoder.decode(resource(name), name);
    }

    /** Returns the mean absolute difference per channel sample of two images of equal size. */
    static double meanAbsoluteDifference(RgbImage a, RgbImage b) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException("sizes differ: " + a.width() + "x" + a.height() + " and "
                    + b.width() + "x" + b.height());
        }
        long sum = 0;
        for (int i = 0; i < a.pixels().length; i++) {
            sum += Math.abs((a.pixels()[i] & 0xFF) - (b.pixels()[i] & 0xFF));
        }
        return (double) sum / a.pixels().length;
    }

    /** Returns the mean {R, G, B} of the rectangle at ({@code left}, {@code top}). */
    static double[] meanColour(RgbImage image, int left, int top, int width, int height) {
        double[] sum = new double[3];
        for (int y = top; y < top + height; y++) {
            for (int x = left; x < left + width; x++) {
                int rgb = image.rgb(x, y);
                sum[0] += rgb >> 16 & 0xFF;
                sum[1] += rgb >> 8 & 0xFF;
                sum[2] += rgb & 0xFF;
            }
        }
        int count = width * height;
        return new double[] {sum[0] / count, sum[1] / count, sum[2] / count};
    }

    /** Asserts that each channel of a mean colour is within {@code tolerance} of {@code expectedRgb}. */
    static void assertColourNear(int expectedRgb, double[] actual, double tolerance, String what) {
        String[] channels = {"red", "green", "blue"};
        for (int c = 0; c < 3; c++) {
            int expected = expectedRgb >> (16 - 8 * c) & 0xFF;
            assertEquals(expected, actual[c], tolerance, what + " " + channels[c]);
        }
    }

    /** Returns a {@code width} x {@code height} image filled with one colour. */
    static RgbImage flat(int width, int height, int rgb) {
        byte[] pixels = new byte[width * height * 3];
        for (int i = 0; i < pixels.length; i += 3) {
            pixels[i] = (byte) (rgb >> 16);
            pixels[i + 1] = (byte) (rgb >> 8);
            pixels[i + 2] = (byte) rgb;
        }
        return new RgbImage(width, height, pixels);
    }

    /** Formats a packed RGB value as six hexadecimal digits, for assertion messages. */
    static String hex(int rgb) {
        return String.format("%06x", rgb & 0xFFFFFF);
    }
}
