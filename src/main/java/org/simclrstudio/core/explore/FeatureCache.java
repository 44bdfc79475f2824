package org.simclrstudio.core.explore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encoder features of whole splits kept on disk, so that repeated nearest-neighbour queries against the
 * same model and split skip the encoding. Encoding the 100,000 unlabelled STL-10 images takes about
 * 2 minutes on a 2-core CPU (an estimate from the forward cost of the Keras encoder).
 *
 * <p>An entry is keyed by the model's weights file (path, size and modification time, so training the run
 * further invalidates it), the dataset folder, the split and its image count. Entries are written to a
 * temporary file and moved into place, only the most recently written {@value #KEPT_ENTRIES} are kept, and a
 * damaged entry counts as missing. Because the cache only saves time, {@link #load} and {@link #save} log
 * input and output errors instead of throwing them.
 */
public final class FeatureCache {

    private static final Logger LOG = LoggerFactory.getLogger(FeatureCache.class);
    private static final int MAGIC = 0x53434643;
    private static final int VERSION = 1;
    private static final String SUFFIX = ".features";
    static final int KEPT_ENTRIES = 4;

    private final Path folder;

    /** Creates a cache in {@code folder}, which is created on the first write. */
    public FeatureCache(Path folder) {
        this.folder = folder;
    }

    /**
     * Returns the key of a split's features under a model, or empty when {@code weightsFile} does not exist
     * and so cannot identify the model.
     */
    public static Optional<String> key(Path weightsFile, Path datasetFolder, String split, int images) {
        try {
            if (!Files.isRegularFile(weightsFile)) {
                return Optional.empty();
            }
            String identity = String.join("\n", weightsFile.toAbsolutePath().normalize().toString(),
                    Long.toString(Files.size(weightsFile)),
                    Long.toString(Files.getLastModifiedTime(weightsFile).toMillis()),
                    datasetFolder.toAbsolutePath().normalize().toString(), split, Integer.toString(images));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return Optional.of(HexFormat.of().formatHex(digest, 0, 16));
        } catch (IOException e) {
            LOG.info("Not caching features: cannot read {}: {}", weightsFile, e.getMessage());
            return Optional.empty();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** Returns the path of the entry with {@code key}. */
    public Path entry(String key) {
        return folder.resolve(key + SUFFIX);
    }

    /** Returns the features saved under {@code key}, or empty when there are none or they cannot be read. */
    public Optional<FeatureMatrix> load(String key) {
        Path file = entry(key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw new IOException("entry of " + size + " bytes is too large");
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // Reads the whole entry.
            }
            buffer.flip();
            return Optional.of(decode(buffer));
        } catch (IOException | RuntimeException e) {
            LOG.info("Ignoring unreadable feature cache entry {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    /** Saves {@code features} under {@code key} and removes the oldest entries beyond {@value #KEPT_ENTRIES}. */
    public void save(String key, FeatureMatrix features) {
        Path file = entry(key);
        Path temporary = folder.resolve(key + SUFFIX + ".tmp");
        try {
            Files.createDirectories(folder);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = encode(features);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            prune();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot save features to the cache {}: {}", file, e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                LOG.info("Cannot remove {}: {}", temporary, e.getMessage());
            }
        }
    }

    private void prune() throws IOException {
        List<Path> entries;
        try (Stream<Path> files = Files.list(folder)) {
            entries = files.filter(path -> path.getFileName().toString().endsWith(SUFFIX))
                    .sorted(Comparator.comparing(FeatureCache::modified).reversed())
                    .toList();
        }
        for (Path old : entries.subList(Math.min(KEPT_ENTRIES, entries.size()), entries.size())) {
            Files.deleteIfExists(old);
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return Long.MIN_VALUE;
        }
    }

    private static ByteBuffer encode(FeatureMatrix features) {
        byte[] split = features.splitName().getBytes(StandardCharsets.UTF_8);
        int rows = features.rows();
        long bytes = 5L * Integer.BYTES + split.length + (long) features.values().length * Float.BYTES
                + 2L * rows * Integer.BYTES;
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Features of " + rows + " images are too large to cache");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(MAGIC).putInt(VERSION).putInt(split.length).put(split);
        buffer.putInt(features.dimension()).putInt(rows);
        buffer.asFloatBuffer().put(features.values());
        buffer.position(buffer.position() + features.values().length * Float.BYTES);
        buffer.asIntBuffer().put(features.indices());
        buffer.position(buffer.position() + rows * Integer.BYTES);
        buffer.asIntBuffer().put(features.labels());
        buffer.position(buffer.position() + rows * Integer.BYTES);
        return buffer.flip();
    }

    private static FeatureMatrix decode(ByteBuffer buffer) throws IOException {
        if (buffer.getInt() != MAGIC || buffer.getInt() != VERSION) {
            throw new IOException("not a feature cache entry of this version");
        }
        byte[] split = new byte[buffer.getInt()];
        buffer.get(split);
        int dimension = buffer.getInt();
        int rows = buffer.getInt();
        if (dimension < 1 || rows < 0 || buffer.remaining() != ((long) rows * dimension + 2L * rows) * Float.BYTES) {
            throw new IOException("entry length does not match " + rows + " rows of " + dimension + " values");
        }
        float[] values = new float[rows * dimension];
        buffer.asFloatBuffer().get(values);
        buffer.position(buffer.position() + values.length * Float.BYTES);
        int[] indices = new int[rows];
        buffer.asIntBuffer().get(indices);
        buffer.position(buffer.position() + rows * Integer.BYTES);
        int[] labels = new int[rows];
        buffer.asIntBuffer().get(labels);
        return new FeatureMatrix(new String(split, StandardCharsets.UTF_8), dimension, values, indices, labels);
    }
}
