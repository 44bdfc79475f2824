package org.simclrstudio.core.explore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Exact cosine nearest-neighbour search over encoder features. The constructor L2-normalises a copy
 * of the features, and each query scans every row (about 13 million multiply-adds for 100,000 images
 * of 128 features).
 */
public final class NearestNeighbors {

    private final FeatureMatrix features;
    private final float[] unit;
    private final int dimension;

    /** Indexes {@code features}; the caller's matrix is not changed. */
    public NearestNeighbors(FeatureMatrix features) {
        this.features = features;
        this.dimension = features.dimension();
        this.unit = features.values().clone();
        for (int row = 0; row < features.rows(); row++) {
            normalize(unit, row * dimension, dimension);
        }
    }

    /** Returns the indexed features. */
    public FeatureMatrix features() {
        return features;
    }

    /**
     * Returns the {@code k} images most similar to split image {@code splitIndex}, the image itself
     * first with similarity 1, then the others by decreasing cosine similarity.
     *
     * <p>NOTE: an image whose feature vector is all zeros (every ReLU unit off) has similarity 0 to
     * everything, itself included; it is still listed first.
     *
     * @throws IllegalArgumentException when the image was not encoded or {@code k < 1}
     */
    public List<Neighbor> ofImage(int splitIndex, int k) {
        int row = features.rowOf(splitIndex);
        if (row < 0) {
            throw new IllegalArgumentException("Image " + splitIndex + " of split '" + features.splitName()
                    + "' is not among the " + features.rows() + " encoded images");
        }
        requirePositive(k);
        float[] query = new float[dimension];
        System.arraycopy(unit, row * dimension, query, 0, dimension);
        double selfSimilarity = dot(query, 0, unit, row * dimension, dimension);
        List<Neighbor> result = new ArrayList<>(k);
        // The query itself is listed first even where a duplicate image ties with it.
        result.add(new Neighbor(splitIndex, features.labels()[row], selfSimilarity > 0 ? 1.0 : 0.0));
        result.addAll(search(query, k - 1, row));
        return result;
    }

    /**
     * Returns the {@code k} images most similar to a feature vector computed elsewhere, such as the
     * features of a file the user dropped, by decreasing cosine similarity.
     */
    public List<Neighbor> ofVector(float[] vector, int k) {
        if (vector.length != dimension) {
            throw new IllegalArgumentException("Query has " + vector.length + " features, the index has " + dimension);
        }
        requirePositive(k);
        float[] query = vector.clone();
        normalize(query, 0, dimension);
        return search(query, k, -1);
    }

    private List<Neighbor> search(float[] query, int k, int skipRow) {
        if (k <= 0) {
            return List.of();
        }
        // Min-heap on similarity holding the best k rows seen so far.
        PriorityQueue<double[]> best = new PriorityQueue<>(k + 1, (a, b) -> Double.compare(a[0], b[0]));
        int rows = features.rows();
        for (int row = 0; row < rows; row++) {
            if (row == skipRow) {
                continue;
            }
            double similarity = dot(query, 0, unit, row * dimension, dimension);
            if (best.size() < k) {
                best.add(new double[] {similarity, row});
            } else if (similarity > best.peek()[0]) {
                best.poll();
                best.add(new double[] {similarity, row});
            }
        }
        List<Neighbor> result = new ArrayList<>(best.size());
        while (!best.isEmpty()) {
            double[] entry = best.poll();
            int row = (int) entry[1];
            double similarity = Math.max(-1.0, Math.min(1.0, entry[0]));
            result.add(new Neighbor(features.indices()[row], features.labels()[row], similarity));
        }
        Collections.reverse(result);
        return result;
    }

    private static void requirePositive(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
    }

    private static void normalize(float[] values, int offset, int length) {
        double sum = 0;
        for (int i = 0; i < length; i++) {
            sum += (double) values[offset + i] * values[offset + i];
        }
        if (sum == 0) {
            return;
        }
        double scale = 1.0 / Math.sqrt(sum);
        for (int i = 0; i < length; i++) {
            values[offset + i] = (float) (values[offset + i] * scale);
        }
    }

    private static double dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
        double sum = 0;
        for (int i = 0; i < length; i++) {
            sum += (double) a[aOffset + i] * b[bOffset + i];
        }
        return sum;
    }
}
