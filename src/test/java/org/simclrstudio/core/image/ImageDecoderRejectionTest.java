package org.simclrstudio.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.simclrstudio.core.image.TestImages.fixture;
import static org.simclrstudio.core.image.TestImages.resource;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files a user may drop that must be rejected with one line naming the file and the reason. */
class ImageDecoderRejectionTest {

    @TempDir
    Path tempDir;

    private static ImageDecodeException rejected(Path file) {
        return assertThrows(ImageDecodeException.class, () -> ImageDecoder.decode(file));
    }

    private static ImageDecodeException rejected(byte[] data, String name) {
        return assertThrows(ImageDecodeException.class, () -> ImageDecoder.decode(data, name));
    }

    private static void assertOneLine(ImageDecodeException e, String fileName) {
        String message = e.getMessage();
        assertTrue(message.startsWith(fileName + ": "), "message must start with the file name: " + message);
        assertFalse(message.contains("\n"), "message must be one line: " + message);
    }

    private static void assertContains(String expected, String message) {
        assertTrue(message.contains(expected), "expected '" + expected + "' in: " + message);
    }

    @Test
    void emptyFile() throws Exception {
        Path file = Files.createFile(tempDir.resolve("holiday.jpg"));

        ImageDecodeException e = rejected(file);

        assertOneLine(e, "holiday.jpg");
        assertContains("empty (0 bytes)", e.getMessage());
    }

    @Test
    void emptyPastedData() {
        ImageDecodeException e = rejected(new byte[0], "pasted image");

        assertOneLine(e, "pasted image");
        assertContains("empty", e.getMessage());
    }

    @Test
    void textFileWithImageExtension() throws Exception {
        Path file = tempDir.resolve("photo.jpg");
        Files.writeString(file, "hello world\nthis is not a picture\n");

        ImageDecodeException e = rejected(file);

        assertOneLine(e, "photo.jpg");
        assertContains("not an image file (it starts with 'hello wo')", e.getMessage());
        assertContains("JPEG, PNG, GIF, BMP, TIFF or WebP", e.getMessage());
    }

    @Test
    void lineBreakInNameStaysOneLine() {
        ImageDecodeException e = rejected(new byte[0], "two\nlines.png");

        assertOneLine(e, "two?lines.png");
    }

    @Test
    void binaryNonImageQuotesBytes() {
        ImageDecodeException e = rejected(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0}, "program.png");

