package org.simclrstudio.core.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dataset of the MNIST family in IDX files: {@code train-images-idx3-ubyte} with
 * {@code train-labels-idx1-ubyte} for the train split and {@code t10k-*} for the test split, each
 * raw or gzip-compressed ({@code .gz}); the names with a dot before {@code idx} also match.
 *
 * <p>Raw image files are memory-mapped; gzip files are decompressed onto the heap (47 MB for the
 * 60,000 Fashion-MNIST train images). Grey images become three equal channels.
 *
 * <p>Class names come from, in order: a {@code class_names.txt} file beside the IDX files; the
 * Fashion-MNIST names when the folder name contains "fashion" (any case); else the digits "0" to
 * "9" of MNIST.
 */
public final class IdxDataset implements Dataset {

    private static final Logger LOG = LoggerFactory.getLogger(IdxDataset.class);

    /** Magic number of an IDX file of unsigned bytes with 3 dimensions (images). */
    static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes with 1 dimension (labels). */
    static final int LABELS_MAGIC = 0x00000801;
    /** Header size of an image file: magic, count, rows, columns. */
    static final int IMAGES_HEADER_BYTES = 16;
    /** Header size of a label file: magic, count. */
    static final int LABELS_HEADER_BYTES = 8;

    private static final String[][] SPLIT_PREFIXES = {{TRAIN, "train"}, {TEST, "t10k"}};

    private final Path location;
    private final List<String> classNames;
    private final List<DatasetSplit> splits;
    private volatile boolean closed;

    private IdxDataset(Path location, List<String> classNames, List<DatasetSplit> splits) {
        this.location = location;
        this.classNames = classNames;
        this.splits = splits;
    }

    /**
     * Opens the IDX files in {@code folder}, validating headers, counts, sizes and label range.
     *
     * @throws DatasetException when no image file is found or a file is invalid; the message names the file
     */
    public static IdxDataset open(Path folder) throws DatasetException {
        long start = System.nanoTime();
        List<String> classNames = classNamesFor(folder);
        IdxDataset dataset = new IdxDataset(folder, classNames, new ArrayList<>());
        for (String[] prefix : SPLIT_PREFIXES) {
            Path images = findFile(folder, prefix[1] + "-images", "idx3-ubyte");
            Path labels = findFile(folder, prefix[1] + "-labels", "idx1-ubyte");
            if (images == null && labels == null) {
                continue;
            }
            if (images == null) {
                throw new DatasetException("Found " + labels.getFileName() + " but no " + prefix[1]
                        + "-images-idx3-ubyte(.gz) in " + folder + "; add the image file or remove the label file");
            }
            if (labels == null) {
                throw new DatasetException("Found " + images.getFileName() + " but no " + prefix[1]
                        + "-labels-idx1-ubyte(.gz) in " + folder + "; add the label file");
            }
            dataset.splits.add(openSplit(prefix[0], images, labels, classNames, () -> dataset.closed));
        }
        if (dataset.splits.isEmpty()) {
            throw new DatasetException("No IDX files in " + folder
                    + ": expected train-images-idx3-ubyte(.gz) and train-labels-idx1-ubyte(.gz), or t10k-*");
        }
        LOG.info("Opened IDX dataset {} with {} in {} ms", folder, describe(dataset.splits),
                (System.nanoTime() - start) / 1_000_000);
        return dataset;
    }

    @Override
    public DatasetFormat format() {
        return DatasetFormat.IDX;
    }

