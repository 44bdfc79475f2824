package org.simclrstudio.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.simclrstudio.core.image.TestImages.decodeResource;
import static org.simclrstudio.core.image.TestImages.fixture;
import static org.simclrstudio.core.image.TestImages.hex;
import static org.simclrstudio.core.image.TestImages.meanAbsoluteDifference;
import static org.simclrstudio.core.image.TestImages.meanColour;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simclrstudio.core.data.RgbImage;

/** Decodes real files of every supported format and checks the colours a viewer shows. */
class ImageDecoderTest {

    @TempDir
    Path tempDir;

    @Test
    void rgbPngPhoto() throws Exception {
        RgbImage cat = ImageDecoder.decode(fixture("chelsea.png"));

        assertEquals(150, cat.width());
        assertEquals(100, cat.height());
        double[] face = meanColour(cat, 50, 30, 50, 40);
        // The cat's face is orange-brown: more red than green, more green than blue.
        assertTrue(face[0] > face[1], "red " + face[0] + " vs green " + face[1]);
        assertTrue(face[1] > face[2], "green " + face[1] + " vs blue " + face[2]);
    }

    @Test
    void greyPngKeepsStoredSamples() throws Exception {
        RgbImage camera = ImageDecoder.decode(fixture("camera.png"));
        Raster raw = ImageIO.read(fixture("camera.png").toFile()).getRaster();

        assertEquals(128, camera.width());
        for (int y = 0; y < camera.height(); y++) {
            for (int x = 0; x < camera.width(); x++) {
                int grey = raw.getSample(x, y, 0);
                // Java 2D's getRGB would brighten these (it treats grey as linear light).
                assertEquals(grey * 0x010101, camera.rgb(x, y), "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void greyAlphaPngCompositesOntoWhite() throws Exception {
        RgbImage image = ImageDecoder.decode(fixture("camera-grey-alpha.png"));
        Raster raw = ImageIO.read(fixture("camera-grey-alpha.png").toFile()).getRaster();

        assertEquals(0, raw.getSample(5, 5, 1), "fixture: the top-left 32x32 block is transparent");
        assertTrue(raw.getSample(5, 5, 0) < 250, "fixture: grey hidden under the transparent block");
        assertEquals(0xFFFFFF, image.rgb(5, 5));
        assertEquals(0xFFFFFF, image.rgb(31, 31));
        assertEquals(raw.getSample(64, 64, 0) * 0x010101, image.rgb(64, 64));
    }

    @Test
    void rgbaPngCompositesOntoWhite() throws Exception {
        RgbImage opaque = ImageDecoder.decode(fixture("chelsea.png"));
        RgbImage image = ImageDecoder.decode(fixture("chelsea-rgba.png"));
        BufferedImage raw = ImageIO.read(fixture("chelsea-rgba.png").toFile());

        // Outer 10 px: alpha 0 over the photo's own colours.
        assertEquals(0, raw.getRGB(3, 50) >>> 24);
        assertTrue((raw.getRGB(3, 50) & 0xFFFFFF) != 0xFFFFFF, "fixture: colour hidden under alpha 0");
        for (int[] p : new int[][] {{0, 0}, {3, 50}, {149, 99}, {75, 5}}) {
            assertEquals("ffffff", hex(image.rgb(p[0], p[1])), "transparent pixel " + p[0] + "," + p[1]);
        }
        // Next 10 px: alpha 128, half way between the photo colour and white.
        int photo = opaque.rgb(15, 50);
        int blended = image.rgb(15, 50);
        for (int shift = 16; shift >= 0; shift -= 8) {
            int colour = photo >> shift & 0xFF;
            int expected = Math.round((colour * 128 + 255 * 127) / 255f);
            assertEquals(expected, blended >> shift & 0xFF, 1, "alpha 128 channel at bit " + shift);
        }
        // Opaque middle: unchanged.
        assertEquals(hex(opaque.rgb(75, 50)), hex(image.rgb(75, 50)));
    }

    @Test
    void palettePngColours() throws Exception {
        RgbImage image = ImageDecoder.decode(fixture("palette_color.png"));

        assertEquals(10, image.width());
        assertEquals("3300ff", hex(image.rgb(0, 0)));
        assertEquals("6633ff", hex(image.rgb(5, 5)));
        assertEquals("009933", hex(image.rgb(2, 2)));
    }

    @Test
    void palettePngTransparentIndexIsWhite() throws Exception {
        // Row 1 uses palette entries whose tRNS alpha is 0 (hiding blue and light blue).
        RgbImage image = ImageDecoder.decode(fixture("foo3x5x4indexed.png"));

        assertEquals(5, image.width());
        assertEquals(3, image.height());
        assertEquals("7f00ff", hex(image.rgb(0, 0)));
        assertEquals("ffffff", hex(image.rgb(0, 1)));
        assertEquals("ffffff", hex(image.rgb(4, 1)));
        assertEquals("001fff", hex(image.rgb(0, 2)));
    }

    @Test
    void oneBitPngIsBlackAndWhite() throws Exception {
        // Ten one-pixel stripes, white on top.
        RgbImage image = ImageDecoder.decode(fixture("checker_bilevel.png"));

        Set<String> colours = new TreeSet<>();
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                colours.add(hex(image.rgb(x, y)));
            }
        }
        assertEquals(Set.of("000000", "ffffff"), colours);
        assertEquals("ffffff", hex(image.rgb(0, 0)));
        assertEquals("000000", hex(image.rgb(0, 1)));
        assertEquals("000000", hex(image.rgb(9, 9)));
    }

    @Test
    void sixteenBitRgbPngRoundsToEightBits() throws Exception {
        // 16-bit samples 0, 11411, 12845, 20655, 44880, 52690, 54124 and 65535.
        RgbImage image = ImageDecoder.decode(fixture("chessboard_RGB.png"));

        Set<Integer> values = new TreeSet<>();
        for (byte b : image.pixels()) {
            values.add(b & 0xFF);
        }
        assertEquals(Set.of(0, 44, 50, 80, 175, 205, 211, 255), values);
    }

    @Test
    void sixteenBitGreyTiffScalesFullRange() throws Exception {
        // Samples 0..255 in a 0..65535 range: a viewer shows near black, not a bright chessboard.
        RgbImage image = ImageDecoder.decode(fixture("chessboard_GRAY_U16.tif"));

        assertEquals(200, image.width());
        Set<Integer> values = new TreeSet<>();
        for (byte b : image.pixels()) {
            values.add(b & 0xFF);
        }
        assertEquals(Set.of(0, 1), values);
    }

    @Test
    void rgbTiffAndBmpMatchThePhoto() throws Exception {
        RgbImage reference = ImageResizer.resize(ImageDecoder.decode(fixture("chelsea.png")), 75, 50);

        for (String name : new String[] {"chelsea.tif", "chelsea.bmp"}) {
            RgbImage image = ImageDecoder.decode(fixture(name));
            assertEquals(75, image.width(), name);
            assertEquals(50, image.height(), name);
            assertTrue(meanAbsoluteDifference(reference, image) < 2, name + " differs from the photo");
        }
    }

    @Test
    void animatedGifGivesFirstFrame() throws Exception {
        RgbImage image = ImageDecoder.decode(fixture("no_time_for_that_tiny.gif"));
        BufferedImage firstFrame = ImageIO.read(fixture("no_time_for_that_tiny.gif").toFile());

        // The second frame is only 10x25, so a later frame would show in the size.
        assertEquals(14, image.width());
        assertEquals(25, image.height());
        for (int y = 0; y < 25; y++) {
            for (int x = 0; x < 14; x++) {
                assertEquals(hex(firstFrame.getRGB(x, y)), hex(image.rgb(x, y)), "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void gifFrameSmallerThanScreenIsPlaced() throws Exception {
        // Dropping the first frame of the animation leaves the second, 10x25 at (4, 0) on the 14x25
        // screen with transparent pixels, as the first frame.
        byte[] whole = Files.readAllBytes(fixture("no_time_for_that_tiny.gif"));
        BufferedImage secondFrame = readGifFrame(whole, 1);
        byte[] withoutFirst = removeFirstGifFrame(whole);

        RgbImage image = ImageDecoder.decode(withoutFirst, "second-frame.gif");

        assertEquals(10, secondFrame.getWidth(), "fixture: second frame width");
        assertEquals(14, image.width());
        assertEquals(25, image.height());
        for (int y = 0; y < 25; y++) {
            for (int x = 0; x < 4; x++) {
                assertEquals("ffffff", hex(image.rgb(x, y)), "uncovered screen at " + x + "," + y);
            }
            for (int x = 4; x < 14; x++) {
                int argb = secondFrame.getRGB(x - 4, y);
                String expected = argb >>> 24 == 0 ? "ffffff" : hex(argb);
                assertEquals(expected, hex(image.rgb(x, y)), "frame pixel at " + x + "," + y);
            }
        }
    }

    private static BufferedImage readGifFrame(byte[] gif, int index) throws IOException {
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try {
            reader.setInput(ImageIO.createImageInputStream(new ByteArrayInputStream(gif)));
            return reader.read(index);
        } finally {
            reader.dispose();
        }
    }

    /** Returns the GIF without its first image block and the extensions just before it. */
    private static byte[] removeFirstGifFrame(byte[] gif) {
        int flags = gif[10] & 0xFF;
        int position = 13 + ((flags & 0x80) != 0 ? 3 << ((flags & 7) + 1) : 0);
        int frameStart = position;
        while (gif[position] == 0x21) { // extension: label, then data sub-blocks
            int next = skipSubBlocks(gif, position + 2);
            if ((gif[position + 1] & 0xFF) == 0xFF) {
                frameStart = next; // keep the application (loop) extension
            }
            position = next;
        }
        int imageFlags = gif[position + 9] & 0xFF;
        int end = position + 10 + ((imageFlags & 0x80) != 0 ? 3 << ((imageFlags & 7) + 1) : 0);
        end = skipSubBlocks(gif, end + 1); // LZW minimum code size, then data sub-blocks
        byte[] result = new byte[gif.length - (end - frameStart)];
        System.arraycopy(gif, 0, result, 0, frameStart);
        System.arraycopy(gif, end, result, frameStart, gif.length - end);
        return result;
    }

    private static int skipSubBlocks(byte[] gif, int position) {
        while (gif[position] != 0) {
            position += (gif[position] & 0xFF) + 1;
        }
        return position + 1;
    }

    @Test
    void progressiveJpegMatchesThePhoto() throws Exception {
        RgbImage png = ImageDecoder.decode(fixture("chelsea.png"));
        RgbImage jpeg = ImageDecoder.decode(fixture("chelsea-progressive.jpg"));

        assertEquals(150, jpeg.width());
        assertTrue(meanAbsoluteDifference(png, jpeg) < 5, "progressive JPEG far from the PNG original");
        RgbImage other = decodeResource("jpeg/5dhtsegments.jpg");
        assertEquals(211, other.width());
        assertEquals(167, other.height());
    }

    @Test
    void jpegMatchesTwelveMonkeysSrgbOutput() throws Exception {
        // The decoder reads JPEGs straight into its own RGB buffer. The pixels must still equal the
        // reader's default sRGB output, also for CMYK and for embedded non-sRGB ICC profiles.
        for (String name : new String[] {"exif/Landscape_1.jpg", "jpeg/cmyk-sample.jpg",
                "jpeg/cmm-exception-adobe-rgb.jpg", "jpeg/jfif-progressive-invalid-dht.jpg"}) {
            RgbImage image = decodeResource(name);
            BufferedImage expected = ImageIO.read(new ByteArrayInputStream(TestImages.resource(name)));
            assertEquals(expected.getWidth(), image.width(), name);
            assertEquals(expected.getHeight(), image.height(), name);
            for (int y = 0; y < image.height(); y += 7) {
                for (int x = 0; x < image.width(); x += 5) {
                    assertEquals(hex(expected.getRGB(x, y)), hex(image.rgb(x, y)), name + " at " + x + "," + y);
                }
            }
        }
    }

    @Test
    void cmykJpegColours() throws Exception {
        // A book cover on a light-blue background; inverted CMYK would come out orange.
        RgbImage image = decodeResource("jpeg/cmyk-sample.jpg");

        assertEquals(160, image.width());
        assertEquals(227, image.height());
        double[] corner = meanColour(image, 0, 0, 8, 8);
        TestImages.assertColourNear(0x2896DA, corner, 40, "background");
    }

    @Test
    void cmykJpegWithoutProfileOnWhite() throws Exception {
        RgbImage image = decodeResource("jpeg/cmyk-sample-no-icc.jpg");

        double[] corner = meanColour(image, 0, 0, 8, 8);
        for (double channel : corner) {
            assertTrue(channel > 235, "white background expected, got " + channel);
        }
    }

    @Test
    void ycckJpegColours() throws Exception {
        // Adobe YCCK (APP14 transform 2) with an invalid embedded profile: a crimson banner on top.
        RgbImage image = decodeResource("jpeg/warning-embedded-color-profile-invalid-ignored-cmyk.jpg");

        assertEquals(183, image.width());
        assertEquals(283, image.height());
        double[] banner = meanColour(image, 0, 0, 20, 10);
        TestImages.assertColourNear(0xA30042, banner, 40, "banner");
    }

    @Test
    void greyJpegHasEqualChannels() throws Exception {
        RgbImage image = decodeResource("jpeg/gray-sample.jpg");

        for (int i = 0; i < image.pixels().length; i += 3) {
            assertEquals(image.pixels()[i], image.pixels()[i + 1]);
            assertEquals(image.pixels()[i], image.pixels()[i + 2]);
        }
    }

    @Test
    void lossyWebp() throws Exception {
        RgbImage image = decodeResource("webp/1.webp");

        assertEquals(550, image.width());
        assertEquals(368, image.height());
    }

    @Test
    void webpAlphaCompositesOntoWhite() throws Exception {
        // The rose's background is transparent black in the file.
        RgbImage image = decodeResource("webp/1_webp_a.webp");

        assertEquals("ffffff", hex(image.rgb(0, 0)));
        assertEquals("ffffff", hex(image.rgb(5, 5)));
        double[] petal = meanColour(image, 80, 120, 20, 20);
        assertTrue(petal[0] > 200, "orange petal: red " + petal[0]);
        assertTrue(petal[2] < 120, "orange petal: blue " + petal[2]);
    }

    @Test
    void animatedWebpGivesFirstFrame() throws Exception {
        // At (200, 200) the first frame is black and the second pink.
        RgbImage image = decodeResource("webp/animated-webp-supported.webp");

        assertEquals(400, image.width());
        assertEquals(400, image.height());
        assertEquals("003366", hex(image.rgb(0, 0)));
        assertEquals("000000", hex(image.rgb(200, 200)));
    }

    @Test
    void formatComesFromContentNotExtension() throws Exception {
        Path misnamed = tempDir.resolve("cat.jpg");
        Files.copy(fixture("chelsea.png"), misnamed);

        RgbImage image = ImageDecoder.decode(misnamed);

        assertEquals(150, image.width());
        assertEquals(0, meanAbsoluteDifference(ImageDecoder.decode(fixture("chelsea.png")), image));
    }

    @Test
    void bytesAndPathDecodeAlike() throws Exception {
        byte[] data = Files.readAllBytes(fixture("chelsea-progressive.jpg"));

        RgbImage fromBytes = ImageDecoder.decode(data, "pasted image");
        RgbImage fromPath = ImageDecoder.decode(fixture("chelsea-progressive.jpg"));

        assertEquals(0, meanAbsoluteDifference(fromPath, fromBytes));
    }

    @Test
    void downscaledDecodeNeverEnlarges() throws Exception {
        RgbImage small = ImageDecoder.decodeDownscaled(fixture("palette_color.png"), 96);
        RgbImage cat = ImageDecoder.decodeDownscaled(fixture("chelsea.png"), 50);

        assertEquals(10, small.width());
        assertEquals(10, small.height());
        assertEquals(75, cat.width());
        assertEquals(50, cat.height());
        assertTrue(meanAbsoluteDifference(ImageDecoder.decode(fixture("chelsea.bmp")), cat) < 2);
    }

    @Test
    void subsampledJpegMatchesFullDecode() throws Exception {
        // A 2,400x1,800 JPEG of the cat photo: large enough that the downscaled decode skips pixels.
        RgbImage cat = ImageDecoder.decode(fixture("chelsea.png"));
        BufferedImage large = new BufferedImage(2400, 1800, BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics2D graphics = large.createGraphics();
        graphics.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
                java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        graphics.drawImage(ImageIO.read(fixture("chelsea.png").toFile()), 0, 0, 2400, 1800, null);
        graphics.dispose();
        Path jpeg = tempDir.resolve("large-cat.jpg");
        assertTrue(ImageIO.write(large, "jpeg", jpeg.toFile()));

        RgbImage expected = ImageResizer.resize(ImageDecoder.decode(jpeg), 128, 96);
        RgbImage subsampled = ImageDecoder.decodeDownscaled(jpeg, 96);

        assertEquals(128, subsampled.width());
        assertEquals(96, subsampled.height());
        double difference = meanAbsoluteDifference(expected, subsampled);
        assertTrue(difference < 4, "subsampled decode differs by " + difference);
        assertTrue(meanAbsoluteDifference(ImageResizer.resize(cat, 128, 96), subsampled) < 8);
    }

    @Test
    void concurrentDecodesAgree() throws Exception {
        String[] names = {"chelsea.png", "chelsea-progressive.jpg", "chelsea.tif", "no_time_for_that_tiny.gif"};
        RgbImage[] expected = new RgbImage[names.length];
        for (int i = 0; i < names.length; i++) {
            expected[i] = ImageDecoder.decode(fixture(names[i]));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Double>> results = new ArrayList<>();
            for (int round = 0; round < 40; round++) {
                int index = round % names.length;
                results.add(pool.submit(() -> meanAbsoluteDifference(expected[index], ImageDecoder.decode(fixture(names[index])))));
            }
            for (Future<Double> result : results) {
                assertEquals(0.0, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void imageIoDiskCacheIsOff() throws ImageDecodeException, IOException {
        ImageDecoder.decode(fixture("palette_color.png"));

        assertFalse(ImageIO.getUseCache());
    }
}
