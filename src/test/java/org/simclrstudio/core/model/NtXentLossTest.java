package org.simclrstudio.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NtXentLossTest {

    /** NT-Xent in plain doubles: normalise, similarities / t, drop self, -log softmax at the partner. */
    private static double[] handComputed(double[][] first, double[][] second, double temperature) {
        int n = first.length;
        int views = 2 * n;
        double[][] z = new double[views][];
        for (int i = 0; i < n; i++) {
            z[i] = normalise(first[i]);
            z[i + n] = normalise(second[i]);
        }
        double total = 0;
        int correct = 0;
        for (int i = 0; i < views; i++) {
            int partner = (i + n) % views;
            double max = Double.NEGATIVE_INFINITY;
            double[] logits = new double[views];
            int best = -1;
            for (int j = 0; j < views; j++) {
                if (j == i) {
                    continue;
                }
                logits[j] = dot(z[i], z[j]) / temperature;
                if (logits[j] > max) {
                    max = logits[j];
                    best = j;
                }
            }
            double sum = 0;
            for (int j = 0; j < views; j++) {
                if (j != i) {
                    sum += Math.exp(logits[j] - max);
                }
            }
            total += -(logits[partner] - max - Math.log(sum));
            if (best == partner) {
                correct++;
            }
        }
        return new double[] {total / views, correct / (double) views};
    }

    private static double[] normalise(double[] v) {
        double norm = Math.sqrt(dot(v, v));
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / norm;
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double[][] random(Random random, int n, int d) {
        double[][] out = new double[n][d];
        for (double[] row : out) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) random.nextGaussian();
            }
        }
        return out;
    }

    private static NDArray toArray(NDManager manager, double[][] rows) {
        float[] flat = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < rows[0].length; j++) {
                flat[i * rows[0].length + j] = (float) rows[i][j];
            }
        }
        return manager.create(flat, new Shape(rows.length, rows[0].length));
    }

    private static void checkAgainstHand(int n, int d, double temperature, long seed) {
        Random random = new Random(seed);
        double[][] first = random(random, n, d);
        double[][] second = random(random, n, d);
        // Make some partners close so the accuracy is neither 0 nor trivially 1.
        for (int i = 0; i < n; i += 2) {
            for (int j = 0; j < d; j++) {
                second[i][j] = first[i][j] + 0.1 * second[i][j];
            }
        }
        double[] expected = handComputed(first, second, temperature);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NtXentLoss.Result result = new NtXentLoss(temperature).compute(toArray(manager, first),
                    toArray(manager, second));
            assertEquals(expected[0], result.loss().getFloat(), 1e-4 * Math.max(1, expected[0]), "loss, n=" + n);
            assertEquals(Math.round(expected[1] * 2 * n), Math.round(result.correct().getFloat()), "partners ranked first, n=" + n);
            assertEquals(2 * n, result.views());
        }
    }

    @Test
    void matchesHandComputationOnEvenBatch() {
        checkAgainstHand(4, 8, 0.1, 1);
    }

    @Test
    void matchesHandComputationOnOddShortBatch() {
        checkAgainstHand(3, 5, 0.1, 2);
    }

    @Test
    void matchesHandComputationOnSingleImage() {
        checkAgainstHand(1, 4, 0.5, 3);
    }

    @Test
    void matchesHandComputationAtHighTemperature() {
        checkAgainstHand(7, 16, 1.0, 4);
    }

    @Test
    void rejectsZeroTemperature() {
        assertThrows(IllegalArgumentException.class, () -> new NtXentLoss(0));
    }
}
