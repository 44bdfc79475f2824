package org.simclrstudio.core.data;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * Base of the splits whose images are fixed-size records in a {@link RecordStore}, with labels
 * (0-based) held on the heap. Subclasses turn one record into pixels.
 */
abstract class RecordSplit implements DatasetSplit {

    private final String name;
    private final Path imageFile;
    private final RecordStore records;
    private final byte[] labels;
    private final int width;
    private final int height;
    private final BooleanSupplier closed;

    /**
     * Creates a split.
     *
     * @param labels one 0-based label per record, or {@code null} for an unlabelled split
     * @param closed returns {@code true} once the owning dataset is closed
     */
    RecordSplit(String name, Path imageFile, RecordStore records, byte[] labels, int width, int height,
            BooleanSupplier closed) {
        this.name = name;
        this.imageFile = imageFile;
        this.records = records;
        this.labels = labels;
        this.width = width;
        this.height = height;
        this.closed = closed;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return records.count();
    }

    @Override
    public boolean isLabelled() {
        return labels != null;
    }

    @Override
    public int label(int index) {
        checkIndex(index);
        return labels == null ? NO_LABEL : labels[index] & 0xFF;
    }

    @Override
    public int imageWidth() {
        return width;
    }

    @Override
    public int imageHeight() {
        return height;
    }

    /** Returns the file that contains the images. */
    Path imageFile() {
        return imageFile;
    }

    /** Copies the raw record of image {@code index} into {@code target} at {@code offset}. */
    final void readRecord(int index, byte[] target, int offset) throws DatasetException {
        checkIndex(index);
        if (closed.getAsBoolean()) {
            throw new DatasetException("Cannot read image " + index + " of " + imageFile + ": the dataset is closed");
        }
        records.read(index, target, offset);
    }

    /** Returns the size of one raw record in bytes. */
    final int recordSize() {
        return records.recordSize();
    }

    final void checkIndex(int index) {
        if (index < 0 || index >= records.count()) {
            throw new IndexOutOfBoundsException("Image index " + index + " is outside 0.." + (records.count() - 1)
                    + " of split '" + name + "'");
        }
    }
}
