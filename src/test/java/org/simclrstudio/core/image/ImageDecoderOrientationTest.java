package org.simclrstudio.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.simclrstudio.core.image.TestImages.decodeResource;
import static org.simclrstudio.core.image.TestImages.meanAbsoluteDifference;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simclrstudio.core.data.RgbImage;

/**
 * EXIF orientation on Dave Perrett's example set (in the TwelveMonkeys JPEG test jar): each
 * {@code Landscape_N.jpg} and {@code Portrait_N.jpg} stores the same photo flipped or turned as tag
 * value N requires, so after decoding all must look like {@code _1} (N = 0 has no valid tag).
 */
class ImageDecoderOrientationTest {

    /** Mean absolute difference of 48x48 thumbnails below which two decodes show the same picture. */
    private static final double SAME_PICTURE = 3.0;

    @TempDir
    Path folder;

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

    @ParameterizedTest
    @ValueSource(strings = {"Landscape_1", "Landscape_3", "Landscape_6", "Landscape_8", "Portrait_5", "Portrait_7"})
    void displayDecodeKeepsOriginalSize(String picture) throws Exception {
        Path file = Files.write(folder.resolve(picture + ".jpg"), TestImages.resource("exif/" + picture + ".jpg"));
        boolean landscape = picture.startsWith("Landscape");

        DecodedPicture decoded = ImageDecoder.decodeForDisplay(file, 96);

        assertEquals(landscape ? 144 : 96, decoded.image().width(), "shown width");
        assertEquals(landscape ? 96 : 144, decoded.image().height(), "shown height");
        assertEquals(landscape ? 1800 : 1200, decoded.originalWidth(), "original width");
        assertEquals(landscape ? 1200 : 1800, decoded.originalHeight(), "original height");
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
    void pngExifChunkTurnsPicture() throws Exception {
        // chelsea.png with an eXIf chunk (big-endian TIFF structure, IFD0: orientation = 6) after IHDR.
        byte[] png = Files.readAllBytes(TestImages.fixture("chelsea.png"));
        ByteBuffer exif = ByteBuffer.allocate(26);
        exif.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        exif.putShort((short) 1).putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) 6).putShort((short) 0);
        exif.putInt(0);
        ByteArrayOutputStream tagged = new ByteArrayOutputStream();
        tagged.write(png, 0, 33); // signature and IHDR
        byte[] type = "eXIf".getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(type);
        crc.update(exif.array());
        tagged.writeBytes(ByteBuffer.allocate(4).putInt(exif.capacity()).array());
        tagged.writeBytes(type);
        tagged.writeBytes(exif.array());
        tagged.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        tagged.write(png, 33, png.length - 33);

        RgbImage image = ImageDecoder.decode(tagged.toByteArray(), "cat-exif.png");

        assertEquals(100, image.width());
        assertEquals(150, image.height());
        RgbImage expected = ExifOrientation.apply(ImageDecoder.decode(TestImages.fixture("chelsea.png")), 6);
        assertEquals(0, meanAbsoluteDifference(expected, image));
    }

    @Test
    void tiffOrientationTagTurnsPicture() throws Exception {
        // chelsea.tif is big-endian and carries orientation 1 in IFD0; set it to 8.
        byte[] tiff = Files.readAllBytes(TestImages.fixture("chelsea.tif"));
        ByteBuffer buffer = ByteBuffer.wrap(tiff);
        int ifd = buffer.getInt(4);
        int entries = buffer.getShort(ifd) & 0xFFFF;
        boolean found = false;
        for (int i = 0; i < entries; i++) {
            int entry = ifd + 2 + i * 12;
            if ((buffer.getShort(entry) & 0xFFFF) == 0x0112) {
                buffer.putShort(entry + 8, (short) 8);
                found = true;
            }
        }
        assertTrue(found, "fixture: chelsea.tif has an orientation entry");

        RgbImage image = ImageDecoder.decode(tiff, "cat-turned.tif");

        assertEquals(50, image.width());
        assertEquals(75, image.height());
        RgbImage expected = ExifOrientation.apply(ImageDecoder.decode(TestImages.fixture("chelsea.tif")), 8);
        assertEquals(0, meanAbsoluteDifference(expected, image));
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
