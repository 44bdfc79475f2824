package org.simclrstudio.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxDatasetTest {

    @TempDir
    Path temp;

    @Test
    void gzipSampleLoads() throws Exception {
        Path folder = TestDatasets.gzipSample(temp);
        assertEquals(DatasetFormat.IDX, Datasets.detect(folder));
        try (Dataset dataset = Datasets.open(folder, null)) {
            assertEquals(DatasetFormat.IDX, dataset.format());
            assertEquals(ClassNames.FASHION_MNIST, dataset.classNames());
            DatasetSplit train = dataset.split(Dataset.TRAIN).orElseThrow();
            DatasetSplit test = dataset.split(Dataset.TEST).orElseThrow();
            assertEquals(List.of(Dataset.TRAIN, Dataset.TEST), dataset.splits().stream().map(DatasetSplit::name).toList());
            assertEquals(3000, train.size());
            assertEquals(1000, test.size());
            assertEquals(28, train.imageWidth());
            assertEquals(28, train.imageHeight());
            assertTrue(train.isLabelled());
            assertArrayEquals(countPerClass(train, 10), filled(10, 300));
            assertArrayEquals(countPerClass(test, 10), filled(10, 100));
        }
    }

    @Test
    void greyBecomesThreeEqualChannels() throws Exception {
        try (Dataset dataset = Datasets.open(TestDatasets.gzipSample(temp), DatasetFormat.IDX)) {
            DatasetSplit train = dataset.split(Dataset.TRAIN).orElseThrow();
            RgbImage image = train.image(0);
            int nonZero = 0;
            for (int i = 0; i < 28 * 28; i++) {
                assertEquals(image.pixels()[i * 3], image.pixels()[i * 3 + 1]);
                assertEquals(image.pixels()[i * 3], image.pixels()[i * 3 + 2]);
                nonZero += image.pixels()[i * 3] != 0 ? 1 : 0;
            }
            assertTrue(nonZero > 100, "a Fashion-MNIST image has more than 100 lit pixels, got " + nonZero);

            byte[] planar = new byte[3 * 28 * 28 + 5];
            train.readPlanar(0, planar, 5);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    byte expected = image.pixels()[(y * 28 + x) * 3];
                    for (int c = 0; c < 3; c++) {
                        assertEquals(expected, planar[5 + c * 784 + y * 28 + x]);
                    }
                }
            }
        }
    }

    @Test
    void rawAndGzipGiveSameImages() throws Exception {
        Path raw = TestDatasets.rawSample(temp, "raw-fashion");
        assertTrue(Files.exists(raw.resolve("train-images-idx3-ubyte")));
        try (Dataset gzip = Datasets.open(TestDatasets.gzipSample(temp), null);
                Dataset mapped = Datasets.open(raw, null)) {
            assertEquals(DatasetFormat.IDX, mapped.format());
            for (String name : List.of(Dataset.TRAIN, Dataset.TEST)) {
                DatasetSplit a = gzip.split(name).orElseThrow();
                DatasetSplit b = mapped.split(name).orElseThrow();
                assertEquals(a.size(), b.size());
                for (int i = 0; i < a.size(); i += 97) {
                    assertEquals(a.label(i), b.label(i));
                    assertArrayEquals(a.image(i).pixels(), b.image(i).pixels(), name + " image " + i);
                }
                int last = a.size() - 1;
                assertArrayEquals(a.image(last).pixels(), b.image(last).pixels());
            }
        }
    }

    @Test
    void recordStoreChunksMatchHeap() throws Exception {
        Path raw = TestDatasets.rawSample(temp, "raw");
        Path file = raw.resolve("t10k-images-idx3-ubyte");
        byte[] all = Files.readAllBytes(file);
        RecordStore heap = RecordStore.onHeap(all, 16, 784, 1000);
        RecordStore chunked = RecordStore.map(file, 16, 784, 1000, 784 * 7 + 100);
        assertEquals(143, chunked.chunkCount());
        byte[] a = new byte[784];
        byte[] b = new byte[784];
        for (int i = 0; i < 1000; i++) {
            heap.read(i, a, 0);
            chunked.read(i, b, 0);
            assertArrayEquals(a, b, "record " + i);
        }
        assertThrows(IndexOutOfBoundsException.class, () -> chunked.read(1000, b, 0));
    }

    @Test
    void classNamesFileWins() throws Exception {
        Path folder = TestDatasets.rawSample(temp, "fashion-renamed");
        Files.writeString(folder.resolve(ClassNames.FILE_NAME), "a\nb\nc\nd\ne\n\nf\ng\nh\ni\nj\n");
        try (Dataset dataset = Datasets.open(folder, null)) {
            assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"), dataset.classNames());
        }
    }

    @Test
    void folderNameChoosesClassNames() throws Exception {
        Path mnist = TestDatasets.rawSample(temp, "mnist");
        Files.delete(mnist.resolve(ClassNames.FILE_NAME));
        try (Dataset dataset = Datasets.open(mnist, null)) {
            assertEquals(ClassNames.DIGITS, dataset.classNames());
        }
        Path fashion = TestDatasets.rawSample(temp, "My-Fashion-Copy");
        Files.delete(fashion.resolve(ClassNames.FILE_NAME));
        try (Dataset dataset = Datasets.open(fashion, null)) {
            assertEquals(ClassNames.FASHION_MNIST, dataset.classNames());
        }
    }

    @Test
    void badMagicNamesFileAndExpectedValue() throws Exception {
        Path folder = TestDatasets.rawSample(temp, "bad-magic");
        Path file = folder.resolve("train-images-idx3-ubyte");
        patchInt(file, 0, 0x00000801);
        DatasetException error = assertThrows(DatasetException.class, () -> Datasets.open(folder, null));
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("0x00000803"), error.getMessage());
    }

    @Test
    void truncatedRawFileNamesExpectedSize() throws Exception {
        Path folder = TestDatasets.rawSample(temp, "truncated");
        Path file = folder.resolve("t10k-images-idx3-ubyte");
        truncate(file, 16 + 784 * 1000 - 1);
        DatasetException error = assertThrows(DatasetException.class, () -> Datasets.open(folder, null));
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("expected " + (16 + 784 * 1000)), error.getMessage());
    }

    @Test
    void truncatedGzipFileNamesFile() throws Exception {
        Path folder = TestDatasets.gzipSample(temp);
        Path file = folder.resolve("t10k-images-idx3-ubyte.gz");
        truncate(file, Files.size(file) / 2);
        DatasetException error = assertThrows(DatasetException.class, () -> Datasets.open(folder, null));
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("truncated"), error.getMessage());
    }

    @Test
    void countMismatchNamesBothFiles() throws Exception {
        Path folder = TestDatasets.rawSample(temp, "mismatch");
        Path labels = folder.resolve("t10k-labels-idx1-ubyte.gz");
        IdxWriter.writeLabels(labels, new byte[999]);
        Files.delete(folder.resolve("t10k-labels-idx1-ubyte"));
        DatasetException error = assertThrows(DatasetException.class, () -> Datasets.open(folder, null));
        assertTrue(error.getMessage().contains("1000 images"), error.getMessage());
        assertTrue(error.getMessage().contains(labels.toString() + " contains 999 labels"), error.getMessage());
    }

    @Test
    void labelOutOfRangeNamesRecord() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("three-classes"));
        Files.writeString(folder.resolve(ClassNames.FILE_NAME), "cat\ndog\nbird\n");
        IdxWriter.writeImages(folder.resolve("train-images-idx3-ubyte.gz"), 4, 2, 3, new byte[24]);
        Path labels = folder.resolve("train-labels-idx1-ubyte.gz");
        IdxWriter.writeLabels(labels, new byte[] {0, 2, 1, 3});
        DatasetException error = assertThrows(DatasetException.class, () -> Datasets.open(folder, null));
        assertTrue(error.getMessage().contains(labels.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("record 3 has label 3, expected 0..2"), error.getMessage());
    }

    @Test
    void labelFileWithoutImagesIsRejected() throws Exception {
        Path folder = TestDatasets.rawSample(temp, "no-test-images");
        Files.delete(folder.resolve("t10k-images-idx3-ubyte"));
        DatasetException error = assertThrows(DatasetException.class, () -> IdxDataset.open(folder));
        assertTrue(error.getMessage().contains("t10k-labels-idx1-ubyte"), error.getMessage());
    }

    @Test
    void missingSplitIsAbsent() throws Exception {
        Path folder = TestDatasets.rawSample(temp, "train-only");
        Files.delete(folder.resolve("t10k-images-idx3-ubyte"));
        Files.delete(folder.resolve("t10k-labels-idx1-ubyte"));
        try (Dataset dataset = Datasets.open(folder, null)) {
            assertEquals(List.of(Dataset.TRAIN), dataset.splits().stream().map(DatasetSplit::name).toList());
            assertFalse(dataset.split(Dataset.TEST).isPresent());
        }
    }

    @Test
    void emptyFolderIsNotADataset() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("empty"));
        DatasetException error = assertThrows(DatasetException.class, () -> Datasets.detect(folder));
        assertTrue(error.getMessage().contains(folder.toString()), error.getMessage());
        DatasetException missing = assertThrows(DatasetException.class,
                () -> Datasets.open(temp.resolve("nowhere"), null));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }

    @Test
    void closedDatasetRejectsReads() throws Exception {
        Dataset dataset = Datasets.open(TestDatasets.gzipSample(temp), null);
        DatasetSplit train = dataset.split(Dataset.TRAIN).orElseThrow();
        dataset.close();
        DatasetException error = assertThrows(DatasetException.class, () -> train.image(0));
        assertTrue(error.getMessage().contains("closed"), error.getMessage());
    }

    static int[] countPerClass(DatasetSplit split, int classCount) {
        int[] counts = new int[classCount];
        for (int i = 0; i < split.size(); i++) {
            counts[split.label(i)]++;
        }
        return counts;
    }

    static int[] filled(int length, int value) {
        int[] values = new int[length];
        Arrays.fill(values, value);
        return values;
    }

    private static void patchInt(Path file, int offset, int value) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).putInt(offset, value);
        Files.write(file, bytes);
    }

    private static void truncate(Path file, long size) throws IOException {
        try (var channel = Files.newByteChannel(file, java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }
}
