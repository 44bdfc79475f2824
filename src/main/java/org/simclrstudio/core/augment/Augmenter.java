package org.simclrstudio.core.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Turns a uint8 NCHW batch into one augmented float32 view per image, with batched NDArray operations on
 * the batch's device.
 *
 * <p>The crop, zoom, translation, flip and resize of each image are two interpolation matrices: the
 * output is {@code Ry[n] x image[n] x Rx[n]^T}, where each row of {@code Ry} and {@code Rx} holds the
 * bilinear (tent) weights of one output row or column. Gaussian blur is the same product with Gaussian
 * rows, and colour transforms are per-image 3x3 matrices. Only the per-image random numbers (a few per
 * image) are drawn in Java, from a {@link SplittableRandom} seeded by the caller, so the same seed gives
 * the same views.
 *
 * <p>Images that are not square are first reduced to their centred square. Instances are immutable and
 * safe to share between threads.
 */
public final class Augmenter {

    private static final float[] LUMA = {0.299f, 0.587f, 0.114f};

    private final AugmentParams params;
    private final int outputSize;

    /**
     * Creates an augmenter that writes {@code outputSize x outputSize} views.
     *
     * @throws IllegalArgumentException when the output size is below 1
     */
    public Augmenter(AugmentParams params, int outputSize) {
        this.params = Objects.requireNonNull(params, "params");
        if (outputSize < 1) {
            throw new IllegalArgumentException("Invalid output size " + outputSize + ": expected at least 1 pixel");
        }
        this.outputSize = outputSize;
    }

    /** Returns the parameters. */
    public AugmentParams params() {
        return params;
    }

    /** Returns the side of the square views in pixels. */
    public int outputSize() {
        return outputSize;
    }

    /**
     * Returns one augmented view of each image of {@code batch}.
     *
     * @param batch uint8 (or float in 0..255) array of shape {@code [N, 3, H, W]}
     * @param seed seed of every random choice; the same seed and batch give the same view
     * @return float32 array {@code [N, 3, S, S]} with values in [0, 1], on the batch's device and manager
     */
    public NDArray augment(NDArray batch, long seed) {
        Shape shape = batch.getShape();
        if (shape.dimension() != 4 || shape.get(1) != 3) {
            throw new IllegalArgumentException("Expected an image batch of shape [N, 3, H, W], got " + shape);
        }
        int n = (int) shape.get(0);
        int height = (int) shape.get(2);
        int width = (int) shape.get(3);
        NDManager manager = batch.getManager();
        SplittableRandom random = new SplittableRandom(seed);
        Draws draws = draw(random, n);

        NDArray images = batch.toType(DataType.FLOAT32, false).div(255f);
        int square = Math.min(height, width);
        NDArray rows = interpolationMatrix(manager, draws.y0, draws.height, null, height, square);
        NDArray columns = interpolationMatrix(manager, draws.x0, draws.width, draws.flip, width, square);
        NDArray view = resample(images, rows, columns);
        if (params.hasColorAffine()) {
            view = applyColorMatrices(manager, view, draws.colorAffine).clip(0f, 1f);
        }
        if (params.hasColorJitter()) {
            view = colorJitter(manager, view, draws);
        }
        if (params.grayscaleProbability() > 0) {
            NDArray gray = luma(view);
            NDArray mask = manager.create(draws.grayscale, new Shape(n, 1, 1, 1));
            view = view.add(gray.sub(view).mul(mask));
        }
        if (params.blurProbability() > 0) {
            NDArray gauss = gaussianMatrix(manager, draws.blurSigma, outputSize);
            view = resample(view, gauss, gauss);
        }
        return view.clip(0f, 1f);
    }

    /**
     * Returns the images of {@code batch} resized to the output size without any augmentation (centred
     * square, bilinear), as float32 in [0, 1]: the input of evaluation and inference.
     */
    public static NDArray resize(NDArray batch, int outputSize) {
        return new Augmenter(AugmentParams.none(), outputSize).augment(batch, 0L);
    }

    /** Per-image random choices, drawn in a fixed order so a seed always gives the same views. */
    private static final class Draws {
        float[] x0;
        float[] y0;
        float[] width;
        float[] height;
        float[] flip;
        float[] colorAffine;
        float[] jitterBrightness;
        float[] jitterContrast;
        float[] jitterSaturation;
        float[] hueMatrices;
        float[] grayscale;
        float[] blurSigma;
    }

