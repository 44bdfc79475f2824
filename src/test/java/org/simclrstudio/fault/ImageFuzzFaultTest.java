package org.simclrstudio.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.simclrstudio.core.data.RgbImage;
import org.simclrstudio.core.image.ImageDecodeException;
import org.simclrstudio.core.image.ImageDecoder;

/**
 * Damages real PNG, JPEG, GIF, BMP, TIFF and WebP files at many seeded places, truncated and with bytes
 * overwritten, and checks that the decoder either returns a well-formed picture or rejects the file
 * with a one-line message naming it. Any other exception or error escaping the decoder fails the test.
 */
class ImageFuzzFaultTest {

    private static final String[] FIXTURES = {"/images/chelsea.png", "/images/chelsea-progressive.jpg",
        "/images/no_time_for_that_tiny.gif", "/images/chelsea.bmp", "/images/chelsea.tif",
        "/images/chessboard_GRAY_U16.tif", "/images/palette_color.png", "/images/camera-grey-alpha.png"};
    private static final String WEBP_FIXTURE = "/webp/1_webp_a.webp";
    private static final int TRUNCATIONS = 8;
    private static final int CORRUPTIONS = 16;

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ImageFuzzFaultTest.class.getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    /** Decodes {@code data}; returns a description of a wrong outcome, or null when the outcome is acceptable. */
    private static String check(byte[] data, String name) {
        try {
            RgbImage image = ImageDecoder.decode(data, name);
            if (image.pixels().length != image.width() * image.height() * 3) {
                return name + ": decoded to an inconsistent picture";
            }
            return null;
        } catch (ImageDecodeException e) {
            String message = e.getMessage();
            if (message == null || message.contains("\n") || !message.contains(name)) {
                return name + ": message is not one line naming the file: " + message;
            }
            return null;
        } catch (RuntimeException | Error e) {
            return name + ": escaped as " + e;
        }
    }

    @Test
    void damagedImagesRejectedOrDecoded() throws IOException {
        List<String> sources = new ArrayList<>(List.of(FIXTURES));
        if (resource(WEBP_FIXTURE) != null) {
            sources.add(WEBP_FIXTURE);
        }
        List<String> failures = new ArrayList<>();
        int cases = 0;
        for (String source : sources) {
            byte[] original = resource(source);
            assertEquals(false, original == null, "missing fixture " + source);
            String base = source.substring(source.lastIndexOf('/') + 1);
            Random random = new Random(base.hashCode());
            for (int i = 1; i <= TRUNCATIONS; i++) {
                int length = (int) ((long) original.length * i / (TRUNCATIONS + 1));
                byte[] truncated = java.util.Arrays.copyOf(original, length);
                String name = "cut-" + length + "-" + base;
                String failure = check(truncated, name);
                if (failure != null) {
                    failures.add(failure);
                }
                cases++;
            }
            for (int i = 0; i < CORRUPTIONS; i++) {
                byte[] corrupt = original.clone();
                int start = random.nextInt(Math.max(1, original.length - 16));
                int count = 1 + random.nextInt(16);
                for (int j = start; j < Math.min(original.length, start + count); j++) {
                    corrupt[j] = (byte) random.nextInt(256);
                }
                String name = "corrupt-" + start + "-" + base;
                String failure = check(corrupt, name);
                if (failure != null) {
                    failures.add(failure);
                }
                cases++;
            }
        }

        assertEquals(List.of(), failures, failures.size() + " of " + cases + " damaged files");
    }
}
