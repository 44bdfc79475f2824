package org.simclrstudio.core.image;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.IntStream;
import org.simclrstudio.core.data.RgbImage;

/**
 * Resizes and crops {@link RgbImage}s in pure Java, for thumbnails and classifier input.
 *
 * <p>Each axis is resampled on its own: an axis that shrinks uses area averaging (every output
 * pixel is the mean of the source area it covers, with fractional edge weights), an axis that grows
 * uses bilinear interpolation. Weights are 14-bit fixed point and sum exactly to one, so a flat
 * colour stays exactly that colour. Large pictures are processed in row bands on the common
 * fork-join pool.
 */
public final class ImageResizer {

    /** Fixed-point weight scale: 1.0 is {@code 1 << WEIGHT_BITS}. */
    private static final int WEIGHT_BITS = 14;
    private static final int WEIGHT_ONE = 1 << WEIGHT_BITS;
    /** Bits dropped after the vertical pass, keeping 8 extra bits of precision for the horizontal one. */
    private static final int VERTICAL_SHIFT = WEIGHT_BITS - 8;
    private static final int FINAL_SHIFT = WEIGHT_BITS + 8;

    /** Source bytes below which one thread does all the work. */
    private static final long PARALLEL_THRESHOLD = 1L << 20;

    private ImageResizer() {
    }

