package org.simclrstudio.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledSampleTest {

    @TempDir
    Path temp;

    @Test
    void extractsOnceWithLicence() throws Exception {
        Path datasets = temp.resolve("datasets");
        Path folder = BundledSample.extractTo(datasets);
        assertEquals(datasets.resolve(BundledSample.FOLDER_NAME), folder);
        for (String name : BundledSample.FILES) {
            assertTrue(Files.size(folder.resolve(name)) > 0, name);
        }
        assertTrue(Files.readString(folder.resolve("LICENSE")).contains("Copyright (c) 2017 Zalando SE"));

        Files.writeString(folder.resolve("marker.txt"), "kept");
        assertEquals(folder, BundledSample.extractTo(datasets));
        assertTrue(Files.exists(folder.resolve("marker.txt")), "a second call keeps the existing folder");
        try (Stream<Path> entries = Files.list(datasets)) {
            List<Path> names = entries.map(Path::getFileName).toList();
            assertEquals(List.of(Path.of(BundledSample.FOLDER_NAME)), names, "no temporary folder is left");
        }
    }

    @Test
    void restoresMissingFile() throws Exception {
        Path folder = BundledSample.extractTo(temp);
        Path labels = folder.resolve("t10k-labels-idx1-ubyte.gz");
        byte[] original = Files.readAllBytes(labels);
        Files.delete(labels);
        BundledSample.extractTo(temp);
        assertEquals(original.length, Files.size(labels));
        try (Dataset dataset = Datasets.open(folder, null)) {
            assertEquals(1000, dataset.split(Dataset.TEST).orElseThrow().size());
        }
    }
}
