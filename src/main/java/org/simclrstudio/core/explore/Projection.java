package org.simclrstudio.core.explore;

/**
 * Two-dimensional coordinates of encoded images: point {@code r} belongs to split image
 * {@code features.indices()[r]}.
 *
 * @param method how the points were computed
 * @param features the features that were projected
 * @param x first coordinate of each row
 * @param y second coordinate of each row
 * @param explainedVariance for PCA, the fraction of the variance that each of the two axes carries;
 *     empty for t-SNE
 */
public record Projection(ProjectionMethod method, FeatureMatrix features, double[] x, double[] y,
        double[] explainedVariance) {

    /** Validates that there is one point per feature row. */
    public Projection {
        if (x.length != features.rows() || y.length != features.rows()) {
            throw new IllegalArgumentException("Expected " + features.rows() + " points, got " + x.length + " x and "
                    + y.length + " y values");
        }
    }

    /** Returns the number of points. */
    public int size() {
        return x.length;
    }
}
