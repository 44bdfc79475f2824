package org.simclrstudio.core.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import javax.imageio.ImageIO;

/** Real pictures for tests, read from test resources with ImageIO. */
final class TestImages {

    private TestImages() {
    }

    /** Returns the 96x96 crop of the CC0 photo "Chelsea the cat" (see SOURCES.md beside it). */
    static RgbImage chelsea() throws IOException {
        try (InputStream in = TestImages.class.getResourceAsStream("chelsea-96.png")) {
            if (in == null) {
                throw new IOException("Test resource chelsea-96.png is missing");
            }
            return toRgb(ImageIO.read(in));
        }
    }

    /** Converts a decoded picture to interleaved RGB bytes. */
    static RgbImage toRgb(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        byte[] pixels = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = image.getRGB(x, y);
                int offset = (y * width + x) * 3;
                pixels[offset] = (byte) (rgb >> 16);
                pixels[offset + 1] = (byte) (rgb >> 8);
                pixels[offset + 2] = (byte) rgb;
            }
        }
        return new RgbImage(width, height, pixels);
    }

    /** Returns the picture mirrored left to right. */
    static RgbImage mirrored(RgbImage image) {
        int width = image.width();
        byte[] pixels = new byte[image.pixels().length];
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < width; x++) {
                System.arraycopy(image.pixels(), (y * width + x) * 3, pixels, (y * width + width - 1 - x) * 3, 3);
            }
        }
        return new RgbImage(width, image.height(), pixels);
    }

    /** Returns the picture transposed (rows become columns); it must be square. */
    static RgbImage transposed(RgbImage image) {
        int side = image.width();
        byte[] pixels = new byte[image.pixels().length];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                System.arraycopy(image.pixels(), (y * side + x) * 3, pixels, (x * side + y) * 3, 3);
            }
        }
        return new RgbImage(side, side, pixels);
    }

    /** Returns a BufferedImage with the same pixels. */
    static BufferedImage toBufferedImage(RgbImage image) {
        BufferedImage result = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                result.setRGB(x, y, image.rgb(x, y));
            }
        }
        return result;
    }
}
