package org.simclrstudio.core.augment;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Every augmentation parameter of one view, shared by the command line, the GUI and the run config.
 *
 * <p>The base recipe is the one of the Keras SimCLR example: a horizontal flip, a random square crop
 * covering {@code minArea..1} of the image at a random position (zoom and translation), resized back to
 * the image size, and a random colour affine transform ({@code brightness}, {@code jitter}). The SimCLR
 * paper's options are opt-in: a random resized crop with a scale and aspect-ratio range (it replaces the
 * square crop), colour jitter of brightness, contrast, saturation and hue applied with a probability,
 * random grayscale, and Gaussian blur. Every view is clipped to [0, 1].
 *
 * @param horizontalFlip flip half of the views left to right
 * @param minArea smallest fraction of the image area the square crop keeps, in (0, 1]; 1 disables it
 * @param brightness colour affine brightness: each view is scaled by {@code 1 + U(-brightness, brightness)}
 * @param jitter colour affine jitter: {@code U(-jitter, jitter)} is added to each entry of the 3x3 colour matrix
 * @param randomResizedCrop use the SimCLR paper's random resized crop (scale and aspect ranges) instead of the square crop
 * @param cropScaleMin smallest crop area fraction of the random resized crop, in (0, 1]
 * @param cropScaleMax largest crop area fraction of the random resized crop, in [cropScaleMin, 1]
 * @param aspectMin smallest width/height ratio of the random resized crop, above 0
 * @param aspectMax largest width/height ratio of the random resized crop, at least aspectMin
 * @param colorJitterProbability probability that a view gets the colour jitter below, in [0, 1]
 * @param colorJitterBrightness brightness factor range {@code 1 +- value}, at least 0
 * @param colorJitterContrast contrast factor range {@code 1 +- value}, at least 0
 * @param colorJitterSaturation saturation factor range {@code 1 +- value}, at least 0
 * @param colorJitterHue hue shift range {@code +- value} in turns, in [0, 0.5]
 * @param grayscaleProbability probability that a view becomes grayscale, in [0, 1]
 * @param blurProbability probability that a view is blurred, in [0, 1]
 * @param blurSigmaMin smallest Gaussian blur sigma in output pixels, above 0
 * @param blurSigmaMax largest Gaussian blur sigma in output pixels, at least blurSigmaMin
 */