    private Draws draw(SplittableRandom random, int n) {
        Draws d = new Draws();
        d.x0 = new float[n];
        d.y0 = new float[n];
        d.width = new float[n];
        d.height = new float[n];
        d.flip = new float[n];
        d.colorAffine = new float[n * 9];
        d.jitterBrightness = new float[n];
        d.jitterContrast = new float[n];
        d.jitterSaturation = new float[n];
        d.hueMatrices = new float[n * 9];
        d.grayscale = new float[n];
        d.blurSigma = new float[n];
        for (int i = 0; i < n; i++) {
            drawCrop(random, d, i);
            d.flip[i] = params.horizontalFlip() && random.nextBoolean() ? 1f : 0f;
            drawColorAffine(random, d.colorAffine, i);
            drawColorJitter(random, d, i);
            d.grayscale[i] = random.nextDouble() < params.grayscaleProbability() ? 1f : 0f;
            boolean blur = random.nextDouble() < params.blurProbability();
            double sigma = uniform(random, params.blurSigmaMin(), params.blurSigmaMax());
            // A sigma this small gives weights of exactly 0 off the diagonal in float32: no blur.
            d.blurSigma[i] = blur ? (float) sigma : 1e-3f;
        }
        return d;
    }

    private void drawCrop(SplittableRandom random, Draws d, int i) {
        double w;
        double h;
        if (params.randomResizedCrop()) {
            double scale = uniform(random, params.cropScaleMin(), params.cropScaleMax());
            double logRatio = uniform(random, Math.log(params.aspectMin()), Math.log(params.aspectMax()));
            double ratio = Math.exp(logRatio);
            w = Math.min(1, Math.sqrt(scale * ratio));
            h = Math.min(1, Math.sqrt(scale / ratio));
        } else {
            double side = Math.sqrt(uniform(random, params.minArea(), 1));
            w = side;
            h = side;
        }
        d.width[i] = (float) w;
        d.height[i] = (float) h;
        d.x0[i] = (float) (random.nextDouble() * (1 - w));
        d.y0[i] = (float) (random.nextDouble() * (1 - h));
    }

