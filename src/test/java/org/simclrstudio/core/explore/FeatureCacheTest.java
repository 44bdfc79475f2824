package org.simclrstudio.core.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureCacheTest {

    @TempDir
    Path temp;

    private static FeatureMatrix sample(int rows) {
        float[] values = new float[rows * 3];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.25f - 1;
        }
        int[] indices = new int[rows];
        int[] labels = new int[rows];
        for (int row = 0; row < rows; row++) {
            indices[row] = row * 2;
            labels[row] = row % 2 == 0 ? row % 10 : -1;
        }
        return new FeatureMatrix("unlabeled", 3, values, indices, labels);
    }

    private Path weights() throws Exception {
        return Files.write(Files.createDirectories(temp.resolve("run/model")).resolve("weights.ckpt"), new byte[] {1, 2, 3});
    }

    @Test
    void savedFeaturesLoadUnchanged() throws Exception {
        FeatureCache cache = new FeatureCache(temp.resolve("cache"));
        String key = FeatureCache.key(weights(), temp.resolve("data"), "unlabeled", 5).orElseThrow();
        FeatureMatrix saved = sample(5);

        cache.save(key, saved);
        FeatureMatrix loaded = cache.load(key).orElseThrow();

        assertEquals("unlabeled", loaded.splitName());
        assertEquals(3, loaded.dimension());
        assertArrayEquals(saved.values(), loaded.values());
        assertArrayEquals(saved.indices(), loaded.indices());
        assertArrayEquals(saved.labels(), loaded.labels());
    }

    @Test
    void keyChangesWithModelAndSplit() throws Exception {
        Path weights = weights();
        Path data = temp.resolve("data");
        String key = FeatureCache.key(weights, data, "test", 10).orElseThrow();

        assertNotEquals(key, FeatureCache.key(weights, data, "train", 10).orElseThrow(), "other split");
        assertNotEquals(key, FeatureCache.key(weights, data, "test", 11).orElseThrow(), "other image count");
        assertNotEquals(key, FeatureCache.key(weights, temp.resolve("other"), "test", 10).orElseThrow(), "other data");
        Files.setLastModifiedTime(weights, FileTime.fromMillis(Files.getLastModifiedTime(weights).toMillis() + 5000));
        assertNotEquals(key, FeatureCache.key(weights, data, "test", 10).orElseThrow(), "retrained model");
        assertEquals(Optional.empty(), FeatureCache.key(temp.resolve("missing.ckpt"), data, "test", 10));
    }

    @Test
    void damagedEntryCountsAsMissing() throws Exception {
        FeatureCache cache = new FeatureCache(temp.resolve("cache"));
        String key = FeatureCache.key(weights(), temp, "test", 4).orElseThrow();
        cache.save(key, sample(4));
        byte[] bytes = Files.readAllBytes(cache.entry(key));

        Files.write(cache.entry(key), java.util.Arrays.copyOf(bytes, bytes.length - 3));
        assertEquals(Optional.empty(), cache.load(key), "truncated");
        Files.write(cache.entry(key), "not features".getBytes());
        assertEquals(Optional.empty(), cache.load(key), "foreign file");
    }

    @Test
    void keepsOnlyNewestEntries() throws Exception {
        FeatureCache cache = new FeatureCache(temp.resolve("cache"));
        for (int i = 0; i < FeatureCache.KEPT_ENTRIES + 2; i++) {
            String key = "entry" + i;
            cache.save(key, sample(2));
            Files.setLastModifiedTime(cache.entry(key), FileTime.fromMillis(1_000_000L * (i + 1)));
        }
        cache.save("newest", sample(2));

        try (Stream<Path> files = Files.list(temp.resolve("cache"))) {
            assertEquals(FeatureCache.KEPT_ENTRIES, files.count());
        }
        assertTrue(cache.load("newest").isPresent(), "newest kept");
        assertEquals(Optional.empty(), cache.load("entry0"), "oldest removed");
    }
}