    /**
     * Scales {@code src} to exactly {@code width} x {@code height}, stretching it if the aspect ratio
     * differs.
     *
     * @return a new image, or {@code src} itself when it already has that size
     * @throws IllegalArgumentException when a target dimension is below 1
     */
    public static RgbImage resize(RgbImage src, int width, int height) {
        Objects.requireNonNull(src, "src");
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("Target size must be positive, got " + width + "x" + height);
        }
        return resizeRegion(src, 0, 0, src.width(), src.height(), width, height);
    }

    /**
     * Crops the largest centred square out of {@code src}, keeping the middle of the longer side.
     *
     * @return a new image, or {@code src} itself when it is already square
     */
    public static RgbImage centerCropSquare(RgbImage src) {
        Objects.requireNonNull(src, "src");
        int side = Math.min(src.width(), src.height());
        if (src.width() == src.height()) {
            return src;
        }
        int left = (src.width() - side) / 2;
        int top = (src.height() - side) / 2;
        return crop(src, left, top, side, side);
    }

    /**
     * Scales {@code src} so its shorter side is {@code size} pixels, then crops the centred
     * {@code size} x {@code size} square: the usual classifier input. The square is cut from the
     * source first, so only the pixels that end up in the result are resampled.
     *
     * @throws IllegalArgumentException when {@code size} is below 1
     */
    public static RgbImage resizeShorterSideAndCenterCrop(RgbImage src, int size) {
        Objects.requireNonNull(src, "src");
        if (size < 1) {
            throw new IllegalArgumentException("Target size must be positive, got " + size);
        }
        int side = Math.min(src.width(), src.height());
        int left = (src.width() - side) / 2;
        int top = (src.height() - side) / 2;
        return resizeRegion(src, left, top, side, side, size, size);
    }

    /** Copies the {@code width} x {@code height} block at ({@code left}, {@code top}). */
    static RgbImage crop(RgbImage src, int left, int top, int width, int height) {
        byte[] out = new byte[width * height * 3];
        int rowBytes = width * 3;
        for (int y = 0; y < height; y++) {
            System.arraycopy(src.pixels(), ((top + y) * src.width() + left) * 3, out, y * rowBytes, rowBytes);
        }
        return new RgbImage(width, height, out);
    }

    /** Resamples the source rectangle at ({@code left}, {@code top}) to {@code outWidth} x {@code outHeight}. */
    private static RgbImage resizeRegion(RgbImage src, int left, int top, int regionWidth, int regionHeight,
            int outWidth, int outHeight) {
        if (regionWidth == outWidth && regionHeight == outHeight) {
            if (left == 0 && top == 0 && regionWidth == src.width() && regionHeight == src.height()) {
                return src;
            }
            return crop(src, left, top, regionWidth, regionHeight);
        }
        Taps columns = Taps.compute(regionWidth, outWidth, left);
        Taps rows = Taps.compute(regionHeight, outHeight, top);
        byte[] out = new byte[outWidth * outHeight * 3];
        long work = (long) regionWidth * regionHeight * 3;
        int bands = work < PARALLEL_THRESHOLD ? 1 : Math.min(outHeight, Runtime.getRuntime().availableProcessors() * 2);
        IntStream range = IntStream.range(0, bands);
        if (bands > 1) {
            range = range.parallel();
        }
        range.forEach(band -> {
            int firstRow = (int) ((long) outHeight * band / bands);
            int endRow = (int) ((long) outHeight * (band + 1) / bands);
            resampleRows(src, left, regionWidth, columns, rows, out, outWidth, firstRow, endRow);
        });
        return new RgbImage(outWidth, outHeight, out);
    }

    /**
     * Fills output rows {@code [firstRow, endRow)}: for each, a vertical pass sums the source rows it
     * covers into {@code line} (8 extra bits of precision), then a horizontal pass resamples that line.
     */
    private static void resampleRows(RgbImage src, int left, int regionWidth, Taps columns, Taps rows,
            byte[] out, int outWidth, int firstRow, int endRow) {
        byte[] pixels = src.pixels();
        int lineLength = regionWidth * 3;
        int[] line = new int[lineLength];
        int srcRowBytes = src.width() * 3;
        for (int y = firstRow; y < endRow; y++) {
            Arrays.fill(line, 0);
            int tapBase = y * rows.maxTaps;
            for (int t = 0; t < rows.count[y]; t++) {
                int weight = rows.weights[tapBase + t];
                int offset = (rows.start[y] + t) * srcRowBytes + left * 3;
                for (int i = 0; i < lineLength; i++) {
                    line[i] += weight * (pixels[offset + i] & 0xFF);
                }
            }
            for (int i = 0; i < lineLength; i++) {
                line[i] = (line[i] + (1 << (VERTICAL_SHIFT - 1))) >> VERTICAL_SHIFT;
            }

            int o = y * outWidth * 3;
            for (int x = 0; x < outWidth; x++) {
                int red = 1 << (FINAL_SHIFT - 1);
                int green = red;
                int blue = red;
                int columnBase = x * columns.maxTaps;
                // Columns are relative to the region: the vertical pass already dropped the left margin.
                int p = (columns.start[x] - left) * 3;
                for (int t = 0; t < columns.count[x]; t++, p += 3) {
                    int weight = columns.weights[columnBase + t];
                    red += weight * line[p];
                    green += weight * line[p + 1];
                    blue += weight * line[p + 2];
                }
                out[o++] = clamp(red >> FINAL_SHIFT);
                out[o++] = clamp(green >> FINAL_SHIFT);
                out[o++] = clamp(blue >> FINAL_SHIFT);
            }
        }
    }

    private static byte clamp(int value) {
        return (byte) Math.max(0, Math.min(255, value));
    }

    /**
     * Resampling weights for one axis: output index {@code i} is the weighted sum of source indices
     * {@code start[i] .. start[i] + count[i] - 1}, weights in {@code weights[i * maxTaps + t]}.
     */
    private static final class Taps {
        final int[] start;
        final int[] count;
        final int[] weights;
        final int maxTaps;

        private Taps(int[] start, int[] count, int[] weights, int maxTaps) {
            this.start = start;
            this.count = count;
            this.weights = weights;
            this.maxTaps = maxTaps;
        }

        /** Weights for resampling {@code srcLength} pixels starting at {@code origin} to {@code dstLength}. */
        static Taps compute(int srcLength, int dstLength, int origin) {
            return dstLength <= srcLength ? areaAverage(srcLength, dstLength, origin) : bilinear(srcLength, dstLength, origin);
        }

        private static Taps areaAverage(int srcLength, int dstLength, int origin) {
            double scale = (double) srcLength / dstLength;
            int maxTaps = (int) Math.ceil(scale) + 1;
            int[] start = new int[dstLength];
            int[] count = new int[dstLength];
            int[] weights = new int[dstLength * maxTaps];
            double[] exact = new double[maxTaps];
            for (int i = 0; i < dstLength; i++) {
                double from = i * scale;
                double to = Math.min(srcLength, (i + 1) * scale);
                int first = (int) Math.floor(from);
                int last = Math.min(srcLength - 1, (int) Math.ceil(to) - 1);
                int n = 0;
                for (int j = first; j <= last; j++) {
                    double overlap = Math.min(to, j + 1) - Math.max(from, j);
                    if (overlap > 1e-9) {
                        if (n == 0) {
                            start[i] = j + origin;
                        }
                        exact[n++] = overlap / (to - from);
                    }
                }
                count[i] = n;
                normalize(exact, n, weights, i * maxTaps);
            }
            return new Taps(start, count, weights, maxTaps);
        }

        private static Taps bilinear(int srcLength, int dstLength, int origin) {
            int maxTaps = 2;
            int[] start = new int[dstLength];
            int[] count = new int[dstLength];
            int[] weights = new int[dstLength * maxTaps];
            double scale = (double) srcLength / dstLength;
            double[] exact = new double[maxTaps];
            for (int i = 0; i < dstLength; i++) {
                double centre = (i + 0.5) * scale - 0.5;
                int first = (int) Math.floor(centre);
                double fraction = centre - first;
                if (first < 0 || srcLength == 1) {
                    start[i] = origin;
                    count[i] = 1;
                    weights[i * maxTaps] = WEIGHT_ONE;
                } else if (first >= srcLength - 1) {
                    start[i] = origin + srcLength - 1;
                    count[i] = 1;
                    weights[i * maxTaps] = WEIGHT_ONE;
                } else {
                    start[i] = origin + first;
                    count[i] = 2;
                    exact[0] = 1 - fraction;
                    exact[1] = fraction;
                    normalize(exact, 2, weights, i * maxTaps);
                }
            }
            return new Taps(start, count, weights, maxTaps);
        }

        /** Rounds {@code n} weights that sum to 1 into fixed point summing exactly to {@link #WEIGHT_ONE}. */
        private static void normalize(double[] exact, int n, int[] weights, int offset) {
            int sum = 0;
            int largest = 0;
            for (int t = 0; t < n; t++) {
                weights[offset + t] = (int) Math.round(exact[t] * WEIGHT_ONE);
                sum += weights[offset + t];
                if (exact[t] > exact[largest]) {
                    largest = t;
                }
            }
            weights[offset + largest] += WEIGHT_ONE - sum;
        }
    }
}
