package org.simclrstudio.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderDatasetTest {

    @TempDir
    Path temp;

    private RgbImage photo;

    @BeforeEach
    void readPhoto() throws IOException {
        photo = TestImages.chelsea();
    }

    private void writePng(String relative, RgbImage image) throws IOException {
        Path file = temp.resolve(relative);
        Files.createDirectories(file.getParent());
        assertTrue(ImageIO.write(TestImages.toBufferedImage(image), "png", file.toFile()));
    }

    private static RgbImage crop(RgbImage image, int width, int height) {
        byte[] pixels = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            System.arraycopy(image.pixels(), y * image.width() * 3, pixels, y * width * 3, width * 3);
        }
        return new RgbImage(width, height, pixels);
    }

    @Test
    void folderDatasetLoads() throws Exception {
        RgbImage small = crop(photo, 40, 30);
        writePng("train/dog/b.png", TestImages.mirrored(photo));
        writePng("train/cat/b.png", small);
        writePng("train/cat/a.png", photo);
        writePng("test/cat/1.png", TestImages.transposed(photo));
        writePng("test/dog/1.png", photo);
        writePng("unlabeled/batch1/x.png", photo);
        writePng("unlabeled/y.png", small);
        Files.writeString(temp.resolve("train/cat/notes.txt"), "not an image");
        writePng("train/cat/.hidden.png", photo);
        Files.writeString(temp.resolve("train/.DS_Store"), "junk");

        assertEquals(DatasetFormat.FOLDER, Datasets.detect(temp));
        try (Dataset dataset = Datasets.open(temp, null)) {
            assertEquals(DatasetFormat.FOLDER, dataset.format());
            assertEquals(List.of("cat", "dog"), dataset.classNames());
            assertEquals(List.of(Dataset.TRAIN, Dataset.TEST, Dataset.UNLABELED),
                    dataset.splits().stream().map(DatasetSplit::name).toList());

            DatasetSplit train = dataset.split(Dataset.TRAIN).orElseThrow();
            assertEquals(3, train.size());
            assertEquals(-1, train.imageWidth());
            assertEquals(-1, train.imageHeight());
            assertEquals(0, train.label(0));
            assertEquals(0, train.label(1));
            assertEquals(1, train.label(2));
            assertArrayEquals(photo.pixels(), train.image(0).pixels(), "train/cat/a.png");
            RgbImage smallRead = train.image(1);
            assertEquals(40, smallRead.width());
            assertEquals(30, smallRead.height());
            assertArrayEquals(small.pixels(), smallRead.pixels());
            assertArrayEquals(TestImages.mirrored(photo).pixels(), train.image(2).pixels());

            DatasetSplit test = dataset.split(Dataset.TEST).orElseThrow();
            assertEquals(2, test.size());
            assertArrayEquals(TestImages.transposed(photo).pixels(), test.image(0).pixels());

            DatasetSplit unlabeled = dataset.split(Dataset.UNLABELED).orElseThrow();
            assertFalse(unlabeled.isLabelled());
            assertEquals(2, unlabeled.size());
            assertEquals(DatasetSplit.NO_LABEL, unlabeled.label(0));
            assertArrayEquals(photo.pixels(), unlabeled.image(0).pixels(), "unlabeled/batch1/x.png sorts first");
            assertEquals(unlabeled, DatasetSplits.unlabeledPool(dataset));
        }
    }

    @Test
    void classesAreUnionOfSplits() throws Exception {
        writePng("train/bird/a.png", photo);
        writePng("test/ant/a.png", photo);
        writePng("test/bird/a.png", photo);
        try (Dataset dataset = Datasets.open(temp, DatasetFormat.FOLDER)) {
            assertEquals(List.of("ant", "bird"), dataset.classNames());
            assertEquals(1, dataset.split(Dataset.TRAIN).orElseThrow().label(0));
            assertEquals(0, dataset.split(Dataset.TEST).orElseThrow().label(0));
            DatasetSplit pool = DatasetSplits.unlabeledPool(dataset);
            assertEquals(1, pool.size());
            assertFalse(pool.isLabelled());
        }
    }

    @Test
    void linkedClassFolderIsRead() throws Exception {
        writePng("elsewhere/cats/a.png", photo);
        Files.createDirectories(temp.resolve("train"));
        Files.createSymbolicLink(temp.resolve("train/cat"), temp.resolve("elsewhere/cats"));
        try (Dataset dataset = Datasets.open(temp, null)) {
            DatasetSplit train = dataset.split(Dataset.TRAIN).orElseThrow();
            assertEquals(1, train.size());
            assertArrayEquals(photo.pixels(), train.image(0).pixels());
        }
    }

    @Test
    void emptyClassFolderIsNamed() throws Exception {
        writePng("train/cat/a.png", photo);
        Path empty = Files.createDirectories(temp.resolve("train/dog"));
        Files.writeString(empty.resolve("readme.txt"), "no pictures");
        DatasetException error = assertThrows(DatasetException.class, () -> Datasets.open(temp, null));
        assertTrue(error.getMessage().contains("Class folder " + empty + " contains no images"), error.getMessage());
    }

    @Test
    void imageOutsideClassFolderIsNamed() throws Exception {
        writePng("train/cat/a.png", photo);
        writePng("train/stray.png", photo);
        DatasetException error = assertThrows(DatasetException.class, () -> Datasets.open(temp, null));
        assertTrue(error.getMessage().contains(temp.resolve("train/stray.png") + " is not inside a class folder"),
                error.getMessage());
    }

    @Test
    void trainWithoutClassFoldersIsRejected() throws Exception {
        Files.createDirectories(temp.resolve("train"));
        DatasetException error = assertThrows(DatasetException.class, () -> Datasets.open(temp, null));
        assertTrue(error.getMessage().contains("contains no class folders"), error.getMessage());
    }

    @Test
    void corruptImageNamesFile() throws Exception {
        writePng("train/cat/a.png", photo);
        Path broken = temp.resolve("train/cat/b.png");
        Files.writeString(broken, "this is text, not a PNG");
        try (Dataset dataset = Datasets.open(temp, null)) {
            DatasetSplit train = dataset.split(Dataset.TRAIN).orElseThrow();
            assertEquals(2, train.size());
            DatasetException error = assertThrows(DatasetException.class, () -> train.image(1));
            assertTrue(error.getMessage().contains(broken.toString()), error.getMessage());
            assertFalse(error.getMessage().contains("\n"), "one line: " + error.getMessage());
            DatasetException planar = assertThrows(DatasetException.class,
                    () -> train.readPlanar(0, new byte[3 * 96 * 96], 0));
            assertTrue(planar.getMessage().contains("varying size"), planar.getMessage());
        }
    }
}
