package org.simclrstudio.core.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Fixed-size records (one image each) in one or more byte buffers, read with absolute bulk gets so
 * that several threads can read at once without locking.
 *
 * <p>A file is memory-mapped in chunks of whole records, each below 2 GiB (the limit of one
 * {@link java.nio.MappedByteBuffer}), so no record spans two chunks. Mapping reads nothing: the
 * operating system pages bytes in when a record is read.
 */
final class RecordStore {

    /** Largest chunk one buffer can map. */
    static final long MAX_CHUNK_BYTES = Integer.MAX_VALUE;

    private final ByteBuffer[] chunks;
    private final int recordSize;
    private final int recordsPerChunk;
    private final int count;

    private RecordStore(ByteBuffer[] chunks, int recordSize, int recordsPerChunk, int count) {
        this.chunks = chunks;
        this.recordSize = recordSize;
        this.recordsPerChunk = recordsPerChunk;
        this.count = count;
    }

    /** Wraps {@code count} records of {@code recordSize} bytes that start at {@code offset} of a heap array. */
    static RecordStore onHeap(byte[] bytes, int offset, int recordSize, int count) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, recordSize * count).slice();
        return new RecordStore(new ByteBuffer[] {buffer}, recordSize, Math.max(count, 1), count);
    }

    /** Maps {@code count} records of {@code recordSize} bytes that start at byte {@code offset} of a file. */
    static RecordStore map(Path file, long offset, int recordSize, int count) throws IOException {
        return map(file, offset, recordSize, count, MAX_CHUNK_BYTES);
    }

    /**
     * Maps like {@link #map(Path, long, int, int)} with chunks of at most {@code maxChunkBytes} bytes,
     * so tests can cover several chunks with small files.
     */
    static RecordStore map(Path file, long offset, int recordSize, int count, long maxChunkBytes) throws IOException {
        int recordsPerChunk = (int) Math.max(1, Math.min(count, maxChunkBytes / recordSize));
        int chunkCount = count == 0 ? 0 : (count + recordsPerChunk - 1) / recordsPerChunk;
        ByteBuffer[] chunks = new ByteBuffer[chunkCount];
        // The mappings stay valid after the channel closes.
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int k = 0; k < chunkCount; k++) {
                int records = Math.min(recordsPerChunk, count - k * recordsPerChunk);
                long start = offset + (long) k * recordsPerChunk * recordSize;
                chunks[k] = channel.map(FileChannel.MapMode.READ_ONLY, start, (long) records * recordSize);
            }
        }
        return new RecordStore(chunks, recordSize, Math.max(recordsPerChunk, 1), count);
    }

    /** Returns the number of records. */
    int count() {
        return count;
    }

    /** Returns the size of one record in bytes. */
    int recordSize() {
        return recordSize;
    }

    /** Returns the number of buffers the records are spread over. */
    int chunkCount() {
        return chunks.length;
    }

    /** Copies record {@code index} into {@code target} at {@code offset}. */
    void read(int index, byte[] target, int offset) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("Record " + index + " is outside 0.." + (count - 1));
        }
        ByteBuffer chunk = chunks[index / recordsPerChunk];
        chunk.get((index % recordsPerChunk) * recordSize, target, offset, recordSize);
    }
}
