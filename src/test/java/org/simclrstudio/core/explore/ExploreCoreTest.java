package org.simclrstudio.core.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simclrstudio.core.data.BundledSample;
import org.simclrstudio.core.data.Dataset;
import org.simclrstudio.core.data.DatasetSplit;
import org.simclrstudio.core.data.Datasets;

/** Feature extraction, neighbours and projections on the bundled Fashion-MNIST sample. */
class ExploreCoreTest {

    private static final int ROWS = 400;

    @TempDir
    static Path temp;

    private static Dataset dataset;
    private static DatasetSplit test;
    private static BlockFeatureEncoder encoder;
    private static FeatureMatrix features;

    @BeforeAll
    static void encodeSample() throws Exception {
        dataset = Datasets.open(BundledSample.extractTo(temp), null);
        test = dataset.split(Dataset.TEST).orElseThrow();
        encoder = TestEncoders.smallConvEncoder(test.imageWidth(), 7);
        int[] indices = FeatureExtractor.evenlySpaced(test.size(), ROWS);
        features = FeatureExtractor.extract(test, indices, encoder, 64, new RecordingContext());
    }

    @AfterAll
    static void close() {
        encoder.close();
        dataset.close();
    }

    @Test
    void extractionHasOneRowPerImage() {
        assertEquals(ROWS, features.rows());
        assertEquals(TestEncoders.FEATURES, features.dimension());
        for (int row = 0; row < ROWS; row++) {
            assertEquals(test.label(features.indices()[row]), features.labels()[row], "label of row " + row);
        }
    }

    @Test
    void extractionIgnoresBatchSize() throws Exception {
        int[] indices = FeatureExtractor.evenlySpaced(test.size(), 23);
        FeatureMatrix oddBatches = FeatureExtractor.extract(test, indices, encoder, 7, new RecordingContext());
        FeatureMatrix oneBatch = FeatureExtractor.extract(test, indices, encoder, 64, new RecordingContext());
        assertArrayEquals(oneBatch.values(), oddBatches.values(), 1e-5f);
    }

    @Test
    void extractionReportsProgressToTheEnd() throws Exception {
        RecordingContext context = new RecordingContext();
        FeatureExtractor.extract(test, FeatureExtractor.evenlySpaced(test.size(), 50), encoder, 16, context);
        assertEquals(4, context.fractions.size());
        assertEquals(1.0, context.fractions.get(3), 1e-9);
    }

    @Test
    void extractionStopsWhenCancelled() {
        RecordingContext context = new RecordingContext(2);
        assertThrows(CancellationException.class, () -> FeatureExtractor.extract(test,
                FeatureExtractor.evenlySpaced(test.size(), 200), encoder, 16, context));
        assertEquals(2, context.fractions.size(), "batches encoded before the cancel was seen");
    }

    @Test
    void neighborsStartWithTheImageItself() {
        NearestNeighbors neighbors = new NearestNeighbors(features);
        int query = features.indices()[17];
        List<Neighbor> result = neighbors.ofImage(query, 6);

        assertEquals(6, result.size());
        assertEquals(query, result.get(0).index());
        assertEquals(1.0, result.get(0).similarity(), 1e-9);
        assertEquals(test.label(query), result.get(0).label());
        for (int i = 1; i < result.size(); i++) {
            Neighbor neighbor = result.get(i);
            assertTrue(neighbor.index() != query, "query listed twice: " + result);
            assertTrue(neighbor.similarity() <= result.get(i - 1).similarity() + 1e-12, "order: " + result);
            assertEquals(test.label(neighbor.index()), neighbor.label());
        }
    }

    @Test
    void neighborsOfVectorFindTheSameImage() {
        NearestNeighbors neighbors = new NearestNeighbors(features);
        float[] vector = features.row(40);
        List<Neighbor> result = neighbors.ofVector(vector, 3);
        assertEquals(features.indices()[40], result.get(0).index());
        assertEquals(1.0, result.get(0).similarity(), 1e-5);
    }

