package org.simclrstudio.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simclrstudio.core.data.ClassNames;
import org.simclrstudio.core.data.Dataset;
import org.simclrstudio.core.data.DatasetSplit;
import org.simclrstudio.core.data.RgbImage;
import org.simclrstudio.core.data.Stl10Dataset;
import org.simclrstudio.core.data.Stl10Writer;

class BatchPrefetcherTest {

    private static Stl10Dataset writeDataset(Path folder, int count) throws Exception {
        Path root = Files.createDirectories(folder.resolve(Stl10Dataset.FOLDER_NAME));
        SplittableRandom random = new SplittableRandom(1);
        List<RgbImage> images = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] pixels = new byte[Stl10Dataset.IMAGE_BYTES];
            for (int b = 0; b < pixels.length; b++) {
                pixels[b] = (byte) random.nextInt(256);
            }
            images.add(new RgbImage(Stl10Dataset.SIDE, Stl10Dataset.SIDE, pixels));
        }
        Stl10Writer.writeImages(root.resolve("unlabeled_X.bin"), images);
        writeClassNames(root);
        return Stl10Dataset.open(folder);
    }

    private static void writeClassNames(Path root) throws IOException {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < Stl10Dataset.CLASS_COUNT; i++) {
            names.add("class" + i);
        }
        Files.write(root.resolve(ClassNames.FILE_NAME), names);
    }

    @Test
    void batchesArriveInOrderWithPlanarPixels(@TempDir Path temp) throws Exception {
        try (Stl10Dataset dataset = writeDataset(temp, 7)) {
            DatasetSplit split = dataset.split(Dataset.UNLABELED).orElseThrow();
            List<int[]> batches = List.of(new int[] {6, 0, 3}, new int[] {2, 5, 1});
            try (BatchPrefetcher prefetcher = new BatchPrefetcher(split, batches, 1)) {
                for (int[] expected : batches) {
                    BatchPrefetcher.Batch batch = prefetcher.next();
                    assertNotNull(batch);
                    assertArrayEquals(expected, batch.indices());
                    assertEquals(96, batch.height());
                    for (int i = 0; i < expected.length; i++) {
                        byte[] single = new byte[Stl10Dataset.IMAGE_BYTES];
                        split.readPlanar(expected[i], single, 0);
                        byte[] slice = new byte[Stl10Dataset.IMAGE_BYTES];
                        System.arraycopy(batch.pixels(), i * single.length, slice, 0, single.length);
                        assertArrayEquals(single, slice, "image " + expected[i]);
                    }
                }
                assertNull(prefetcher.next());
                assertNull(prefetcher.next());
            }
        }
    }

    @Test
    void readErrorReachesConsumer(@TempDir Path temp) throws Exception {
        try (Stl10Dataset dataset = writeDataset(temp, 3)) {
            DatasetSplit split = dataset.split(Dataset.UNLABELED).orElseThrow();
            List<int[]> batches = List.of(new int[] {0, 1}, new int[] {2, 3});
            try (BatchPrefetcher prefetcher = new BatchPrefetcher(split, batches, 2)) {
                assertNotNull(prefetcher.next());
                IndexOutOfBoundsException error = assertThrows(IndexOutOfBoundsException.class, prefetcher::next);
                assertTrue(error.getMessage().contains("3"), error.getMessage());
            }
        }
    }
}