    /** Draws the Keras colour affine matrix {@code (1 + b) I + J}, stored transposed for a column-vector product. */
    private void drawColorAffine(SplittableRandom random, float[] target, int i) {
        double scale = 1 + uniform(random, -params.brightness(), params.brightness());
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 3; col++) {
                double value = uniform(random, -params.jitter(), params.jitter()) + (row == col ? scale : 0);
                // Keras multiplies a row vector by the matrix: out_c = sum_r in_r * T[r][c].
                target[i * 9 + col * 3 + row] = (float) value;
            }
        }
    }

    private void drawColorJitter(SplittableRandom random, Draws d, int i) {
        boolean apply = random.nextDouble() < params.colorJitterProbability();
        double b = factor(random, params.colorJitterBrightness());
        double c = factor(random, params.colorJitterContrast());
        double s = factor(random, params.colorJitterSaturation());
        double hue = uniform(random, -params.colorJitterHue(), params.colorJitterHue());
        d.jitterBrightness[i] = apply ? (float) b : 1f;
        d.jitterContrast[i] = apply ? (float) c : 1f;
        d.jitterSaturation[i] = apply ? (float) s : 1f;
        hueRotation(apply ? hue : 0, d.hueMatrices, i * 9);
    }

    private static double factor(SplittableRandom random, double range) {
        return uniform(random, Math.max(0, 1 - range), 1 + range);
    }

    private static double uniform(SplittableRandom random, double min, double max) {
        return max > min ? min + random.nextDouble() * (max - min) : min;
    }

    /**
     * Writes the RGB matrix that rotates the chroma plane of YIQ by {@code turns} of a full turn and keeps
     * luma: an approximation of a hue shift that is linear, so it runs as one batched matrix product.
     */
    private static void hueRotation(double turns, float[] target, int offset) {
        double angle = turns * 2 * Math.PI;
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double[][] toYiq = {{0.299, 0.587, 0.114}, {0.596, -0.274, -0.322}, {0.211, -0.523, 0.312}};
        double[][] fromYiq = {{1, 0.956, 0.621}, {1, -0.272, -0.647}, {1, -1.106, 1.703}};
        double[][] rotation = {{1, 0, 0}, {0, cos, -sin}, {0, sin, cos}};
        double[][] product = multiply(fromYiq, multiply(rotation, toYiq));
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 3; col++) {
                target[offset + row * 3 + col] = (float) product[row][col];
            }
        }
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        double[][] out = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    out[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return out;
    }

    /**
     * Builds the {@code [N, S, size]} bilinear interpolation matrices of one axis: output position i of
     * image n samples the source at {@code start[n] + (i + 0.5) / S * extent[n]} (normalised to the centred
     * square, reversed where {@code flip[n]} is 1); each row holds the tent weights {@code max(0, 1 - |k - x|)}.
     */
    private NDArray interpolationMatrix(NDManager manager, float[] start, float[] extent, float[] flip, int size,
            int square) {
        int n = start.length;
        int s = outputSize;
        NDArray base = manager.arange(0f, s, 1f).add(0.5f).div(s).reshape(1, s);
        if (flip != null) {
            NDArray flipMask = manager.create(flip, new Shape(n, 1));
            base = base.add(base.mul(-2f).add(1f).mul(flipMask));
        }
        NDArray starts = manager.create(start, new Shape(n, 1));
        NDArray extents = manager.create(extent, new Shape(n, 1));
        // Positions are normalised to the centred square of side `square` inside the `size` pixels of this axis.
        float offset = (size - square) / 2f;
        NDArray coordinates = base.mul(extents).add(starts).mul(square).add(offset - 0.5f)
                .clip(0f, size - 1f)
                .reshape(n, s, 1);
        NDArray positions = manager.arange(0f, size, 1f).reshape(1, 1, size);
        return positions.sub(coordinates).abs().neg().add(1f).maximum(0f);
    }

    private NDArray resample(NDArray images, NDArray rows, NDArray columns) {
        long n = images.getShape().get(0);
        NDArray rowsExpanded = rows.expandDims(1);
        NDArray columnsTransposed = columns.transpose(0, 2, 1).expandDims(1);
        if (rows.getShape().get(0) != n) {
            throw new IllegalStateException("Interpolation matrices for " + rows.getShape().get(0) + " images, batch of " + n);
        }
        return rowsExpanded.matMul(images).matMul(columnsTransposed);
    }

    private static NDArray applyColorMatrices(NDManager manager, NDArray view, float[] matrices) {
        Shape shape = view.getShape();
        long n = shape.get(0);
        NDArray m = manager.create(matrices, new Shape(n, 3, 3));
        NDArray flat = view.reshape(n, 3, shape.get(2) * shape.get(3));
        return m.matMul(flat).reshape(shape);
    }

    private static NDArray luma(NDArray view) {
        NDManager manager = view.getManager();
        NDArray weights = manager.create(LUMA, new Shape(1, 3, 1, 1));
        return view.mul(weights).sum(new int[] {1}, true);
    }

    private NDArray colorJitter(NDManager manager, NDArray view, Draws d) {
        int n = d.jitterBrightness.length;
        Shape perImage = new Shape(n, 1, 1, 1);
        NDArray out = view.mul(manager.create(d.jitterBrightness, perImage)).clip(0f, 1f);
        NDArray mean = luma(out).mean(new int[] {3}, true).mean(new int[] {2}, true);
        out = out.sub(mean).mul(manager.create(d.jitterContrast, perImage)).add(mean).clip(0f, 1f);
        NDArray gray = luma(out);
        out = out.sub(gray).mul(manager.create(d.jitterSaturation, perImage)).add(gray).clip(0f, 1f);
        return applyColorMatrices(manager, out, d.hueMatrices).clip(0f, 1f);
    }

    /** Builds row-normalised Gaussian matrices {@code [N, S, S]}: a separable blur with clamped borders. */
    private static NDArray gaussianMatrix(NDManager manager, float[] sigma, int size) {
        int n = sigma.length;
        NDArray index = manager.arange(0f, size, 1f);
        NDArray distance = index.reshape(1, size, 1).sub(index.reshape(1, 1, size)).square();
        NDArray twoSigmaSquared = manager.create(sigma, new Shape(n, 1, 1)).square().mul(2f);
        NDArray weights = distance.neg().div(twoSigmaSquared).exp();
        return weights.div(weights.sum(new int[] {2}, true));
    }
}
