package org.simclrstudio.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The normalised temperature-scaled cross-entropy loss (NT-Xent) of SimCLR over the 2N views of a batch.
 *
 * <p>Both projections are L2-normalised; the logits are the cosine similarities of every view with
 * every other view divided by the temperature, with each view's similarity to itself replaced by a large
 * negative number before the softmax. View i of the first half has view i of the second half as its
 * positive and the other 2N - 2 views as negatives. The loss is the mean of {@code -log_softmax} at the
 * positive over the 2N rows, so no raw exponential sum is formed. Any N of at least 1 works.
 */
public final class NtXentLoss {

    /** Temperature of the Keras example and the default of the command line. */
    public static final double DEFAULT_TEMPERATURE = 0.1;

    private static final float SELF_MASK = 1e9f;

    private final float temperature;

    /**
     * Creates the loss with a temperature.
     *
     * @throws IllegalArgumentException when the temperature is not a finite number above 0
     */
    public NtXentLoss(double temperature) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("Invalid temperature " + temperature + ": expected a number above 0, such as 0.1");
        }
        this.temperature = (float) temperature;
    }

    /** Returns the temperature. */
    public double temperature() {
        return temperature;
    }

    /**
     * The loss and the count of views whose partner has the highest similarity (contrastive accuracy
     * times 2N). Both are scalars on the projections' device.
     *
     * @param loss mean NT-Xent loss, differentiable
     * @param correct number of views whose partner ranks first, as float32
     * @param views 2N, the number of rows the loss averages
     */
    public record Result(NDArray loss, NDArray correct, int views) {
    }

    /**
     * Computes the loss of two views' projections, each {@code [N, D]} with row i of both from the same image.
     *
     * @throws IllegalArgumentException when the shapes differ or are not two-dimensional
     */
    public Result compute(NDArray first, NDArray second) {
        Shape shape = first.getShape();
        if (shape.dimension() != 2 || !shape.equals(second.getShape())) {
            throw new IllegalArgumentException("Expected two projections of equal shape [N, D], got " + shape
                    + " and " + second.getShape());
        }
        int n = (int) shape.get(0);
        int views = 2 * n;
        NDManager manager = first.getManager();
        NDArray z = first.concat(second, 0);
        NDArray norms = z.square().sum(new int[] {1}, true).sqrt().maximum(1e-12f);
        z = z.div(norms);
        NDArray logits = z.matMul(z.transpose()).div(temperature)
                .sub(manager.eye(views).toDevice(z.getDevice(), false).mul(SELF_MASK));
        long[] partner = new long[views];
        for (int i = 0; i < views; i++) {
            partner[i] = (i + n) % views;
        }
        NDArray partners = manager.create(partner, new Shape(views, 1)).toDevice(z.getDevice(), false);
        NDArray logProbabilities = logits.logSoftmax(1);
        NDArray loss = logProbabilities.gather(partners, 1).mean().neg();
        NDArray correct = logits.argMax(1).toType(DataType.INT64, false).eq(partners.reshape(views))
                .toType(DataType.FLOAT32, false).sum();
        return new Result(loss, correct, views);
    }
}