        assertContains("not an image file (it starts with bytes 7F 45 4C 46)", e.getMessage());
    }

    @Test
    void knownUnsupportedFormatsAreNamed() {
        byte[] pdf = "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj".getBytes(StandardCharsets.ISO_8859_1);
        byte[] heic = new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0};

        assertContains("PDF files are not supported", rejected(pdf, "scan.jpg").getMessage());
        assertContains("HEIC/HEIF files are not supported", rejected(heic, "IMG_0001.jpg").getMessage());
    }

    @Test
    void missingFile() {
        ImageDecodeException e = rejected(tempDir.resolve("gone.png"));

        assertOneLine(e, "gone.png");
        assertContains("file not found", e.getMessage());
    }

    @Test
    void folderInsteadOfFile() throws Exception {
        Path folder = Files.createDirectory(tempDir.resolve("photos.png"));

        ImageDecodeException e = rejected(folder);

        assertOneLine(e, "photos.png");
        assertContains("is a folder", e.getMessage());
    }

    @Test
    void unreadableFile() throws Exception {
        Path file = tempDir.resolve("secret.png");
        Files.copy(fixture("palette_color.png"), file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        // The superuser reads any file regardless of its permissions.
        assumeFalse(Files.isReadable(file), "running with permission to read every file");

        ImageDecodeException e = rejected(file);

        assertOneLine(e, "secret.png");
        assertContains("permission denied", e.getMessage());
    }

    @Test
    void corruptJpegFromScikitImage() {
        ImageDecodeException e = rejected(fixture("truncated.jpg"));

        assertOneLine(e, "truncated.jpg");
        assertContains("JPEG data is corrupt or truncated", e.getMessage());
    }

    @Test
    void truncatedBaselineJpeg() {
        byte[] whole = resource("exif/Landscape_1.jpg");
        byte[] half = Arrays.copyOf(whole, whole.length / 2);

        ImageDecodeException e = rejected(half, "Landscape_1.jpg");

        assertOneLine(e, "Landscape_1.jpg");
        assertContains("JPEG file is truncated", e.getMessage());
    }

    @Test
    void truncatedProgressiveJpeg() throws Exception {
        byte[] whole = Files.readAllBytes(fixture("chelsea-progressive.jpg"));

        ImageDecodeException e = rejected(Arrays.copyOf(whole, whole.length * 6 / 10), "cat.jpg");

        assertContains("JPEG file is truncated", e.getMessage());
    }

    @Test
    void truncatedPng() throws Exception {
        byte[] whole = Files.readAllBytes(fixture("chelsea.png"));

        ImageDecodeException e = rejected(Arrays.copyOf(whole, whole.length / 2), "cat.png");

        assertOneLine(e, "cat.png");
        assertContains("PNG file is truncated", e.getMessage());
    }

    @Test
    void truncatedWebp() {
        // The lossless decoder would otherwise fill the missing part with garbage without an error.
        byte[] whole = resource("webp/1_webp_ll.webp");

        ImageDecodeException e = rejected(Arrays.copyOf(whole, whole.length * 3 / 10), "rose.webp");

        assertContains("WebP file is truncated", e.getMessage());
    }

    @Test
    void truncatedGifInsideFirstFrame() throws Exception {
        byte[] whole = Files.readAllBytes(fixture("no_time_for_that_tiny.gif"));

        ImageDecodeException e = rejected(Arrays.copyOf(whole, whole.length / 10), "clip.gif");

        assertOneLine(e, "clip.gif");
        assertContains("GIF", e.getMessage());
    }

    @Test
    void brokenJpegsNeverEscapeAsOtherErrors() {
        List<String> names = List.of(
                "broken-jpeg/broken-adobe-marker-bad-length.jpg",
                "broken-jpeg/broken-adobe-segment-length-beyond-eof.jpg",
                "broken-jpeg/broken-bogus-segment-length.jpg",
                "broken-jpeg/broken-no-sof-ascii-transfer-mode.jpg",
                "broken-jpeg/broken-sos-before-sof.jpg",
                "broken-jpeg/5145e95a-02a8-11e7-8372-4787a7307ab8.jpg",
                "broken-jpeg/514c48ea-02a8-11e7-8789-bb75321f404f.jpg",
                "broken-jpeg/110115680-6d6dce80-7d84-11eb-99df-4cb21df3b09f.jpeg");
        for (String name : names) {
            ImageDecodeException e = rejected(resource(name), name);
            assertOneLine(e, name);
        }
    }

    @Test
    void enormousPngHeader() throws Exception {
        Path file = tempDir.resolve("huge.png");
        Files.write(file, png(100_000, 100_000));

        ImageDecodeException e = rejected(file);

        assertOneLine(e, "huge.png");
        assertContains("100000x100000 pixels, larger than the maximum of 16384 pixels per side", e.getMessage());
    }

    @Test
    void overlongSideRejectedEvenWhenSmall() {
        ImageDecodeException e = rejected(png(20_000, 10), "banner.png");

        assertContains("20000x10 pixels", e.getMessage());
    }

    @Test
    void enormousGifHeader() {
        ImageDecodeException e = rejected(gif(65_535, 65_535), "huge.gif");

        assertContains("65535x65535 pixels, larger than the maximum", e.getMessage());
    }

    @Test
    void enormousBmpHeader() {
        ImageDecodeException e = rejected(bmp(100_000, 100_000), "huge.bmp");

        assertContains("100000x100000 pixels, larger than the maximum", e.getMessage());
    }

    @Test
    void enormousJpegHeader() {
        ImageDecodeException e = rejected(jpeg(65_535, 60_000), "huge.jpg");

        assertContains("65535x60000 pixels, larger than the maximum", e.getMessage());
    }

    @Test
    void enormousTiffHeader() {
        ImageDecodeException e = rejected(tiff(100_000, 100_000), "huge.tif");

        assertContains("100000x100000 pixels, larger than the maximum", e.getMessage());
    }

    @Test
    void tooManyMegapixelsWithinSideLimit() {
        // 16000 x 16000 = 256 megapixels: each side is allowed, the area is not.
        ImageDecodeException e = rejected(png(16_000, 16_000), "poster.png");

        assertContains("16000x16000 pixels", e.getMessage());
        assertContains("100 megapixels", e.getMessage());
    }

    /** Builds a PNG whose IHDR declares {@code width} x {@code height} RGB, followed by a few rows of zeros. */
    private static byte[] png(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height);
        header.put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        pngChunk(out, "IHDR", header.array());
        java.util.zip.Deflater deflater = new java.util.zip.Deflater();
        deflater.setInput(new byte[4096]);
        deflater.finish();
        byte[] compressed = new byte[8192];
        int length = deflater.deflate(compressed);
        pngChunk(out, "IDAT", Arrays.copyOf(compressed, length));
        pngChunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void pngChunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** Builds a GIF89a whose screen and first image descriptor declare {@code width} x {@code height}. */
    private static byte[] gif(int width, int height) {
        ByteBuffer buffer = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put("GIF89a".getBytes(StandardCharsets.US_ASCII));
        buffer.putShort((short) width).putShort((short) height);
        buffer.put((byte) 0x80).put((byte) 0).put((byte) 0); // global table of 2 colours
        buffer.put(new byte[] {0, 0, 0, (byte) 255, (byte) 255, (byte) 255});
        buffer.put((byte) 0x2C).putShort((short) 0).putShort((short) 0);
        buffer.putShort((short) width).putShort((short) height).put((byte) 0);
        buffer.put((byte) 2).put((byte) 2).put((byte) 0x4C).put((byte) 0x01).put((byte) 0);
        buffer.put((byte) 0x3B);
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    /** Builds a 24-bit BMP whose BITMAPINFOHEADER declares {@code width} x {@code height}, with 1 KB of pixels. */
    private static byte[] bmp(int width, int height) {
        ByteBuffer buffer = ByteBuffer.allocate(54 + 1024).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put((byte) 'B').put((byte) 'M').putInt(54 + 1024).putInt(0).putInt(54);
        buffer.putInt(40).putInt(width).putInt(height).putShort((short) 1).putShort((short) 24);
        buffer.putInt(0).putInt(0).putInt(2835).putInt(2835).putInt(0).putInt(0);
        return buffer.array();
    }

    /** Builds the start of a baseline JPEG whose SOF0 declares {@code width} x {@code height}, three components. */
    private static byte[] jpeg(int width, int height) {
        ByteBuffer buffer = ByteBuffer.allocate(64);
        buffer.put((byte) 0xFF).put((byte) 0xD8);
        buffer.put((byte) 0xFF).put((byte) 0xC0).putShort((short) 17).put((byte) 8);
        buffer.putShort((short) height).putShort((short) width).put((byte) 3);
        for (int component = 1; component <= 3; component++) {
            buffer.put((byte) component).put((byte) 0x11).put((byte) 0);
        }
        buffer.put((byte) 0xFF).put((byte) 0xD9);
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    /** Builds a little-endian grey TIFF whose first IFD declares {@code width} x {@code height}, one strip. */
    private static byte[] tiff(int width, int height) {
        short[][] entries = {
            // tag, type (3 SHORT, 4 LONG); the value follows in the loop below
            {256, 4}, {257, 4}, {258, 3}, {259, 3}, {262, 3}, {273, 4}, {277, 3}, {278, 4}, {279, 4}};
        int[] values = {width, height, 8, 1, 1, 8 + 2 + entries.length * 12 + 4, 1, height, 1024};
        ByteBuffer buffer = ByteBuffer.allocate(8 + 2 + entries.length * 12 + 4 + 1024).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        buffer.putShort((short) entries.length);
        for (int i = 0; i < entries.length; i++) {
            buffer.putShort(entries[i][0]).putShort(entries[i][1]).putInt(1);
            if (entries[i][1] == 3) {
                buffer.putShort((short) values[i]).putShort((short) 0);
            } else {
                buffer.putInt(values[i]);
            }
        }
        buffer.putInt(0);
        return buffer.array();
    }

    @Test
    void messagesNameTheFormatAndAdvice() {
        ImageDecodeException e = rejected(fixture("truncated.jpg"));

        assertEquals(1, e.getMessage().lines().count());
        assertContains("save it again", e.getMessage());
    }
}
