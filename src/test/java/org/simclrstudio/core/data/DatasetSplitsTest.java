package org.simclrstudio.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetSplitsTest {

    @TempDir
    Path temp;

    private Dataset dataset;
    private DatasetSplit train;

    @BeforeEach
    void openSample() throws Exception {
        dataset = Datasets.open(TestDatasets.gzipSample(temp), null);
        train = dataset.split(Dataset.TRAIN).orElseThrow();
    }

    @AfterEach
    void closeSample() {
        dataset.close();
    }

    @Test
    void poolFallsBackToTrainWithoutLabels() throws Exception {
        DatasetSplit pool = DatasetSplits.unlabeledPool(dataset);
        assertEquals(Dataset.UNLABELED, pool.name());
        assertFalse(pool.isLabelled());
        assertEquals(train.size(), pool.size());
        assertEquals(DatasetSplit.NO_LABEL, pool.label(17));
        assertArrayEquals(train.image(17).pixels(), pool.image(17).pixels());
        assertEquals(28, pool.imageWidth());
        assertThrows(IndexOutOfBoundsException.class, () -> pool.label(train.size()));
    }

    @Test
    void limitKeepsFirstImages() throws Exception {
        DatasetSplit first = DatasetSplits.limit(train, 10);
        assertEquals(10, first.size());
        assertEquals(train.label(9), first.label(9));
        assertArrayEquals(train.image(9).pixels(), first.image(9).pixels());
        assertThrows(IndexOutOfBoundsException.class, () -> first.image(10));
        assertSame(train, DatasetSplits.limit(train, train.size()));
        assertThrows(IllegalArgumentException.class, () -> DatasetSplits.limit(train, -1));
    }

    @Test
    void subsetIsBalanced() throws Exception {
        LabelledSubset subset = LabelledSubset.perClass(dataset, 25, 42L);
        assertEquals(250, subset.size());
        assertArrayEquals(IdxDatasetTest.filled(10, 25), IdxDatasetTest.countPerClass(subset, 10));
        int[] indices = subset.indices();
        for (int i = 0; i < indices.length; i++) {
            assertEquals(train.label(indices[i]), subset.label(i));
            if (i > 0) {
                assertTrue(indices[i] > indices[i - 1], "indices ascend without repeats");
            }
        }
        assertArrayEquals(train.image(indices[3]).pixels(), subset.image(3).pixels());
    }

    @Test
    void subsetIsSeeded() throws Exception {
        int[] first = LabelledSubset.perClass(train, 5, 7L).indices();
        int[] again = LabelledSubset.perClass(train, 5, 7L).indices();
        int[] other = LabelledSubset.perClass(train, 5, 8L).indices();
        assertArrayEquals(first, again);
        assertFalse(Arrays.equals(first, other));
        // Not simply the first images of each class.
        int[] firstFive = new int[50];
        int[] taken = new int[10];
        for (int i = 0, n = 0; n < 50; i++) {
            if (taken[train.label(i)]++ < 5) {
                firstFive[n++] = i;
            }
        }
        Arrays.sort(firstFive);
        assertNotEquals(Arrays.toString(firstFive), Arrays.toString(first));
    }

    @Test
    void subsetRejectsTooFewImages() {
        DatasetException error = assertThrows(DatasetException.class,
                () -> LabelledSubset.perClass(dataset, 301, 1L));
        assertTrue(error.getMessage().contains("'T-shirt/top' (label 0) has 300 images"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LabelledSubset.perClass(train, 0, 1L));
    }

    @Test
    void subsetRejectsUnlabelledSplit() throws Exception {
        DatasetSplit pool = DatasetSplits.unlabeledPool(dataset);
        DatasetException error = assertThrows(DatasetException.class, () -> LabelledSubset.perClass(pool, 1, 1L));
        assertTrue(error.getMessage().contains("no labels"), error.getMessage());
    }

    @Test
    void subsetReportsClassMissingFromSplit() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("gap"));
        Files.writeString(folder.resolve(ClassNames.FILE_NAME), "cat\ndog\nbird\n");
        IdxWriter.writeImages(folder.resolve("train-images-idx3-ubyte"), 4, 1, 1, new byte[4]);
        IdxWriter.writeLabels(folder.resolve("train-labels-idx1-ubyte"), new byte[] {0, 1, 0, 1});
        try (Dataset gap = Datasets.open(folder, null)) {
            DatasetException error = assertThrows(DatasetException.class, () -> LabelledSubset.perClass(gap, 1, 1L));
            assertTrue(error.getMessage().contains("'bird' (label 2) has 0 images"), error.getMessage());
        }
    }
}
