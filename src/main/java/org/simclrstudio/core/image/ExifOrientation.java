package org.simclrstudio.core.image;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.simclrstudio.core.data.RgbImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EXIF orientation tag (0x0112) and the flip or rotation that turns stored pixels into the
 * picture a person sees. Values follow the TIFF 6.0 / EXIF 2.3 definition: 1 is upright, 2 to 4
 * flip or turn by 180 degrees, and 5 to 8 swap width and height.
 */
final class ExifOrientation {

    /** The orientation of a picture stored upright. */
    static final int NORMAL = 1;

    /** Output columns per tile when rows of the output are columns of the source. */
    private static final int TILE = 64;

    private static final Logger LOG = LoggerFactory.getLogger(ExifOrientation.class);

    private ExifOrientation() {
    }

    /**
     * Reads the orientation tag of IFD0 with metadata-extractor.
     *
     * @return 1 to 8, or {@link #NORMAL} when the file has no valid tag or its metadata is unreadable
     */
    static int read(byte[] data, ImageFormat format, String name) {
        try (InputStream in = new ByteArrayInputStream(data)) {
            // JPEG: read only the APP1 segments, which stops at the start of the compressed data.
            Metadata metadata = format == ImageFormat.JPEG
                    ? JpegMetadataReader.readMetadata(in, List.of(new ExifReader()))
                    : ImageMetadataReader.readMetadata(in, data.length);
            ExifIFD0Directory directory = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (directory == null || !directory.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                return NORMAL;
            }
            int value = directory.getInt(ExifIFD0Directory.TAG_ORIENTATION);
            if (value < 1 || value > 8) {
                LOG.debug("{}: ignoring invalid EXIF orientation {}", name, value);
                return NORMAL;
            }
            return value;
        } catch (ImageProcessingException | MetadataException | IOException
                | RuntimeException e) {
            // Broken metadata must not stop the pixels from decoding; the picture stays as stored.
            LOG.debug("{}: EXIF metadata unreadable, keeping the stored orientation: {}", name, e.toString());
            return NORMAL;
        }
    }

    /**
     * Returns {@code image} flipped or rotated as orientation {@code orientation} requires, or the
     * same instance for {@link #NORMAL}.
     */
    static RgbImage apply(RgbImage image, int orientation) {
        if (orientation == NORMAL || orientation < 1 || orientation > 8) {
            return image;
        }
        int width = image.width();
        int height = image.height();
        boolean swap = orientation >= 5;
        int outWidth = swap ? height : width;
        int outHeight = swap ? width : height;
        byte[] src = image.pixels();
        byte[] out = new byte[src.length];
        int rowStride = width * 3;

        // For each output pixel (X, Y) the source pixel is start(Y) + X * step; start and step are
        // byte offsets into the stored raster. Orientations 5 to 8 read source columns, so the
        // output is walked in square tiles to keep those reads within a few cache lines.
        int tile = swap ? TILE : outWidth;
        for (int tileLeft = 0; tileLeft < outWidth; tileLeft += tile) {
            int tileRight = Math.min(outWidth, tileLeft + tile);
            for (int y = 0; y < outHeight; y++) {
                int start;
                int step;
                switch (orientation) {
                    case 2 -> { // mirror horizontally
                        start = y * rowStride + (width - 1) * 3;
                        step = -3;
                    }
                    case 3 -> { // turn 180 degrees
                        start = (height - 1 - y) * rowStride + (width - 1) * 3;
                        step = -3;
                    }
                    case 4 -> { // mirror vertically
                        start = (height - 1 - y) * rowStride;
                        step = 3;
                    }
                    case 5 -> { // transpose: source (x = Y, y = X)
                        start = y * 3;
                        step = rowStride;
                    }
                    case 6 -> { // turn 90 degrees clockwise: source (x = Y, y = height - 1 - X)
                        start = (height - 1) * rowStride + y * 3;
                        step = -rowStride;
                    }
                    case 7 -> { // transverse: source (x = width - 1 - Y, y = height - 1 - X)
                        start = (height - 1) * rowStride + (width - 1 - y) * 3;
                        step = -rowStride;
                    }
                    default -> { // 8, turn 90 degrees counter-clockwise: source (x = width - 1 - Y, y = X)
                        start = (width - 1 - y) * 3;
                        step = rowStride;
                    }
                }
                int o = (y * outWidth + tileLeft) * 3;
                int s = start + tileLeft * step;
                for (int x = tileLeft; x < tileRight; x++, s += step) {
                    out[o++] = src[s];
                    out[o++] = src[s + 1];
                    out[o++] = src[s + 2];
                }
            }
        }
        return new RgbImage(outWidth, outHeight, out);
    }
}