    @Override
    public Path location() {
        return location;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public List<DatasetSplit> splits() {
        return List.copyOf(splits);
    }

    /** Marks the dataset closed; a memory-mapped file is unmapped when the garbage collector frees it. */
    @Override
    public void close() {
        // NOTE: Java 17 has no supported way to unmap a file, so on Windows a closed raw IDX file
        // stays locked until the mapping is garbage collected.
        closed = true;
    }

    /** Returns whether {@code folder} contains a train or test IDX image file. */
    static boolean looksLikeIdx(Path folder) {
        for (String[] prefix : SPLIT_PREFIXES) {
            if (findFile(folder, prefix[1] + "-images", "idx3-ubyte") != null) {
                return true;
            }
        }
        return false;
    }

    private static List<String> classNamesFor(Path folder) throws DatasetException {
        Path file = folder.resolve(ClassNames.FILE_NAME);
        if (Files.exists(file)) {
            return ClassNames.read(file, 1);
        }
        Path name = folder.toAbsolutePath().normalize().getFileName();
        if (name != null && name.toString().toLowerCase(Locale.ROOT).contains("fashion")) {
            return ClassNames.FASHION_MNIST;
        }
        return ClassNames.DIGITS;
    }

    /** Finds {@code stem-suffix} or {@code stem.suffix}, raw or with {@code .gz}. */
    private static Path findFile(Path folder, String stem, String suffix) {
        for (String separator : new String[] {"-", "."}) {
            for (String extension : new String[] {"", ".gz"}) {
                Path candidate = folder.resolve(stem + separator + suffix + extension);
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static IdxSplit openSplit(String name, Path imageFile, Path labelFile, List<String> classNames,
            BooleanSupplier closed) throws DatasetException {
        checkReadable(imageFile);
        checkReadable(labelFile);
        byte[] labels = readLabels(labelFile);
        int classCount = classNames.size();
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i] & 0xFF;
            if (label >= classCount) {
                throw new DatasetException(labelFile + ": record " + i + " has label " + label + ", expected 0.."
                        + (classCount - 1) + "; for other classes put a " + ClassNames.FILE_NAME
                        + " with one name per line beside the IDX files");
            }
        }
        try {
            if (isGzip(imageFile)) {
                return readGzipImages(name, imageFile, labelFile, labels, closed);
            }
            return mapRawImages(name, imageFile, labelFile, labels, closed);
        } catch (ZipException e) {
            throw new DatasetException(imageFile + " is not a valid gzip file (" + e.getMessage()
                    + "); download it again", e);
        } catch (EOFException e) {
            throw new DatasetException(imageFile + " is truncated: the compressed data ends early; download it again", e);
        } catch (IOException e) {
            throw new DatasetException("Cannot read " + imageFile + ": " + e.getMessage(), e);
        }
    }

    private static IdxSplit mapRawImages(String name, Path imageFile, Path labelFile, byte[] labels,
            BooleanSupplier closed) throws IOException, DatasetException {
        long fileSize = Files.size(imageFile);
        ByteBuffer header = ByteBuffer.allocate(IMAGES_HEADER_BYTES);
        try (FileChannel channel = FileChannel.open(imageFile, StandardOpenOption.READ)) {
            while (header.hasRemaining() && channel.read(header) >= 0) {
                // Reads until the header is full or the file ends.
            }
        }
        if (header.hasRemaining()) {
            throw new DatasetException(imageFile + " is " + fileSize + " bytes, too short for the "
                    + IMAGES_HEADER_BYTES + "-byte IDX image header");
        }
        header.flip();
        ImageHeader dims = ImageHeader.parse(imageFile, header);
        long expected = IMAGES_HEADER_BYTES + dims.payloadBytes();
        if (fileSize != expected) {
            throw new DatasetException(imageFile + " is " + fileSize + " bytes, expected " + expected + " for "
                    + dims.describe() + (fileSize < expected ? "; the file is truncated, download it again" : ""));
        }
        checkLabelCount(imageFile, dims.count(), labelFile, labels.length);
        RecordStore records = RecordStore.map(imageFile, IMAGES_HEADER_BYTES, dims.rows() * dims.columns(),
                dims.count());
        return new IdxSplit(name, imageFile, records, labels, dims.columns(), dims.rows(), closed);
    }

    private static IdxSplit readGzipImages(String name, Path imageFile, Path labelFile, byte[] labels,
            BooleanSupplier closed) throws IOException, DatasetException {
        try (InputStream in = openGzip(imageFile)) {
            byte[] headerBytes = in.readNBytes(IMAGES_HEADER_BYTES);
            if (headerBytes.length < IMAGES_HEADER_BYTES) {
                throw new DatasetException(imageFile + " contains " + headerBytes.length
                        + " bytes after decompression, too short for the " + IMAGES_HEADER_BYTES
                        + "-byte IDX image header");
            }
            ImageHeader dims = ImageHeader.parse(imageFile, ByteBuffer.wrap(headerBytes));
            if (dims.payloadBytes() > Integer.MAX_VALUE - 16) {
                throw new DatasetException(imageFile + " declares " + dims.describe()
                        + ", over 2 GB; decompress it with gunzip so it can be memory-mapped");
            }
            checkLabelCount(imageFile, dims.count(), labelFile, labels.length);
            int payload = (int) dims.payloadBytes();
            byte[] pixels = in.readNBytes(payload);
            if (pixels.length < payload) {
                throw new DatasetException(imageFile + " contains " + pixels.length + " image bytes after decompression, "
                        + "expected " + payload + " for " + dims.describe() + "; the file is truncated, download it again");
            }
            if (in.read() != -1) {
                throw new DatasetException(imageFile + " contains more bytes than the " + payload + " expected for "
                        + dims.describe());
            }
            RecordStore records = RecordStore.onHeap(pixels, 0, dims.rows() * dims.columns(), dims.count());
            return new IdxSplit(name, imageFile, records, labels, dims.columns(), dims.rows(), closed);
        }
    }

    private static byte[] readLabels(Path labelFile) throws DatasetException {
        try (InputStream in = isGzip(labelFile) ? openGzip(labelFile)
                : new BufferedInputStream(Files.newInputStream(labelFile))) {
            byte[] headerBytes = in.readNBytes(LABELS_HEADER_BYTES);
            if (headerBytes.length < LABELS_HEADER_BYTES) {
                throw new DatasetException(labelFile + " contains " + headerBytes.length
                        + " bytes, too short for the " + LABELS_HEADER_BYTES + "-byte IDX label header");
            }
            ByteBuffer header = ByteBuffer.wrap(headerBytes);
            int magic = header.getInt();
            if (magic != LABELS_MAGIC) {
                throw new DatasetException(String.format(Locale.ROOT,
                        "%s has magic number 0x%08X, expected 0x%08X for an IDX label file", labelFile, magic,
                        LABELS_MAGIC));
            }
            int count = header.getInt();
            if (count < 0) {
                throw new DatasetException(labelFile + " declares " + count + " labels; expected a count of 0 or more");
            }
            byte[] labels = in.readNBytes(count);
            if (labels.length < count) {
                throw new DatasetException(labelFile + " contains " + labels.length + " labels, expected " + count
                        + " as its header declares; the file is truncated, download it again");
            }
            if (in.read() != -1) {
                throw new DatasetException(labelFile + " contains more than the " + count + " labels its header declares");
            }
            return labels;
        } catch (ZipException e) {
            throw new DatasetException(labelFile + " is not a valid gzip file (" + e.getMessage()
                    + "); download it again", e);
        } catch (EOFException e) {
            throw new DatasetException(labelFile + " is truncated: the compressed data ends early; download it again", e);
        } catch (IOException e) {
            throw new DatasetException("Cannot read " + labelFile + ": " + e.getMessage(), e);
        }
    }

    private static void checkLabelCount(Path imageFile, int imageCount, Path labelFile, int labelCount)
            throws DatasetException {
        if (imageCount != labelCount) {
            throw new DatasetException(imageFile + " contains " + imageCount + " images but " + labelFile + " contains "
                    + labelCount + " labels; both files must come from the same release");
        }
    }

    private static void checkReadable(Path file) throws DatasetException {
        if (!Files.isReadable(file)) {
            throw new DatasetException(file + " is not readable; check its permissions");
        }
    }

    private static boolean isGzip(Path file) {
        return file.getFileName().toString().endsWith(".gz");
    }

    private static InputStream openGzip(Path file) throws IOException {
        return new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), 1 << 16);
    }

