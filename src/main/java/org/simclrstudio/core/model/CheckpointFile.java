package org.simclrstudio.core.model;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * A file format that detects truncation and corruption, written atomically.
 *
 * <p>Layout: the 8-byte magic {@code SIMCLRCK}, the payload, then a 24-byte footer (payload length,
 * CRC32 of the payload, both as big-endian longs, and the magic {@code SIMCLREN}). {@link #write}
 * writes a temporary file in the same folder, forces it to disk, and renames it over the target with an
 * atomic move, so a crash leaves either the old or the new file, never a mix.
 */
public final class CheckpointFile {

    private static final byte[] HEADER = "SIMCLRCK".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRAILER = "SIMCLREN".getBytes(StandardCharsets.US_ASCII);
    private static final int FOOTER_SIZE = 8 + 8 + 8;

    private CheckpointFile() {
    }

    /** Writes a payload to a data stream. */
    @FunctionalInterface
    public interface PayloadWriter {
        /** Writes the payload. */
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads a payload from a data stream. */
    @FunctionalInterface
    public interface PayloadReader<T> {
        /** Reads the payload and returns what it describes. */
        T read(DataInputStream in) throws IOException;
    }

    /** A checkpoint file that is truncated, corrupt or of another format. */
    public static final class CorruptCheckpointException extends IOException {
        /** Creates the exception with a one-line message that names the file. */
        public CorruptCheckpointException(String message) {
            super(message);
        }
    }

    /**
     * Writes {@code file} atomically with the payload that {@code writer} produces.
     *
     * @throws IOException when writing fails, such as on a full disk; the message names {@code file}, and the
     *     previous version of the file stays as it was
     */
    public static void write(Path file, PayloadWriter writer) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        deleteStaleTemporaries(folder, file.getFileName().toString());
        Path temporary = Files.createTempFile(folder, file.getFileName().toString(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream raw = Channels.newOutputStream(channel);
                BufferedOutputStream buffered = new BufferedOutputStream(raw, 1 << 16);
                buffered.write(HEADER);
                CRC32 crc = new CRC32();
                CountingOutputStream counting = new CountingOutputStream(new CheckedOutputStream(buffered, crc));
                DataOutputStream data = new DataOutputStream(counting);
                writer.write(data);
                data.flush();
                ByteBuffer footer = ByteBuffer.allocate(FOOTER_SIZE);
                footer.putLong(counting.count).putLong(crc.getValue()).put(TRAILER);
                buffered.write(footer.array());
                buffered.flush();
                channel.force(true);
            } catch (IOException e) {
                // Only the temporary file is affected; without the file name "No space left on device" is all a user sees.
                throw new IOException("Cannot write " + file + ": " + e.getMessage() + ". The previous version of the "
                        + "file is unchanged; free disk space, then resume.", e);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("Cannot replace " + file + " atomically on this file system", e);
            }
            forceFolder(folder);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Returns what to do about an unreadable checkpoint. A run keeps its resume state in
     * {@code checkpoints/last.ckpt} and the weights of its last finished epoch in {@code model/weights.ckpt}.
     */
    private static String advice(Path file) {
        Path folder = file.getParent();
        String folderName = folder == null || folder.getFileName() == null ? "" : folder.getFileName().toString();
        if (folderName.equals("checkpoints")) {
            return "this run cannot be resumed, so start a new run in another folder (the run's model folder "
                    + "still has the weights of its last finished epoch, if any)";
        }
        if (folderName.equals("model")) {
            return "train a new run, or choose another run";
        }
        return "use another copy of the file";
    }

    /**
     * Reads {@code file} after checking its length and CRC32.
     *
     * @throws CorruptCheckpointException when the file is truncated, corrupt or not a checkpoint
     */
    public static <T> T read(Path file, PayloadReader<T> reader) throws IOException {
        long size = Files.size(file);
        if (size < HEADER.length + FOOTER_SIZE) {
            throw new CorruptCheckpointException("Checkpoint " + file + " is truncated (" + size
                    + " bytes); " + advice(file));
        }
        long payloadLength;
        long expectedCrc;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(HEADER.length);
            channel.read(header, 0);
            if (!java.util.Arrays.equals(header.array(), HEADER)) {
                throw new CorruptCheckpointException("File " + file + " is not a SimCLR Studio checkpoint");
            }
            ByteBuffer footer = ByteBuffer.allocate(FOOTER_SIZE);
            channel.read(footer, size - FOOTER_SIZE);
            footer.flip();
            payloadLength = footer.getLong();
            expectedCrc = footer.getLong();
            byte[] trailer = new byte[TRAILER.length];
            footer.get(trailer);
            if (!java.util.Arrays.equals(trailer, TRAILER) || payloadLength != size - HEADER.length - FOOTER_SIZE) {
                throw new CorruptCheckpointException("Checkpoint " + file + " is truncated or incomplete (" + size
                        + " bytes, no valid footer); " + advice(file));
            }
        }
        CRC32 crc = new CRC32();
        try (InputStream in = new BoundedInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16),
                HEADER.length, payloadLength)) {
            byte[] buffer = new byte[1 << 16];
            CheckedInputStream checked = new CheckedInputStream(in, crc);
            while (checked.read(buffer) >= 0) {
                // Reads the whole payload to compute its CRC32 before parsing any of it.
            }
        }
        if (crc.getValue() != expectedCrc) {
            throw new CorruptCheckpointException("Checkpoint " + file + " is corrupt (CRC32 mismatch); "
                    + advice(file));
        }
        try (DataInputStream data = new DataInputStream(new BoundedInputStream(
                new BufferedInputStream(Files.newInputStream(file), 1 << 16), HEADER.length, payloadLength))) {
            return reader.read(data);
        }
    }

    /**
     * Deletes temporary files of earlier saves of the same checkpoint that a killed process left behind;
     * each is as large as a checkpoint. Assumes one writer per checkpoint file at a time.
     */
    private static void deleteStaleTemporaries(Path folder, String name) {
        try (java.nio.file.DirectoryStream<Path> stale = Files.newDirectoryStream(folder,
                entry -> {
                    String entryName = entry.getFileName().toString();
                    return entryName.startsWith(name) && entryName.endsWith(".tmp")
                            && entryName.substring(name.length(), entryName.length() - 4).matches("\\d+");
                })) {
            for (Path path : stale) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // A stale temporary file only wastes space; the save itself goes on.
        }
    }

    private static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a folder as a channel; the rename itself is still atomic there.
        }
    }

    private static final class CountingOutputStream extends java.io.FilterOutputStream {
        long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }

    /** Reads {@code length} bytes that start {@code skip} bytes into the stream. */
    private static final class BoundedInputStream extends java.io.FilterInputStream {
        private long remaining;

        BoundedInputStream(InputStream in, long skip, long length) throws IOException {
            super(in);
            in.skipNBytes(skip);
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int value = in.read();
            if (value >= 0) {
                remaining--;
            }
            return value;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int count = in.read(b, off, (int) Math.min(len, remaining));
            if (count > 0) {
                remaining -= count;
            }
            return count;
        }
    }
}