    @Test
    void neighborsMatchBruteForceCosine() {
        NearestNeighbors neighbors = new NearestNeighbors(features);
        List<Neighbor> result = neighbors.ofImage(features.indices()[3], 2);
        float[] a = features.row(3);
        float[] b = features.row(features.rowOf(result.get(1).index()));
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int j = 0; j < a.length; j++) {
            dot += a[j] * b[j];
            na += a[j] * a[j];
            nb += b[j] * b[j];
        }
        assertEquals(dot / Math.sqrt(na * nb), result.get(1).similarity(), 1e-5);
    }

    @Test
    void neighborsRejectImageNotEncoded() {
        NearestNeighbors neighbors = new NearestNeighbors(features);
        int missing = features.indices()[1] - 1;
        assertThrows(IllegalArgumentException.class, () -> neighbors.ofImage(missing, 3));
    }

    @Test
    void pcaHasOneRowPerImage() {
        Projection projection = PcaProjector.project(features, new RecordingContext());
        assertEquals(ROWS, projection.size());
        assertEquals(2, projection.explainedVariance().length);
        assertTrue(projection.explainedVariance()[0] >= projection.explainedVariance()[1]);
        assertTrue(projection.explainedVariance()[0] + projection.explainedVariance()[1] <= 1 + 1e-9);
        assertTrue(projection.explainedVariance()[1] > 0, "second axis carries no variance");
    }

    @Test
    void pcaFirstAxisHasLargestVariance() {
        Projection projection = PcaProjector.project(features, new RecordingContext());
        assertTrue(variance(projection.x()) > variance(projection.y()));
        assertEquals(0, mean(projection.x()), 1e-6);
    }

    @Test
    void tsneHasOneRowPerImageAndRepeats() {
        int[] indices = FeatureExtractor.evenlySpaced(ROWS, 120);
        FeatureMatrix subset = new FeatureMatrix(features.splitName(), features.dimension(), pick(indices),
                java.util.Arrays.stream(indices).map(i -> features.indices()[i]).toArray(),
                java.util.Arrays.stream(indices).map(i -> features.labels()[i]).toArray());
        TsneProjector.Settings settings = new TsneProjector.Settings(30, 250, 11);
        RecordingContext context = new RecordingContext();
        Projection first = TsneProjector.project(subset, settings, context);
        Projection second = TsneProjector.project(subset, settings, new RecordingContext());

        assertEquals(120, first.size());
        assertArrayEquals(first.x(), second.x(), 1e-9);
        assertTrue(java.util.Arrays.stream(first.x()).allMatch(Double::isFinite));
        assertTrue(variance(first.x()) > 0, "t-SNE collapsed every point");
        assertTrue(!context.fractions.isEmpty(), "no progress reported");
    }

    @Test
    void tsneStopsWhenCancelled() {
        RecordingContext context = new RecordingContext(5);
        assertThrows(CancellationException.class, () -> TsneProjector.project(features,
                new TsneProjector.Settings(30, 1000, 3), context));
        assertEquals(5, context.fractions.size(), "iterations reported before the cancel was seen");
    }

    @Test
    void extractionResizesToEncoderInput() throws Exception {
        try (BlockFeatureEncoder larger = TestEncoders.smallConvEncoder(32, 5)) {
            FeatureMatrix resized = FeatureExtractor.extract(test, new int[] {0, 1, 2}, larger, 2,
                    new RecordingContext());
            assertEquals(3, resized.rows());
            assertTrue(resized.values()[0] != resized.values()[TestEncoders.FEATURES], "two images, same features");
        }
    }

    @Test
    void tsneRejectsTooFewImages() {
        FeatureMatrix tiny = new FeatureMatrix("test", 2, new float[] {0, 1, 1, 0, 1, 1}, new int[] {0, 1, 2},
                new int[] {0, 0, 1});
        assertThrows(IllegalArgumentException.class,
                () -> TsneProjector.project(tiny, TsneProjector.Settings.defaults(1), new RecordingContext()));
    }

    @Test
    void csvHasHeaderAndOneLinePerImage() throws Exception {
        Projection projection = PcaProjector.project(features, new RecordingContext());
        StringWriter out = new StringWriter();
        EmbeddingCsv.write(projection, out);
        String[] lines = out.toString().split("\n");
        assertEquals(EmbeddingCsv.HEADER, lines[0]);
        assertEquals(ROWS + 1, lines.length);
        String[] first = lines[1].split(",");
        assertEquals(String.valueOf(features.indices()[0]), first[0]);
        assertEquals(String.valueOf(features.labels()[0]), first[1]);
        assertEquals((float) projection.x()[0], Float.parseFloat(first[2]));
    }

    private static float[] pick(int[] rows) {
        int dimension = features.dimension();
        float[] values = new float[rows.length * dimension];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(features.values(), rows[i] * dimension, values, i * dimension, dimension);
        }
        return values;
    }

    private static double mean(double[] values) {
        return java.util.Arrays.stream(values).average().orElse(0);
    }

    private static double variance(double[] values) {
        double mean = mean(values);
        return java.util.Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / values.length;
    }
}
