package org.simclrstudio.core.explore;

import java.util.Arrays;
import java.util.Comparator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.simclrstudio.core.task.TaskContext;

/**
 * Projects features onto their first two principal components. It accumulates the covariance
 * matrix in one pass ({@code dimension^2} doubles), so memory does not grow with the number of
 * images, and eigen-decomposes it with commons-math3.
 */
public final class PcaProjector {

    private static final int ROWS_PER_CHECK = 2048;

    private PcaProjector() {
    }

    /**
     * Returns the PCA projection of {@code features}. Each axis's sign is fixed so that its largest
     * loading is positive, so repeated runs give the same picture.
     *
     * @throws java.util.concurrent.CancellationException when {@code context} is cancelled
     */
    public static Projection project(FeatureMatrix features, TaskContext context) {
        int rows = features.rows();
        int dimension = features.dimension();
        float[] values = features.values();
        if (rows == 0) {
            return new Projection(ProjectionMethod.PCA, features, new double[0], new double[0], new double[] {0, 0});
        }

        double[] mean = new double[dimension];
        for (int row = 0; row < rows; row++) {
            for (int j = 0; j < dimension; j++) {
                mean[j] += values[row * dimension + j];
            }
        }
        for (int j = 0; j < dimension; j++) {
            mean[j] /= rows;
        }

        double[][] covariance = new double[dimension][dimension];
        double[] centred = new double[dimension];
        for (int row = 0; row < rows; row++) {
            if (row % ROWS_PER_CHECK == 0) {
                context.throwIfCancelled();
                context.progress(row, rows, "Computing the covariance matrix");
            }
            for (int j = 0; j < dimension; j++) {
                centred[j] = values[row * dimension + j] - mean[j];
            }
            for (int a = 0; a < dimension; a++) {
                double ca = centred[a];
                double[] line = covariance[a];
                for (int b = a; b < dimension; b++) {
                    line[b] += ca * centred[b];
                }
            }
        }
        double totalVariance = 0;
        for (int a = 0; a < dimension; a++) {
            for (int b = a; b < dimension; b++) {
                covariance[a][b] /= Math.max(1, rows - 1);
                covariance[b][a] = covariance[a][b];
            }
            totalVariance += covariance[a][a];
        }

        context.progress(rows, rows, "Finding principal components");
        EigenDecomposition decomposition = new EigenDecomposition(new Array2DRowRealMatrix(covariance, false));
        double[] eigenvalues = decomposition.getRealEigenvalues();
        Integer[] order = new Integer[eigenvalues.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> eigenvalues[i]).reversed());

        double[][] axes = new double[2][];
        double[] explained = new double[2];
        for (int k = 0; k < 2; k++) {
            if (k < order.length) {
                axes[k] = orient(decomposition.getEigenvector(order[k]));
                explained[k] = totalVariance > 0 ? Math.max(0, eigenvalues[order[k]]) / totalVariance : 0;
            } else {
                axes[k] = new double[dimension];
            }
        }

        double[] x = new double[rows];
        double[] y = new double[rows];
        for (int row = 0; row < rows; row++) {
            double px = 0;
            double py = 0;
            for (int j = 0; j < dimension; j++) {
                double c = values[row * dimension + j] - mean[j];
                px += c * axes[0][j];
                py += c * axes[1][j];
            }
            x[row] = px;
            y[row] = py;
        }
        return new Projection(ProjectionMethod.PCA, features, x, y, explained);
    }

    private static double[] orient(RealVector vector) {
        double[] axis = vector.toArray();
        int largest = 0;
        for (int j = 1; j < axis.length; j++) {
            if (Math.abs(axis[j]) > Math.abs(axis[largest])) {
                largest = j;
            }
        }
        if (axis[largest] < 0) {
            for (int j = 0; j < axis.length; j++) {
                axis[j] = -axis[j];
            }
        }
        return axis;
    }
}