    private static String describe(List<DatasetSplit> splits) {
        StringBuilder text = new StringBuilder();
        for (DatasetSplit split : splits) {
            text.append(text.length() == 0 ? "" : ", ").append(split.name()).append('=').append(split.size());
        }
        return text.toString();
    }

    /** The dimensions in an IDX image header. */
    private record ImageHeader(int count, int rows, int columns) {

        static ImageHeader parse(Path file, ByteBuffer header) throws DatasetException {
            int magic = header.getInt();
            if (magic != IMAGES_MAGIC) {
                throw new DatasetException(String.format(Locale.ROOT,
                        "%s has magic number 0x%08X, expected 0x%08X for an IDX image file (unsigned bytes, "
                                + "3 dimensions)", file, magic, IMAGES_MAGIC));
            }
            int count = header.getInt();
            int rows = header.getInt();
            int columns = header.getInt();
            if (count < 0 || rows < 1 || columns < 1 || (long) rows * columns > Integer.MAX_VALUE / 3) {
                throw new DatasetException(file + " declares " + count + " images of " + rows + "x" + columns
                        + " pixels; expected a count of 0 or more and a positive image size");
            }
            return new ImageHeader(count, rows, columns);
        }

        long payloadBytes() {
            return (long) count * rows * columns;
        }

        String describe() {
            return count + " images of " + rows + "x" + columns + " pixels";
        }
    }

    /** A split of grey IDX images, expanded to RGB on read. */
    private static final class IdxSplit extends RecordSplit {

        IdxSplit(String name, Path imageFile, RecordStore records, byte[] labels, int width, int height,
                BooleanSupplier closed) {
            super(name, imageFile, records, labels, width, height, closed);
        }

        @Override
        public RgbImage image(int index) throws DatasetException {
            int plane = recordSize();
            byte[] grey = new byte[plane];
            readRecord(index, grey, 0);
            byte[] rgb = new byte[plane * 3];
            for (int i = 0; i < plane; i++) {
                byte value = grey[i];
                rgb[i * 3] = value;
                rgb[i * 3 + 1] = value;
                rgb[i * 3 + 2] = value;
            }
            return new RgbImage(imageWidth(), imageHeight(), rgb);
        }

        @Override
        public void readPlanar(int index, byte[] target, int offset) throws DatasetException {
            int plane = recordSize();
            readRecord(index, target, offset);
            System.arraycopy(target, offset, target, offset + plane, plane);
            System.arraycopy(target, offset, target, offset + 2 * plane, plane);
        }
    }
}
