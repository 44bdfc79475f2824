package org.simclrstudio.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;

/** Real dataset folders for tests, made from the bundled Fashion-MNIST sample. */
final class TestDatasets {

    private TestDatasets() {
    }

    /** Extracts the bundled sample (gzip IDX files) into {@code parent} and returns its folder. */
    static Path gzipSample(Path parent) throws IOException {
        return BundledSample.extractTo(parent);
    }

    /** Writes the bundled sample with decompressed IDX files into {@code parent/name} and returns that folder. */
    static Path rawSample(Path parent, String name) throws IOException {
        Path source = BundledSample.extractTo(parent.resolve("gzip-source"));
        Path target = Files.createDirectories(parent.resolve(name));
        for (String file : BundledSample.FILES) {
            if (file.endsWith(".gz")) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(source.resolve(file)))) {
                    Files.copy(in, target.resolve(file.substring(0, file.length() - 3)));
                }
            } else {
                Files.copy(source.resolve(file), target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return target;
    }
}
