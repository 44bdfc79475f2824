package org.simclrstudio.core.explore;

import de.javagl.tsne.Tsne;
import java.util.Locale;
import org.simclrstudio.core.task.TaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Projects features to 2-D with Barnes-Hut t-SNE from the {@code de.javagl:bh-tsne} library (4-clause
 * BSD licence, text in {@code META-INF/licenses/bh-tsne-LICENSE.txt}). The library first reduces them to at most 50 dimensions with PCA, the usual
 * preprocessing. Runs are reproducible for a given seed. Time grows as {@code n log n}: T-SNE-Java,
 * the code this library derives from, reports 18 minutes for 60,000 MNIST images on a 2013 laptop,
 * so callers should project a sample of a large split.
 */
public final class TsneProjector {

    /** Perplexity used when the caller does not choose one. */
    public static final double DEFAULT_PERPLEXITY = 30;
    /** Number of gradient iterations used when the caller does not choose one. */
    public static final int DEFAULT_ITERATIONS = 1000;
    /** Smallest number of images t-SNE accepts here. */
    public static final int MIN_ROWS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(TsneProjector.class);
    private static final int PCA_DIMENSIONS = 50;
    private static final double THETA = 0.5;

    private TsneProjector() {
    }

    /**
     * Settings of one t-SNE run.
     *
     * @param perplexity effective number of neighbours each point attends to; lowered to
     *     {@code (rows - 1) / 3} for small inputs, because Barnes-Hut t-SNE needs three times the
     *     perplexity in neighbours
     * @param iterations gradient-descent iterations, at least 250
     * @param seed seed of the random initial layout
     */
    public record Settings(double perplexity, int iterations, long seed) {

        /** Validates the ranges. */
        public Settings {
            if (!(perplexity >= 1)) {
                throw new IllegalArgumentException("t-SNE perplexity must be at least 1, got " + perplexity);
            }
            if (iterations < 250) {
                throw new IllegalArgumentException("t-SNE needs at least 250 iterations, got " + iterations);
            }
        }

        /** Returns the usual settings (perplexity 30, 1,000 iterations) with the given seed. */
        public static Settings defaults(long seed) {
            return new Settings(DEFAULT_PERPLEXITY, DEFAULT_ITERATIONS, seed);
        }
    }

    /**
     * Returns the t-SNE projection of {@code features}.
     *
     * @throws IllegalArgumentException when there are fewer than {@link #MIN_ROWS} rows
     * @throws java.util.concurrent.CancellationException when {@code context} is cancelled; it is
     *     checked every iteration and while the neighbour tree is built
     */
    public static Projection project(FeatureMatrix features, Settings settings, TaskContext context) {
        int rows = features.rows();
        if (rows < MIN_ROWS) {
            throw new IllegalArgumentException("t-SNE needs at least " + MIN_ROWS + " images, got " + rows
                    + "; use PCA for fewer");
        }
        int dimension = features.dimension();
        double[][] input = new double[rows][dimension];
        float[] values = features.values();
        for (int row = 0; row < rows; row++) {
            for (int j = 0; j < dimension; j++) {
                input[row][j] = values[row * dimension + j];
            }
        }
        double perplexity = Math.min(settings.perplexity(), Math.floor((rows - 1) / 3.0));

        Tsne tsne = new Tsne();
        tsne.setOutputDims(2);
        tsne.setInitialDims(Math.min(PCA_DIMENSIONS, dimension));
        tsne.setPerplexity(perplexity);
        tsne.setMaxIterations(settings.iterations());
        tsne.setTheta(THETA);
        tsne.setRandomSeed(settings.seed());
        String status = String.format(Locale.ROOT, "t-SNE of %,d images (perplexity %.0f)", rows, perplexity);
        // The library has no cancel call, so the callbacks throw CancellationException to stop it.
        tsne.setProgressConsumer(fraction -> {
            context.throwIfCancelled();
            context.progress(fraction, 1, status);
        });
        tsne.setMessageConsumer(message -> {
            context.throwIfCancelled();
            LOG.debug("t-SNE: {}", message.strip());
        });
        LOG.info("Running {} with {} iterations, seed {}", status, settings.iterations(), settings.seed());

        double[][] output = tsne.run(input);
        double[] x = new double[rows];
        double[] y = new double[rows];
        for (int row = 0; row < rows; row++) {
            x[row] = output[row][0];
            y[row] = output[row][1];
        }
        return new Projection(ProjectionMethod.TSNE, features, x, y, new double[0]);
    }
}
