package org.simclrstudio.core.explore;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a projection as CSV: the header {@code index,label,x,y}, then one row per image with its
 * split index, class index (empty for an unlabelled image) and coordinates.
 */
public final class EmbeddingCsv {

    /** The header line. */
    public static final String HEADER = "index,label,x,y";

    private EmbeddingCsv() {
    }

    /** Writes {@code projection} to {@code out}. */
    public static void write(Projection projection, Writer out) throws IOException {
        out.write(HEADER);
        out.write('\n');
        int[] indices = projection.features().indices();
        int[] labels = projection.features().labels();
        StringBuilder line = new StringBuilder(64);
        for (int row = 0; row < projection.size(); row++) {
            line.setLength(0);
            line.append(indices[row]).append(',');
            if (labels[row] >= 0) {
                line.append(labels[row]);
            }
            line.append(',').append((float) projection.x()[row]).append(',').append((float) projection.y()[row])
                    .append('\n');
            out.write(line.toString());
        }
    }

    /**
     * Writes {@code projection} to {@code file} through a temporary file in the same folder, so an
     * existing file is replaced only by a complete one.
     */
    public static void write(Projection projection, Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path folder = absolute.getParent();
        if (folder != null) {
            Files.createDirectories(folder);
        }
        Path temporary = Files.createTempFile(folder, absolute.getFileName().toString(), ".tmp");
        try {
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                write(projection, writer);
            }
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
