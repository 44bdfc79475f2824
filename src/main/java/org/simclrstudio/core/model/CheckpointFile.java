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

    /** Writes {@code file} atomically with the payload that {@code writer} produces. */
    public static void write(Path file, PayloadWriter writer) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
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
     * Reads {@code file} after checking its length and CRC32.
     *
     * @throws CorruptCheckpointException when the file is truncated, corrupt or not a checkpoint
     */
    public static <T> T read(Path file, PayloadReader<T> reader) throws IOException {
        long size = Files.size(file);
        if (size < HEADER.length + FOOTER_SIZE) {
            throw new CorruptCheckpointException("Checkpoint " + file + " is truncated (" + size
                    + " bytes); delete it or resume from an older run");
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
                        + " bytes, no valid footer); delete it or resume from an older run");
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
                    + "delete it or resume from an older run");
        }
        try (DataInputStream data = new DataInputStream(new BoundedInputStream(
                new BufferedInputStream(Files.newInputStream(file), 1 << 16), HEADER.length, payloadLength))) {
            return reader.read(data);
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
