package org.simclrstudio.core.image;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The raster formats {@link ImageDecoder} reads, recognised by their leading magic bytes rather
 * than the file extension, so a PNG named {@code .jpg} still decodes.
 */
enum ImageFormat {
    JPEG("JPEG", "jpeg", true),
    PNG("PNG", "png", true),
    GIF("GIF", "gif", false),
    BMP("BMP", "bmp", false),
    TIFF("TIFF", "tiff", true),
    WEBP("WebP", "webp", true);

    /** Bytes that {@link #detect} and {@link #describeUnknown} look at. */
    static final int SNIFF_LENGTH = 32;

    /** The list of readable formats for user messages. */
    static final String SUPPORTED_LIST = "JPEG, PNG, GIF, BMP, TIFF or WebP";

    private final String displayName;
    private final String imageIoName;
    private final boolean mayCarryExif;

    ImageFormat(String displayName, String imageIoName, boolean mayCarryExif) {
        this.displayName = displayName;
        this.imageIoName = imageIoName;
        this.mayCarryExif = mayCarryExif;
    }

    /** Returns the name users know the format by, for messages. */
    String displayName() {
        return displayName;
    }

    /** Returns the format name that {@code ImageIO.getImageReadersByFormatName} accepts. */
    String imageIoName() {
        return imageIoName;
    }

    /** Returns whether files of this format can hold an EXIF orientation tag. */
    boolean mayCarryExif() {
        return mayCarryExif;
    }

    /**
     * Detects the format from the first bytes of a file.
     *
     * @param head the first {@code length} bytes of the file
     * @param length how many bytes of {@code head} are valid
     * @return the format, or {@code null} when the bytes start no supported format
     */
    static ImageFormat detect(byte[] head, int length) {
        if (startsWith(head, length, 0, 0xFF, 0xD8, 0xFF)) {
            return JPEG;
        }
        if (startsWith(head, length, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return PNG;
        }
        if (startsWith(head, length, 0, 'G', 'I', 'F', '8')) {
            return GIF;
        }
        if (startsWith(head, length, 0, 'B', 'M')) {
            return BMP;
        }
        if (startsWith(head, length, 0, 'I', 'I', 42, 0) || startsWith(head, length, 0, 'M', 'M', 0, 42)) {
            return TIFF;
        }
        if (startsWith(head, length, 0, 'R', 'I', 'F', 'F') && startsWith(head, length, 8, 'W', 'E', 'B', 'P')) {
            return WEBP;
        }
        return null;
    }

    /**
     * Describes a file that {@link #detect} did not recognise, for the middle of a user message:
     * names a known but unsupported format (HEIC, PDF, ...) or quotes the first bytes.
     */
    static String describeUnknown(byte[] head, int length) {
        String known = knownUnsupportedFormat(head, length);
        if (known != null) {
            return known + " files are not supported";
        }
        return "not an image file (it starts with " + quoteStart(head, length) + ")";
    }

    private static String knownUnsupportedFormat(byte[] head, int length) {
        if (startsWith(head, length, 4, 'f', 't', 'y', 'p') && length >= 12) {
            String brand = new String(head, 8, 4, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
            if (brand.startsWith("avi")) {
                return "AVIF";
            }
            if (brand.startsWith("hei") || brand.startsWith("hev") || brand.equals("mif1") || brand.equals("msf1")) {
                return "HEIC/HEIF";
            }
            return "video or ISO media ('" + brand.trim() + "')";
        }
        if (startsWith(head, length, 0, '%', 'P', 'D', 'F')) {
            return "PDF";
        }
        if (startsWith(head, length, 0, '8', 'B', 'P', 'S')) {
            return "Photoshop (PSD)";
        }
        if (startsWith(head, length, 0, 0x00, 0x00, 0x00, 0x0C, 'j', 'P', ' ', ' ')
                || startsWith(head, length, 0, 0xFF, 0x4F, 0xFF, 0x51)) {
            return "JPEG 2000";
        }
        if (startsWith(head, length, 0, 0xFF, 0x0A)
                || startsWith(head, length, 0, 0x00, 0x00, 0x00, 0x0C, 'J', 'X', 'L', ' ')) {
            return "JPEG XL";
        }
        if (startsWith(head, length, 0, 0x00, 0x00, 0x01, 0x00)) {
            return "Windows icon (ICO)";
        }
        String text = new String(head, 0, length, StandardCharsets.ISO_8859_1).stripLeading().toLowerCase(Locale.ROOT);
        if (text.startsWith("<svg") || (text.startsWith("<?xml") && text.contains("svg"))) {
            return "SVG vector";
        }
        return null;
    }

    /** Quotes up to 8 leading bytes as text when they are printable ASCII, else as hexadecimal. */
    private static String quoteStart(byte[] head, int length) {
        int shown = Math.min(length, 8);
        boolean printable = shown > 0;
        for (int i = 0; i < shown; i++) {
            int b = head[i] & 0xFF;
            if (b < 0x20 || b > 0x7E) {
                // Text that ends within the first bytes is still quoted as text.
                if ((b == '\n' || b == '\r' || b == '\t') && i >= 1) {
                    shown = i;
                    break;
                }
                printable = false;
                break;
            }
        }
        if (printable) {
            return "'" + new String(head, 0, shown, StandardCharsets.US_ASCII) + "'";
        }
        StringBuilder hex = new StringBuilder("bytes");
        for (int i = 0; i < Math.min(length, 4); i++) {
            hex.append(String.format(Locale.ROOT, " %02X", head[i] & 0xFF));
        }
        return hex.toString();
    }

    private static boolean startsWith(byte[] head, int length, int offset, int... expected) {
        if (length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((head[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
