package org.simclrstudio.core.explore;

import java.util.Objects;

/**
 * Encoder features of images of one split: row {@code r} is the feature vector of split image
 * {@code indices[r]}, whose class is {@code labels[r]} (or {@code DatasetSplit.NO_LABEL}).
 *
 * @param splitName name of the split the images come from
 * @param dimension length of each feature vector
 * @param values {@code rows * dimension} values, row after row
 * @param indices split index of each row
 * @param labels class index of each row, -1 for an unlabelled image
 */
public record FeatureMatrix(String splitName, int dimension, float[] values, int[] indices, int[] labels) {

    /** Validates that the arrays agree on the number of rows. */
    public FeatureMatrix {
        Objects.requireNonNull(splitName, "splitName");
        if (dimension < 1) {
            throw new IllegalArgumentException("Feature dimension must be positive, got " + dimension);
        }
        if (indices.length != labels.length || values.length != (long) indices.length * dimension) {
            throw new IllegalArgumentException("Expected " + indices.length + " rows of " + dimension
                    + " values and labels, got " + values.length + " values and " + labels.length + " labels");
        }
    }

    /** Returns the number of rows (images). */
    public int rows() {
        return indices.length;
    }

    /** Copies the feature vector of row {@code row} into a new array. */
    public float[] row(int row) {
        float[] vector = new float[dimension];
        System.arraycopy(values, row * dimension, vector, 0, dimension);
        return vector;
    }

    /** Returns the row that contains split image {@code splitIndex}, or -1 when it was not encoded. */
    public int rowOf(int splitIndex) {
        if (splitIndex >= 0 && splitIndex < indices.length && indices[splitIndex] == splitIndex) {
            return splitIndex;
        }
        for (int row = 0; row < indices.length; row++) {
            if (indices[row] == splitIndex) {
                return row;
            }
        }
        return -1;
    }
}
