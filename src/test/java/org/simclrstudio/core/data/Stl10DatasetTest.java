package org.simclrstudio.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Stl10DatasetTest {

    private static final List<String> CLASSES = List.of("airplane", "bird", "car", "cat", "deer", "dog", "horse",
            "monkey", "ship", "truck");

    @TempDir
    Path temp;

    private RgbImage photo;
    private Path root;

    @BeforeEach
    void writeLayout() throws IOException {
        photo = TestImages.chelsea();
        root = Files.createDirectories(temp.resolve("stl10_binary"));
        Files.write(root.resolve(ClassNames.FILE_NAME), CLASSES);
    }

    /** Encodes like the STL-10 release, independently of {@link Stl10Writer}: byte c*9216 + x*96 + y. */
    private static byte[] stlRecord(RgbImage image) {
        byte[] record = new byte[27648];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 96; y++) {
                for (int x = 0; x < 96; x++) {
                    record[c * 9216 + x * 96 + y] = image.pixels()[(y * 96 + x) * 3 + c];
                }
            }
        }
        return record;
    }

    private void writeImages(String file, RgbImage... images) throws IOException {
        byte[] bytes = new byte[images.length * 27648];
        for (int i = 0; i < images.length; i++) {
            System.arraycopy(stlRecord(images[i]), 0, bytes, i * 27648, 27648);
        }
        Files.write(root.resolve(file), bytes);
    }

    private void writeBytes(String file, int... values) throws IOException {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        Files.write(root.resolve(file), bytes);
    }

    @Test
    void photoComesBackUpright() throws Exception {
        RgbImage mirrored = TestImages.mirrored(photo);
        RgbImage transposed = TestImages.transposed(photo);
        assertFalse(Arrays.equals(photo.pixels(), mirrored.pixels()), "fixture must not be mirror-symmetric");
        assertFalse(Arrays.equals(photo.pixels(), transposed.pixels()), "fixture must not be transpose-symmetric");
        writeImages("train_X.bin", mirrored, photo, transposed);
        writeBytes("train_y.bin", 1, 4, 10);

        try (Dataset dataset = Datasets.open(temp, null)) {
            DatasetSplit train = dataset.split(Dataset.TRAIN).orElseThrow();
            assertEquals(3, train.size());
            assertEquals(96, train.imageWidth());
            assertEquals(96, train.imageHeight());
            RgbImage read = train.image(1);
            for (int y = 0; y < 96; y++) {
                for (int x = 0; x < 96; x++) {
                    assertEquals(photo.rgb(x, y), read.rgb(x, y), "pixel x=" + x + " y=" + y);
                }
            }
            assertArrayEquals(mirrored.pixels(), train.image(0).pixels());
            assertArrayEquals(transposed.pixels(), train.image(2).pixels());
        }
    }

    @Test
    void readPlanarMatchesImage() throws Exception {
        writeImages("test_X.bin", photo, TestImages.mirrored(photo));
        writeBytes("test_y.bin", 2, 3);
        try (Dataset dataset = Datasets.open(root, DatasetFormat.STL10)) {
            DatasetSplit test = dataset.split(Dataset.TEST).orElseThrow();
            byte[] planar = new byte[2 * 27648 + 7];
            test.readPlanar(0, planar, 7);
            test.readPlanar(1, planar, 7 + 27648);
            RgbImage mirrored = TestImages.mirrored(photo);
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 96; y++) {
                    for (int x = 0; x < 96; x++) {
                        int planarIndex = c * 9216 + y * 96 + x;
                        assertEquals(photo.pixels()[(y * 96 + x) * 3 + c], planar[7 + planarIndex]);
                        assertEquals(mirrored.pixels()[(y * 96 + x) * 3 + c], planar[7 + 27648 + planarIndex]);
                    }
                }
            }
        }
    }

    @Test
    void writerMatchesReleaseLayout() throws Exception {
        assertArrayEquals(stlRecord(photo), Stl10Writer.encode(photo));
        Stl10Writer.writeImages(root.resolve("train_X.bin"), List.of(photo));
        Stl10Writer.writeLabels(root.resolve("train_y.bin"), new int[] {9});
        assertArrayEquals(new byte[] {10}, Files.readAllBytes(root.resolve("train_y.bin")));
        try (Dataset dataset = Datasets.open(root, null)) {
            assertEquals(9, dataset.split(Dataset.TRAIN).orElseThrow().label(0));
        }
    }

    @Test
    void labelsShiftToZeroBased() throws Exception {
        writeImages("train_X.bin", photo, photo, photo);
        writeBytes("train_y.bin", 1, 10, 5);
        try (Stl10Dataset dataset = Stl10Dataset.open(temp)) {
            DatasetSplit train = dataset.split(Dataset.TRAIN).orElseThrow();
            assertEquals(0, train.label(0));
            assertEquals(9, train.label(1));
            assertEquals(4, train.label(2));
            assertEquals(CLASSES, dataset.classNames());
            assertEquals(root, dataset.location());
        }
    }

    @Test
    void foldIndicesAbove255Survive() throws Exception {
        // A sparse 5,000-image train file, so fold indices up to 4999 are valid.
        try (RandomAccessFile file = new RandomAccessFile(root.resolve("train_X.bin").toFile(), "rw")) {
            file.setLength(5000L * 27648);
        }
        byte[] labels = new byte[5000];
        Arrays.fill(labels, (byte) 3);
        Files.write(root.resolve("train_y.bin"), labels);
        Files.writeString(root.resolve("fold_indices.txt"), "0 255 256 300 4999\n7 1000 \n");
        try (Stl10Dataset dataset = Stl10Dataset.open(root)) {
            List<int[]> folds = dataset.folds();
            assertEquals(2, folds.size());
            assertArrayEquals(new int[] {0, 255, 256, 300, 4999}, folds.get(0));
            assertArrayEquals(new int[] {7, 1000}, folds.get(1));
            folds.get(0)[0] = 42;
            assertEquals(0, dataset.folds().get(0)[0], "folds() returns copies");
            assertEquals(5000, dataset.split(Dataset.TRAIN).orElseThrow().size());
            assertEquals(2, dataset.split(Dataset.TRAIN).orElseThrow().label(4999));
        }
    }

    @Test
    void foldIndexOutOfRangeNamesLine() throws Exception {
        writeImages("train_X.bin", photo, photo);
        writeBytes("train_y.bin", 1, 2);
        Path folds = root.resolve("fold_indices.txt");
        Files.writeString(folds, "0 1\n1 2\n");
        DatasetException error = assertThrows(DatasetException.class, () -> Stl10Dataset.open(root));
        assertTrue(error.getMessage().contains(folds.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("line 2 contains index 2, expected 0..1"), error.getMessage());
        Files.writeString(folds, "0 x1\n");
        DatasetException token = assertThrows(DatasetException.class, () -> Stl10Dataset.open(root));
        assertTrue(token.getMessage().contains("line 1 contains 'x1'"), token.getMessage());
    }

    @Test
    void missingFoldFileGivesNoFolds() throws Exception {
        writeImages("train_X.bin", photo);
        writeBytes("train_y.bin", 1);
        try (Stl10Dataset dataset = Stl10Dataset.open(root)) {
            assertTrue(dataset.folds().isEmpty());
        }
    }

    @Test
    void missingSplitIsAbsent() throws Exception {
        writeImages("unlabeled_X.bin", photo, TestImages.mirrored(photo));
        try (Dataset dataset = Datasets.open(temp, null)) {
            assertEquals(DatasetFormat.STL10, dataset.format());
            assertEquals(List.of(Dataset.UNLABELED), dataset.splits().stream().map(DatasetSplit::name).toList());
            DatasetSplit unlabeled = dataset.split(Dataset.UNLABELED).orElseThrow();
            assertFalse(unlabeled.isLabelled());
            assertEquals(DatasetSplit.NO_LABEL, unlabeled.label(1));
            assertArrayEquals(TestImages.mirrored(photo).pixels(), unlabeled.image(1).pixels());
            assertEquals(unlabeled, DatasetSplits.unlabeledPool(dataset));
        }
    }

    @Test
    void chunkedMapReadsEveryImage() throws Exception {
        RgbImage[] images = {photo, TestImages.mirrored(photo), TestImages.transposed(photo), photo,
            TestImages.mirrored(photo)};
        writeImages("unlabeled_X.bin", images);
        try (Stl10Dataset dataset = Stl10Dataset.open(root, 2L * 27648 + 5)) {
            DatasetSplit unlabeled = dataset.split(Dataset.UNLABELED).orElseThrow();
            assertEquals(5, unlabeled.size());
            for (int i = 0; i < images.length; i++) {
                assertArrayEquals(images[i].pixels(), unlabeled.image(i).pixels(), "image " + i);
            }
        }
    }

    @Test
    void concurrentReadsAgree() throws Exception {
        RgbImage[] images = {photo, TestImages.mirrored(photo), TestImages.transposed(photo)};
        writeImages("unlabeled_X.bin", images);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (Dataset dataset = Datasets.open(root, null)) {
            DatasetSplit unlabeled = dataset.split(Dataset.UNLABELED).orElseThrow();
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    byte[] planar = new byte[27648];
                    for (int round = 0; round < 200; round++) {
                        int index = round % images.length;
                        if (!Arrays.equals(images[index].pixels(), unlabeled.image(index).pixels())) {
                            return false;
                        }
                        unlabeled.readPlanar(index, planar, 0);
                        if (planar[9216 + 5 * 96 + 7] != images[index].pixels()[(5 * 96 + 7) * 3 + 1]) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void misSizedFileIsRejected() throws Exception {
        Path file = root.resolve("train_X.bin");
        Files.write(file, new byte[27648 * 2 - 1]);
        writeBytes("train_y.bin", 1, 2);
        DatasetException error = assertThrows(DatasetException.class, () -> Datasets.open(root, null));
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("55295 bytes, not a multiple of 27,648"), error.getMessage());
    }

    @Test
    void emptyFileIsRejected() throws Exception {
        Path file = root.resolve("unlabeled_X.bin");
        Files.write(file, new byte[0]);
        DatasetException error = assertThrows(DatasetException.class, () -> Datasets.open(root, null));
        assertTrue(error.getMessage().contains(file + " is empty"), error.getMessage());
    }

    @Test
    void countMismatchIsRejected() throws Exception {
        writeImages("test_X.bin", photo, photo, photo);
        Path labels = root.resolve("test_y.bin");
        writeBytes("test_y.bin", 1, 2);
        DatasetException error = assertThrows(DatasetException.class, () -> Datasets.open(root, null));
        assertTrue(error.getMessage().contains(labels + " contains 2 labels but test_X.bin contains 3 images"),
                error.getMessage());
    }

    @Test
    void labelOutOfRangeNamesRecord() throws Exception {
        writeImages("train_X.bin", photo, photo, photo);
        Path labels = root.resolve("train_y.bin");
        for (int bad : new int[] {0, 11}) {
            writeBytes("train_y.bin", 1, 10, bad);
            DatasetException error = assertThrows(DatasetException.class, () -> Datasets.open(root, null));
            assertTrue(error.getMessage().contains(labels.toString()), error.getMessage());
            assertTrue(error.getMessage().contains("record 2 has label " + bad + ", expected 1..10"),
                    error.getMessage());
        }
    }

    @Test
    void labelsWithoutImagesAreRejected() throws Exception {
        writeImages("unlabeled_X.bin", photo);
        writeBytes("train_y.bin", 1);
        DatasetException error = assertThrows(DatasetException.class, () -> Datasets.open(root, null));
        assertTrue(error.getMessage().contains("train_y.bin but not train_X.bin"), error.getMessage());
        Files.delete(root.resolve("train_y.bin"));
        writeImages("train_X.bin", photo);
        DatasetException noLabels = assertThrows(DatasetException.class, () -> Datasets.open(root, null));
        assertTrue(noLabels.getMessage().contains("train_X.bin but not train_y.bin"), noLabels.getMessage());
    }

    @Test
    void classNamesMustListTen() throws Exception {
        writeImages("train_X.bin", photo);
        writeBytes("train_y.bin", 1);
        Path names = root.resolve(ClassNames.FILE_NAME);
        Files.write(names, CLASSES.subList(0, 9));
        DatasetException shortList = assertThrows(DatasetException.class, () -> Datasets.open(root, null));
        assertTrue(shortList.getMessage().contains(names + " lists 9 names, expected 10"), shortList.getMessage());
        Files.delete(names);
        DatasetException missing = assertThrows(DatasetException.class, () -> Datasets.open(root, null));
        assertTrue(missing.getMessage().contains(names + " is missing"), missing.getMessage());
    }
}
