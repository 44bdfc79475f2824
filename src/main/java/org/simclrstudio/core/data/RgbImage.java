package org.simclrstudio.core.data;

import java.util.Objects;

/**
 * An 8-bit RGB picture stored as interleaved bytes, row after row ({@code (y * width + x) * 3 + channel}).
 *
 * @param width width in pixels, at least 1
 * @param height height in pixels, at least 1
 * @param pixels {@code width * height * 3} bytes in R, G, B order
 */
public record RgbImage(int width, int height, byte[] pixels) {

    /** Validates the dimensions against the pixel buffer. */
    public RgbImage {
        Objects.requireNonNull(pixels, "pixels");
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("Image size must be positive, got " + width + "x" + height);
        }
        if (pixels.length != width * height * 3) {
            throw new IllegalArgumentException("Expected " + (width * height * 3) + " bytes for a "
                    + width + "x" + height + " RGB image, got " + pixels.length);
        }
    }

    /** Returns the packed {@code 0xRRGGBB} value of the pixel at column {@code x}, row {@code y}. */
    public int rgb(int x, int y) {
        int offset = (y * width + x) * 3;
        return ((pixels[offset] & 0xFF) << 16) | ((pixels[offset + 1] & 0xFF) << 8) | (pixels[offset + 2] & 0xFF);
    }
}