public record AugmentParams(
        boolean horizontalFlip,
        double minArea,
        double brightness,
        double jitter,
        boolean randomResizedCrop,
        double cropScaleMin,
        double cropScaleMax,
        double aspectMin,
        double aspectMax,
        double colorJitterProbability,
        double colorJitterBrightness,
        double colorJitterContrast,
        double colorJitterSaturation,
        double colorJitterHue,
        double grayscaleProbability,
        double blurProbability,
        double blurSigmaMin,
        double blurSigmaMax) {

    /** Validates every value; the message names the parameter, the value and the valid range. */
    public AugmentParams {
        requireRange("minArea", minArea, Double.MIN_VALUE, 1);
        requireRange("brightness", brightness, 0, 1);
        requireRange("jitter", jitter, 0, 1);
        requireRange("cropScaleMin", cropScaleMin, Double.MIN_VALUE, 1);
        requireRange("cropScaleMax", cropScaleMax, cropScaleMin, 1);
        requireRange("aspectMin", aspectMin, Double.MIN_VALUE, 100);
        requireRange("aspectMax", aspectMax, aspectMin, 100);
        requireRange("colorJitterProbability", colorJitterProbability, 0, 1);
        requireRange("colorJitterBrightness", colorJitterBrightness, 0, 10);
        requireRange("colorJitterContrast", colorJitterContrast, 0, 10);
        requireRange("colorJitterSaturation", colorJitterSaturation, 0, 10);
        requireRange("colorJitterHue", colorJitterHue, 0, 0.5);
        requireRange("grayscaleProbability", grayscaleProbability, 0, 1);
        requireRange("blurProbability", blurProbability, 0, 1);
        requireRange("blurSigmaMin", blurSigmaMin, Double.MIN_VALUE, 100);
        requireRange("blurSigmaMax", blurSigmaMax, blurSigmaMin, 100);
    }

    /** Returns the Keras example's contrastive augmentation: flip, min area 0.25, brightness 0.6, jitter 0.2. */
    public static AugmentParams kerasContrastive() {
        return keras(0.25, 0.6, 0.2);
    }

    /** Returns the Keras example's classification augmentation: flip, min area 0.75, brightness 0.3, jitter 0.1. */
    public static AugmentParams kerasClassification() {
        return keras(0.75, 0.3, 0.1);
    }

    /**
     * Returns the SimCLR paper's ImageNet augmentation: flip, random resized crop (scale 0.08..1, aspect
     * 3/4..4/3), colour jitter of strength 1 (0.8, 0.8, 0.8, 0.2) with probability 0.8, grayscale with
     * probability 0.2 and blur (sigma 0.1..2 pixels) with probability 0.5.
     */
    public static AugmentParams simclrPaper() {
        return new AugmentParams(true, 1, 0, 0, true, 0.08, 1, 3.0 / 4, 4.0 / 3,
                0.8, 0.8, 0.8, 0.8, 0.2, 0.2, 0.5, 0.1, 2.0);
    }

    /** Returns no augmentation at all: the view is the image resized to the output size. */
    public static AugmentParams none() {
        return new AugmentParams(false, 1, 0, 0, false, 0.08, 1, 3.0 / 4, 4.0 / 3,
                0, 0, 0, 0, 0, 0, 0, 0.1, 2.0);
    }

    private static AugmentParams keras(double minArea, double brightness, double jitter) {
        return new AugmentParams(true, minArea, brightness, jitter, false, 0.08, 1, 3.0 / 4, 4.0 / 3,
                0, 0, 0, 0, 0, 0, 0, 0.1, 2.0);
    }

    /** Returns a copy with the flip switched on or off. */
    public AugmentParams withHorizontalFlip(boolean value) {
        return new AugmentParams(value, minArea, brightness, jitter, randomResizedCrop, cropScaleMin, cropScaleMax,
                aspectMin, aspectMax, colorJitterProbability, colorJitterBrightness, colorJitterContrast,
                colorJitterSaturation, colorJitterHue, grayscaleProbability, blurProbability, blurSigmaMin, blurSigmaMax);
    }

    /** Returns a copy with another square-crop minimum area. */
    public AugmentParams withMinArea(double value) {
        return new AugmentParams(horizontalFlip, value, brightness, jitter, randomResizedCrop, cropScaleMin, cropScaleMax,
                aspectMin, aspectMax, colorJitterProbability, colorJitterBrightness, colorJitterContrast,
                colorJitterSaturation, colorJitterHue, grayscaleProbability, blurProbability, blurSigmaMin, blurSigmaMax);
    }

    /** Returns a copy with another colour affine brightness. */
    public AugmentParams withBrightness(double value) {
        return new AugmentParams(horizontalFlip, minArea, value, jitter, randomResizedCrop, cropScaleMin, cropScaleMax,
                aspectMin, aspectMax, colorJitterProbability, colorJitterBrightness, colorJitterContrast,
                colorJitterSaturation, colorJitterHue, grayscaleProbability, blurProbability, blurSigmaMin, blurSigmaMax);
    }

    /** Returns a copy with another colour affine jitter. */
    public AugmentParams withJitter(double value) {
        return new AugmentParams(horizontalFlip, minArea, brightness, value, randomResizedCrop, cropScaleMin, cropScaleMax,
                aspectMin, aspectMax, colorJitterProbability, colorJitterBrightness, colorJitterContrast,
                colorJitterSaturation, colorJitterHue, grayscaleProbability, blurProbability, blurSigmaMin, blurSigmaMax);
    }

    /** Returns a copy with the random resized crop switched on or off and its scale and aspect ranges. */
    public AugmentParams withRandomResizedCrop(boolean enabled, double scaleMin, double scaleMax,
            double ratioMin, double ratioMax) {
        return new AugmentParams(horizontalFlip, minArea, brightness, jitter, enabled, scaleMin, scaleMax,
                ratioMin, ratioMax, colorJitterProbability, colorJitterBrightness, colorJitterContrast,
                colorJitterSaturation, colorJitterHue, grayscaleProbability, blurProbability, blurSigmaMin, blurSigmaMax);
    }

    /** Returns a copy with another colour jitter probability and strengths. */
    public AugmentParams withColorJitter(double probability, double brightnessRange, double contrastRange,
            double saturationRange, double hueRange) {
        return new AugmentParams(horizontalFlip, minArea, brightness, jitter, randomResizedCrop, cropScaleMin,
                cropScaleMax, aspectMin, aspectMax, probability, brightnessRange, contrastRange, saturationRange,
                hueRange, grayscaleProbability, blurProbability, blurSigmaMin, blurSigmaMax);
    }

    /** Returns a copy with another random grayscale probability. */
    public AugmentParams withGrayscaleProbability(double value) {
        return new AugmentParams(horizontalFlip, minArea, brightness, jitter, randomResizedCrop, cropScaleMin, cropScaleMax,
                aspectMin, aspectMax, colorJitterProbability, colorJitterBrightness, colorJitterContrast,
                colorJitterSaturation, colorJitterHue, value, blurProbability, blurSigmaMin, blurSigmaMax);
    }

    /** Returns a copy with another blur probability and sigma range (output pixels). */
    public AugmentParams withBlur(double probability, double sigmaMin, double sigmaMax) {
        return new AugmentParams(horizontalFlip, minArea, brightness, jitter, randomResizedCrop, cropScaleMin, cropScaleMax,
                aspectMin, aspectMax, colorJitterProbability, colorJitterBrightness, colorJitterContrast,
                colorJitterSaturation, colorJitterHue, grayscaleProbability, probability, sigmaMin, sigmaMax);
    }

    /** Returns whether the colour affine transform of the Keras recipe changes anything. */
    @JsonIgnore
    public boolean hasColorAffine() {
        return brightness > 0 || jitter > 0;
    }

    /** Returns whether the SimCLR paper's colour jitter changes anything. */
    @JsonIgnore
    public boolean hasColorJitter() {
        return colorJitterProbability > 0 && (colorJitterBrightness > 0 || colorJitterContrast > 0
                || colorJitterSaturation > 0 || colorJitterHue > 0);
    }

    private static void requireRange(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            String low = min == Double.MIN_VALUE ? "above 0" : "at least " + min;
            throw new IllegalArgumentException("Invalid augmentation parameter " + name + " = " + value
                    + ": expected a value " + low + " and at most " + max);
        }
    }
}
