package org.simclrstudio.ui.common;

import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;

import org.simclrstudio.core.data.RgbImage;

/** Conversions between the core's {@link RgbImage} and JavaFX images. */
public final class FxImages {

    private FxImages() {
    }

    /** Copies {@code image} into a new JavaFX image; safe to call on any thread. */
    public static WritableImage toFx(RgbImage image) {
        WritableImage fx = new WritableImage(image.width(), image.height());
        fx.getPixelWriter().setPixels(0, 0, image.width(), image.height(), PixelFormat.getByteRgbInstance(),
                image.pixels(), 0, image.width() * 3);
        return fx;
    }

    /** Reads a JavaFX image back into RGB bytes (alpha dropped), for tests and clipboard images. */
    public static RgbImage fromFx(Image image) {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        PixelReader reader = image.getPixelReader();
        byte[] pixels = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int argb = reader.getArgb(x, y);
                int offset = (y * width + x) * 3;
                pixels[offset] = (byte) (argb >> 16);
                pixels[offset + 1] = (byte) (argb >> 8);
                pixels[offset + 2] = (byte) argb;
            }
        }
        return new RgbImage(width, height, pixels);
    }
}
