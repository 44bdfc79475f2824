package org.simclrstudio.core.image;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import org.simclrstudio.core.data.RgbImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes a user's image file into the upright 8-bit RGB picture a person sees, or rejects it with
 * a one-line {@link ImageDecodeException} naming the file, the reason and what to do.
 *
 * <p>Reads JPEG (including CMYK, YCCK and progressive, through the TwelveMonkeys reader), PNG
 * (grey, palette, 16-bit, alpha), GIF (the first frame), BMP, TIFF and WebP (the first frame of an
 * animation). The format comes from the file's magic bytes, not its extension. Alpha is composited
 * onto white, 16-bit samples are rounded to 8 bits, and the EXIF orientation tag is applied.
 *
 * <p>Limits: at most {@value #MAX_SIDE} pixels per side, {@value #MAX_PIXELS} pixels in all and
 * {@value #MAX_FILE_BYTES} bytes per file. The dimensions come from the file header and are
 * checked before any pixel buffer is allocated, so a header that declares an enormous picture
 * costs no memory. A JPEG whose compressed data ends early is rejected rather than returned half
 * grey, and so are PNG, TIFF and WebP files cut short and GIFs cut inside their first frame.
 * {@link #decodeDownscaled(Path, int)} shrinks large pictures before the EXIF turn, for thumbnails
 * and classifier input.
 *
 * <p>All methods are thread-safe: each call uses its own {@link ImageReader}.
 */
public final class ImageDecoder {

    /** Maximum width or height in pixels. */
    public static final int MAX_SIDE = 16_384;

    /** Maximum width times height: 100 megapixels, 300 MB as an {@link RgbImage}. */
    public static final long MAX_PIXELS = 100_000_000L;

    /** Maximum file size in bytes (1 GiB); the whole file is read into memory. */
    public static final long MAX_FILE_BYTES = 1L << 30;

    private static final Logger LOG = LoggerFactory.getLogger(ImageDecoder.class);

    private static final String FORMAT_ADVICE = "use a " + ImageFormat.SUPPORTED_LIST + " file";

    /**
     * libjpeg warnings (as the JDK's JPEG reader reports them) that mean the compressed data ended
     * or broke off before the last scan line, leaving the rest of the picture grey or garbled.
     */
    private static final List<String> INCOMPLETE_DATA_WARNINGS =
            List.of("premature end of jpeg file", "premature end of data segment");

    static {
        // ImageIO registers the plug-ins on the system class path when it first loads. The rescan
        // also finds plug-ins visible only to the thread's context class loader.
        ImageIO.scanForPlugins();
        // Decoding from memory needs no temporary files on disk.
        ImageIO.setUseCache(false);
    }

    private ImageDecoder() {
    }

    /**
     * Decodes the image file at {@code file}.
     *
     * @param file the file to read; messages name it by its file name
     * @return the upright picture in 8-bit RGB
     * @throws ImageDecodeException when the file is missing, unreadable, empty, not a supported
     *     image, too large, truncated or corrupt
     */
    public static RgbImage decode(Path file) throws ImageDecodeException {
        Objects.requireNonNull(file, "file");
        String name = fileName(file);
        return decodeScaled(readFile(file, name), name, 0).image();
    }

    /**
     * Decodes the image file at {@code file} and, when its shorter side is longer than
     * {@code shorterSide}, shrinks it with area averaging so the shorter side is exactly that
     * long. The EXIF orientation is applied after shrinking, which saves time and memory for
     * thumbnails and classifier input.
     *
     * @param file the file to read; messages name it by its file name
     * @param shorterSide the maximum length of the shorter side in pixels, at least 1
     * @return the upright picture in 8-bit RGB, never enlarged
     * @throws ImageDecodeException for the same reasons as {@link #decode(Path)}
     */
    public static RgbImage decodeDownscaled(Path file, int shorterSide) throws ImageDecodeException {
        return decodeForDisplay(file, shorterSide).image();
    }

    /**
     * Decodes and shrinks the image file at {@code file} as {@link #decodeDownscaled(Path, int)} does, and
     * also returns the upright size of the whole picture in the file, which a shrunk image no longer shows.
     *
     * @param file the file to read; messages name it by its file name
     * @param shorterSide the maximum length of the shorter side in pixels, at least 1
     * @throws ImageDecodeException for the same reasons as {@link #decode(Path)}
     */
    public static DecodedPicture decodeForDisplay(Path file, int shorterSide) throws ImageDecodeException {
        Objects.requireNonNull(file, "file");
        requirePositive(shorterSide);
        String name = fileName(file);
        return decodeScaled(readFile(file, name), name, shorterSide);
    }

    /**
     * Decodes an image held in memory, such as pasted data or a file already read.
     *
     * @param data the complete file contents
     * @param name what messages call the image, usually its file name ("image" when null or blank)
     * @return the upright picture in 8-bit RGB
     * @throws ImageDecodeException when the data is empty, not a supported image, too large,
     *     truncated or corrupt
     */
    public static RgbImage decode(byte[] data, String name) throws ImageDecodeException {
        return decodeScaled(data, name, 0).image();
    }

    /**
     * Decodes an image held in memory and shrinks it as {@link #decodeDownscaled(Path, int)} does.
     *
     * @param data the complete file contents
     * @param name what messages call the image, usually its file name
     * @param shorterSide the maximum length of the shorter side in pixels, at least 1
     * @throws ImageDecodeException for the same reasons as {@link #decode(byte[], String)}
     */
    public static RgbImage decodeDownscaled(byte[] data, String name, int shorterSide) throws ImageDecodeException {
        requirePositive(shorterSide);
        return decodeScaled(data, name, shorterSide).image();
    }

    private static String fileName(Path file) {
        return label(file.getFileName() == null ? file.toString() : file.getFileName().toString());
    }

    /** Returns the name for messages, with control characters replaced so a message stays on one line. */
    private static String label(String name) {
        return name == null || name.isBlank() ? "image" : name.replaceAll("\\p{Cntrl}", "?");
    }

    private static byte[] readFile(Path file, String name) throws ImageDecodeException {
        if (Files.isDirectory(file)) {
            throw new ImageDecodeException(name + ": is a folder, not an image file; " + FORMAT_ADVICE);
        }
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ImageDecodeException(String.format(Locale.ROOT,
                        "%s: the file is %,d MB, larger than the maximum of %,d MB; save a smaller copy first",
                        name, size >> 20, MAX_FILE_BYTES >> 20));
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ImageDecodeException(name + ": file not found (" + file.toAbsolutePath()
                    + "); check that it still exists", e);
        } catch (AccessDeniedException e) {
            throw new ImageDecodeException(name + ": cannot be read (permission denied); "
                    + "check the file's permissions", e);
        } catch (IOException e) {
            throw new ImageDecodeException(name + ": cannot be read (" + oneLine(e) + "); "
                    + "check that the file is accessible", e);
        }
    }

    private static void requirePositive(int shorterSide) {
        if (shorterSide < 1) {
            throw new IllegalArgumentException("shorterSide must be at least 1, got " + shorterSide);
        }
    }

    /** Decodes, shrinks when {@code shorterSide} is positive and smaller, then applies the orientation. */
    private static DecodedPicture decodeScaled(byte[] data, String name, int shorterSide) throws ImageDecodeException {
        Objects.requireNonNull(data, "data");
        String label = label(name);
        if (data.length == 0) {
            throw new ImageDecodeException(label + ": the file is empty (0 bytes); it may be an unfinished "
                    + "download or copy, so save or copy it again");
        }
        ImageFormat format = ImageFormat.detect(data, Math.min(data.length, ImageFormat.SNIFF_LENGTH));
        if (format == null) {
            throw new ImageDecodeException(label + ": " + ImageFormat.describeUnknown(data,
                    Math.min(data.length, ImageFormat.SNIFF_LENGTH)) + "; " + FORMAT_ADVICE);
        }
        checkContainerLength(label, format, data);
        StoredPixels pixels = decodePixels(data, label, format, shorterSide);
        RgbImage stored = pixels.image();
        try {
            int shorter = Math.min(stored.width(), stored.height());
            if (shorterSide > 0 && shorter > shorterSide) {
                int width = (int) Math.max(1, Math.round((double) stored.width() * shorterSide / shorter));
                int height = (int) Math.max(1, Math.round((double) stored.height() * shorterSide / shorter));
                stored = ImageResizer.resize(stored, width, height);
            }
            int orientation = format.mayCarryExif() ? ExifOrientation.read(data, format, label) : ExifOrientation.NORMAL;
            RgbImage upright = ExifOrientation.apply(stored, orientation);
            boolean turned = upright.width() != stored.width() || upright.height() != stored.height();
            return turned ? new DecodedPicture(upright, pixels.sourceHeight(), pixels.sourceWidth())
                    : new DecodedPicture(upright, pixels.sourceWidth(), pixels.sourceHeight());
        } catch (OutOfMemoryError e) {
            throw outOfMemory(label, format, stored.width(), stored.height(), e);
        }
    }

    private static ImageDecodeException outOfMemory(String name, ImageFormat format, int width, int height,
            OutOfMemoryError e) {
        return new ImageDecodeException(String.format(Locale.ROOT,
                "%s: not enough memory to decode this %dx%d %s image; downscale it first or give the app "
                        + "more memory (-Xmx)", name, width, height, format.displayName()), e);
    }

    /**
     * Decodes the stored pixels. When {@code shorterSide} is positive the reader skips rows and
     * columns (source subsampling) while the result keeps at least four times that many pixels on its
     * shorter side, so the area-average shrink that follows still sees enough samples and skipped
     * pixels alias little. A 12 MP JPEG shrunk for a 96-pixel input converts about 1/49 of its pixels.
     */
    private static StoredPixels decodePixels(byte[] data, String name, ImageFormat format, int shorterSide)
            throws ImageDecodeException {
        ImageReader reader = readerFor(format, name);
        int width = 0;
        int height = 0;
        try (ImageInputStream input = new ByteArrayImageInputStream(data)) {
            reader.setInput(input, false, false);
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener(collector(warnings));

            width = reader.getWidth(0);
            height = reader.getHeight(0);
            checkSize(name, format, width, height);
            GifScreen screen = format == ImageFormat.GIF ? GifScreen.read(reader, width, height) : null;
            if (screen != null) {
                checkSize(name, format, screen.width(), screen.height());
            }
            checkMemory(name, reader, width, height);

            ImageReadParam param = reader.getDefaultReadParam();
            int step = screen == null && shorterSide > 0 ? Math.max(1, Math.min(width, height) / (4 * shorterSide)) : 1;
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            int outputWidth = (width + step - 1) / step;
            int outputHeight = (height + step - 1) / step;
            BufferedImage destination = format == ImageFormat.JPEG
                    ? rgbDestination(reader, outputWidth, outputHeight) : null;
            param.setDestination(destination);
            BufferedImage image = reader.read(0, param);
            checkWarnings(name, format, warnings);
            if (image == destination && destination != null) {
                // The reader wrote R, G, B bytes straight into the buffer RgbImage wraps.
                return new StoredPixels(new RgbImage(outputWidth, outputHeight,
                        ((DataBufferByte) destination.getRaster().getDataBuffer()).getData()), width, height);
            }
            RgbImage rgb = RasterConversion.toRgb(image);
            if (screen != null) {
                RgbImage placed = screen.place(rgb);
                return new StoredPixels(placed, placed.width(), placed.height());
            }
            return new StoredPixels(rgb, width, height);
        } catch (ImageDecodeException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Decoders signal broken data with all kinds of unchecked exceptions too
            // (IndexOutOfBounds, IllegalArgument, CMMException, ...).
            throw corrupt(name, format, e);
        } catch (OutOfMemoryError e) {
            throw outOfMemory(name, format, width, height, e);
        } finally {
            reader.dispose();
        }
    }

    /** Pixels as stored in the file (before the EXIF turn), possibly subsampled, and the stored size. */
    private record StoredPixels(RgbImage image, int sourceWidth, int sourceHeight) {
    }

    /**
     * Returns an image whose raster is laid out exactly as {@link RgbImage} (interleaved sRGB bytes
     * in R, G, B order), for readers that can convert into it, which saves a copy of a large photo.
     * Returns {@code null} for grey pictures and readers that offer no 8-bit RGB output.
     */
    private static BufferedImage rgbDestination(ImageReader reader, int width, int height) throws IOException {
        ImageTypeSpecifier raw = reader.getRawImageType(0);
        if (raw == null || raw.getNumBands() < 3) {
            return null;
        }
        boolean offersRgb = false;
        for (Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0); types.hasNext(); ) {
            offersRgb |= types.next().getBufferedImageType() == BufferedImage.TYPE_3BYTE_BGR;
        }
        if (!offersRgb) {
            return null;
        }
        ColorModel colorModel = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(width * height * 3), width, height,
                width * 3, 3, new int[] {0, 1, 2}, null);
        return new BufferedImage(colorModel, raster, false, null);
    }

    /** Picks the TwelveMonkeys reader where one exists (CMYK/YCCK JPEG, WebP), else the JDK's. */
    private static ImageReader readerFor(ImageFormat format, String name) throws ImageDecodeException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName());
        ImageReader fallback = null;
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            if (reader.getClass().getName().startsWith("com.twelvemonkeys.")) {
                if (fallback != null) {
                    fallback.dispose();
                }
                return reader;
            }
            if (fallback == null) {
                fallback = reader;
            } else {
                reader.dispose();
            }
        }
        if (fallback == null) {
            throw new ImageDecodeException(name + ": this installation has no " + format.displayName()
                    + " reader (a plug-in is missing from the class path); reinstall the app");
        }
        if (format == ImageFormat.JPEG) {
            LOG.warn("TwelveMonkeys JPEG reader not found; CMYK and YCCK JPEG files will fail to decode");
        }
        return fallback;
    }

    private static void checkSize(String name, ImageFormat format, int width, int height)
            throws ImageDecodeException {
        if (width < 1 || height < 1) {
            throw new ImageDecodeException(String.format(Locale.ROOT,
                    "%s: the %s header declares an invalid size of %dx%d pixels; the file is corrupt",
                    name, format.displayName(), width, height));
        }
        if (width > MAX_SIDE || height > MAX_SIDE || (long) width * height > MAX_PIXELS) {
            throw new ImageDecodeException(String.format(Locale.ROOT,
                    "%s: the image is %dx%d pixels, larger than the maximum of %d pixels per side and %d "
                            + "megapixels; downscale it first",
                    name, width, height, MAX_SIDE, MAX_PIXELS / 1_000_000));
        }
    }

    /**
     * Rejects a picture whose decoded raster and RGB copy cannot fit in the heap even when it is
     * empty, from the sample layout the reader declares.
     */
    private static void checkMemory(String name, ImageReader reader, int width, int height)
            throws ImageDecodeException {
        int rasterBytesPerPixel = 4;
        try {
            ImageTypeSpecifier type = reader.getRawImageType(0);
            if (type != null) {
                int bits = 0;
                for (int size : type.getSampleModel(1, 1).getSampleSize()) {
                    bits += size;
                }
                rasterBytesPerPixel = Math.max(1, (bits + 7) / 8);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("{}: raw image type unavailable, assuming 4 bytes per pixel: {}", name, e.toString());
        }
        // The raster, the RGB copy and one more RGB copy when the EXIF orientation is applied.
        long needed = (long) width * height * (rasterBytesPerPixel + 6L);
        long max = Runtime.getRuntime().maxMemory();
        if (needed > max) {
            throw new ImageDecodeException(String.format(Locale.ROOT,
                    "%s: decoding this %dx%d image needs about %,d MB of memory but the app may use only %,d MB; "
                            + "downscale it first or give the app more memory (-Xmx)",
                    name, width, height, needed >> 20, max >> 20));
        }
    }

    private static void checkWarnings(String name, ImageFormat format, List<String> warnings)
            throws ImageDecodeException {
        for (String warning : warnings) {
            String lower = warning.toLowerCase(Locale.ROOT);
            for (String incomplete : INCOMPLETE_DATA_WARNINGS) {
                if (lower.contains(incomplete)) {
                    throw new ImageDecodeException(name + ": the " + format.displayName() + " data ends early or is "
                            + "damaged (" + warning.strip() + "), so part of the picture is missing; if the file is an "
                            + "unfinished download or copy, get it again");
                }
            }
            // NOTE: other warnings are accepted. Among them "extraneous bytes before marker" also
            // follows bit errors in the compressed data, which libjpeg decodes into visible garbage.
            LOG.debug("{}: decoder warning: {}", name, warning);
        }
    }

    /**
     * Rejects a WebP file shorter than its RIFF header declares. The TwelveMonkeys lossless decoder
     * reads past the end as zeros and returns a damaged picture without any error.
     */
    private static void checkContainerLength(String name, ImageFormat format, byte[] data)
            throws ImageDecodeException {
        if (format != ImageFormat.WEBP || data.length < 8) {
            return;
        }
        long declared = 8L + ((data[4] & 0xFFL) | (data[5] & 0xFFL) << 8 | (data[6] & 0xFFL) << 16
                | (data[7] & 0xFFL) << 24);
        if (data.length < declared) {
            throw truncated(name, format, String.format(Locale.ROOT,
                    "%,d of the %,d bytes its header declares", data.length, declared), null);
        }
    }

    private static ImageDecodeException truncated(String name, ImageFormat format, String detail, Throwable cause) {
        return new ImageDecodeException(name + ": the " + format.displayName() + " file is truncated (" + detail
                + "), so part of the picture is missing; it may be an unfinished download or copy, so get it again",
                cause);
    }

    private static boolean endsEarly(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof EOFException) {
                return true;
            }
        }
        return false;
    }

    private static IIOReadWarningListener collector(List<String> warnings) {
        return (source, warning) -> warnings.add(warning == null ? "" : warning);
    }

    private static ImageDecodeException corrupt(String name, ImageFormat format, Exception e) {
        LOG.debug("{}: {} decoding failed", name, format.displayName(), e);
        if (endsEarly(e)) {
            return truncated(name, format, "the data ends before the picture is complete", e);
        }
        return new ImageDecodeException(name + ": the " + format.displayName() + " data is corrupt or truncated ("
                + oneLine(e) + "); open the file in an image editor and save it again", e);
    }

    /** Returns the innermost useful message of {@code e}, on one line. */
    private static String oneLine(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause
                && (cause.getMessage() == null || cause instanceof IIOException)) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        if (message == null || message.isBlank()) {
            message = cause.getClass().getSimpleName();
        }
        return message.replaceAll("\\s+", " ").strip();
    }
}
