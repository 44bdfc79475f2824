package org.simclrstudio.core.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.DataBufferUShort;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.awt.image.SinglePixelPackedSampleModel;
import org.simclrstudio.core.data.RgbImage;

/**
 * Turns a decoded {@link BufferedImage} into an 8-bit {@link RgbImage}, compositing any alpha onto
 * white so the colour hidden under transparent pixels never shows.
 *
 * <p>The common layouts (interleaved bytes, packed ints, 16-bit samples, palettes, grey) are read
 * straight from the raster's data buffer without per-pixel virtual calls. Grey samples are copied
 * as stored: Java 2D treats grey rasters as linear light and would brighten them through
 * {@code getRGB}, while files store grey in display gamma. Other colour spaces (CMYK, embedded ICC
 * profiles) go through {@link ColorConvertOp} to sRGB first.
 */
final class RasterConversion {

    private static final int WHITE = 255;

    private RasterConversion() {
    }

    /** Converts {@code image} to interleaved 8-bit sRGB, alpha composited onto white. */
    static RgbImage toRgb(BufferedImage image) {
        ColorModel colorModel = image.getColorModel();
        Raster raster = image.getRaster();
        int width = image.getWidth();
        int height = image.getHeight();
        byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(width, height), 3)];

        if (colorModel instanceof IndexColorModel indexed) {
            convertIndexed(raster, indexed, out);
        } else if (isPlainComponentLayout(colorModel, raster)) {
            convertComponents(raster, colorModel, out);
        } else if (isPackedIntRgb(colorModel, raster)) {
            convertPackedInts(raster, (DirectColorModel) colorModel, out);
        } else if (isSrgbOrGrey(colorModel) && isIntegerData(raster)) {
            convertGeneric(raster, colorModel, out);
        } else {
            return toRgb(convertToSrgb(image));
        }
        return new RgbImage(width, height, out);
    }

    /** Converts any colour space to sRGB with the colour management module (LCMS in OpenJDK). */
    private static BufferedImage convertToSrgb(BufferedImage image) {
        int type = image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage srgb = new BufferedImage(image.getWidth(), image.getHeight(), type);
        new ColorConvertOp(ColorSpace.getInstance(ColorSpace.CS_sRGB), null).filter(image, srgb);
        return srgb;
    }

    private static boolean isSrgbOrGrey(ColorModel colorModel) {
        ColorSpace space = colorModel.getColorSpace();
        return space.isCS_sRGB() || space.getType() == ColorSpace.TYPE_GRAY;
    }

    private static boolean isIntegerData(Raster raster) {
        int type = raster.getDataBuffer().getDataType();
        return type == DataBuffer.TYPE_BYTE || type == DataBuffer.TYPE_USHORT || type == DataBuffer.TYPE_SHORT
                || type == DataBuffer.TYPE_INT;
    }

    /** Returns whether the raster has one 8- or 16-bit sample per band in a single bank, in sRGB or grey. */
    private static boolean isPlainComponentLayout(ColorModel colorModel, Raster raster) {
        if (!(colorModel instanceof ComponentColorModel) || !isSrgbOrGrey(colorModel)) {
            return false;
        }
        if (!(raster.getSampleModel() instanceof ComponentSampleModel sampleModel)) {
            return false;
        }
        DataBuffer buffer = raster.getDataBuffer();
        int bits = buffer.getDataType() == DataBuffer.TYPE_BYTE ? 8
                : buffer.getDataType() == DataBuffer.TYPE_USHORT ? 16 : -1;
        if (bits < 0 || buffer.getNumBanks() != 1) {
            return false;
        }
        for (int size : sampleModel.getSampleSize()) {
            if (size != bits) {
                return false;
            }
        }
        for (int bank : sampleModel.getBankIndices()) {
            if (bank != 0) {
                return false;
            }
        }
        return raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0;
    }

    private static void convertComponents(Raster raster, ColorModel colorModel, byte[] out) {
        ComponentSampleModel sampleModel = (ComponentSampleModel) raster.getSampleModel();
        DataBuffer buffer = raster.getDataBuffer();
        int width = raster.getWidth();
        int height = raster.getHeight();
        int pixelStride = sampleModel.getPixelStride();
        int scanlineStride = sampleModel.getScanlineStride();
        int[] bandOffsets = sampleModel.getBandOffsets();
        int base = buffer.getOffset();
        boolean grey = colorModel.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        int colourBands = grey ? 1 : 3;
        int alphaOffset = colorModel.hasAlpha() ? bandOffsets[colourBands] : -1;
        boolean premultiplied = colorModel.isAlphaPremultiplied();
        int redOffset = bandOffsets[0];
        int greenOffset = grey ? bandOffsets[0] : bandOffsets[1];
        int blueOffset = grey ? bandOffsets[0] : bandOffsets[2];

        if (buffer instanceof DataBufferByte bytes) {
            byte[] data = bytes.getData();
            if (alphaOffset < 0 && pixelStride == 3 && scanlineStride == width * 3) {
                // Rows without padding, as JPEG and PNG readers deliver RGB: one flat loop.
                for (int o = 0, p = base; o < out.length; o += 3, p += 3) {
                    out[o] = data[p + redOffset];
                    out[o + 1] = data[p + greenOffset];
                    out[o + 2] = data[p + blueOffset];
                }
                return;
            }
            int o = 0;
            for (int y = 0; y < height; y++) {
                int p = base + y * scanlineStride;
                if (alphaOffset < 0) {
                    for (int x = 0; x < width; x++, p += pixelStride) {
                        out[o++] = data[p + redOffset];
                        out[o++] = data[p + greenOffset];
                        out[o++] = data[p + blueOffset];
                    }
                } else {
                    for (int x = 0; x < width; x++, p += pixelStride) {
                        int alpha = data[p + alphaOffset] & 0xFF;
                        out[o++] = composite(data[p + redOffset] & 0xFF, alpha, premultiplied);
                        out[o++] = composite(data[p + greenOffset] & 0xFF, alpha, premultiplied);
                        out[o++] = composite(data[p + blueOffset] & 0xFF, alpha, premultiplied);
                    }
                }
            }
        } else {
            short[] data = ((DataBufferUShort) buffer).getData();
            int o = 0;
            for (int y = 0; y < height; y++) {
                int p = base + y * scanlineStride;
                for (int x = 0; x < width; x++, p += pixelStride) {
                    int alpha = alphaOffset < 0 ? WHITE : to8Bits(data[p + alphaOffset] & 0xFFFF);
                    out[o++] = composite(to8Bits(data[p + redOffset] & 0xFFFF), alpha, premultiplied);
                    out[o++] = composite(to8Bits(data[p + greenOffset] & 0xFFFF), alpha, premultiplied);
                    out[o++] = composite(to8Bits(data[p + blueOffset] & 0xFFFF), alpha, premultiplied);
                }
            }
        }
    }

    /** {@code TYPE_INT_RGB}, {@code TYPE_INT_ARGB} and the like: 8-bit fields packed in one int. */
    private static boolean isPackedIntRgb(ColorModel colorModel, Raster raster) {
        if (!(colorModel instanceof DirectColorModel) || !colorModel.getColorSpace().isCS_sRGB()) {
            return false;
        }
        if (!(raster.getSampleModel() instanceof SinglePixelPackedSampleModel)
                || !(raster.getDataBuffer() instanceof DataBufferInt)) {
            return false;
        }
        for (int size : colorModel.getComponentSize()) {
            if (size != 8) {
                return false;
            }
        }
        return raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0;
    }

    private static void convertPackedInts(Raster raster, DirectColorModel colorModel, byte[] out) {
        SinglePixelPackedSampleModel sampleModel = (SinglePixelPackedSampleModel) raster.getSampleModel();
        int[] data = ((DataBufferInt) raster.getDataBuffer()).getData();
        int base = raster.getDataBuffer().getOffset();
        int scanlineStride = sampleModel.getScanlineStride();

        int[] shifts = sampleModel.getBitOffsets();
        int redShift = shifts[0];
        int greenShift = shifts[1];
        int blueShift = shifts[2];
        boolean hasAlpha = colorModel.hasAlpha();
        int alphaShift = hasAlpha ? shifts[3] : 0;
        boolean premultiplied = colorModel.isAlphaPremultiplied();
        int width = raster.getWidth();
        int height = raster.getHeight();

        int o = 0;
        for (int y = 0; y < height; y++) {
            int p = base + y * scanlineStride;
            for (int x = 0; x < width; x++) {
                int pixel = data[p + x];
                int red = (pixel >>> redShift) & 0xFF;
                int green = (pixel >>> greenShift) & 0xFF;
                int blue = (pixel >>> blueShift) & 0xFF;
                if (hasAlpha) {
                    int alpha = (pixel >>> alphaShift) & 0xFF;
                    out[o++] = composite(red, alpha, premultiplied);
                    out[o++] = composite(green, alpha, premultiplied);
                    out[o++] = composite(blue, alpha, premultiplied);
                } else {
                    out[o++] = (byte) red;
                    out[o++] = (byte) green;
                    out[o++] = (byte) blue;
                }
            }
        }
    }

    /** Palette images of any bit depth: each palette entry is composited once, then looked up. */
    private static void convertIndexed(Raster raster, IndexColorModel colorModel, byte[] out) {
        int size = colorModel.getMapSize();
        byte[] lookup = new byte[size * 3];
        for (int i = 0; i < size; i++) {
            int alpha = colorModel.getAlpha(i);
            lookup[i * 3] = composite(colorModel.getRed(i), alpha, false);
            lookup[i * 3 + 1] = composite(colorModel.getGreen(i), alpha, false);
            lookup[i * 3 + 2] = composite(colorModel.getBlue(i), alpha, false);
        }
        int width = raster.getWidth();
        int height = raster.getHeight();
        int[] row = new int[width];
        int o = 0;
        for (int y = 0; y < height; y++) {
            raster.getSamples(0, y, width, 1, 0, row);
            for (int x = 0; x < width; x++) {
                // Indices beyond a short palette show black, as most viewers do.
                int index = row[x] < size ? row[x] * 3 : -1;
                if (index < 0) {
                    out[o++] = 0;
                    out[o++] = 0;
                    out[o++] = 0;
                } else {
                    out[o++] = lookup[index];
                    out[o++] = lookup[index + 1];
                    out[o++] = lookup[index + 2];
                }
            }
        }
    }

    /** Any other integer sRGB or grey layout, one row at a time through {@code Raster.getPixels}. */
    private static void convertGeneric(Raster raster, ColorModel colorModel, byte[] out) {
        int width = raster.getWidth();
        int height = raster.getHeight();
        int bands = raster.getNumBands();
        boolean grey = colorModel.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        int colourBands = grey ? 1 : 3;
        boolean hasAlpha = colorModel.hasAlpha() && bands > colourBands;
        boolean premultiplied = colorModel.isAlphaPremultiplied();
        int[] maxValues = new int[bands];
        int[] sizes = raster.getSampleModel().getSampleSize();
        for (int b = 0; b < bands; b++) {
            maxValues[b] = sizes[b] >= 31 ? Integer.MAX_VALUE : (1 << sizes[b]) - 1;
        }
        int[] row = new int[width * bands];
        int o = 0;
        for (int y = 0; y < height; y++) {
            raster.getPixels(0, y, width, 1, row);
            for (int x = 0, p = 0; x < width; x++, p += bands) {
                int alpha = hasAlpha ? scale(row[p + colourBands], maxValues[colourBands]) : WHITE;
                int red = scale(row[p], maxValues[0]);
                int green = grey ? red : scale(row[p + 1], maxValues[1]);
                int blue = grey ? red : scale(row[p + 2], maxValues[2]);
                out[o++] = composite(red, alpha, premultiplied);
                out[o++] = composite(green, alpha, premultiplied);
                out[o++] = composite(blue, alpha, premultiplied);
            }
        }
    }

    private static int scale(int value, int maxValue) {
        if (maxValue == WHITE) {
            return value & 0xFF;
        }
        long clamped = Math.max(0, Math.min(value, maxValue));
        return (int) ((clamped * WHITE + maxValue / 2) / maxValue);
    }

    /** Rounds a 16-bit sample to 8 bits ({@code round(value / 257)}). */
    private static int to8Bits(int value) {
        return (value + 128) / 257;
    }

    /** Composites one 8-bit colour sample with the given alpha onto white. */
    private static byte composite(int colour, int alpha, boolean premultiplied) {
        if (alpha == WHITE) {
            return (byte) colour;
        }
        if (premultiplied) {
            return (byte) Math.min(WHITE, colour + WHITE - alpha);
        }
        return (byte) (colour + ((WHITE - colour) * (WHITE - alpha) + 127) / WHITE);
    }
}
