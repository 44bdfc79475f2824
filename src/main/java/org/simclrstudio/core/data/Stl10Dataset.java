package org.simclrstudio.core.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The STL-10 binary release ({@code stl10_binary/}): {@code train_X.bin} with {@code train_y.bin},
 * {@code test_X.bin} with {@code test_y.bin}, {@code unlabeled_X.bin}, {@code class_names.txt} and
 * {@code fold_indices.txt}. A split whose files are both absent is absent.
 *
 * <p>Each image is 27,648 bytes: 3 channels of 96x96 uint8, one channel after the other, and each
 * channel column-major, so the byte of channel c, row y, column x is at {@code c*9216 + x*96 + y}.
 * Labels are 1..10 on disk and 0..9 here. Image files are memory-mapped in chunks under 2 GiB and
 * never read into the heap, and opening reads only the small label, class name and fold files,
 * so open time and heap use do not grow with the 2.76 GB {@code unlabeled_X.bin}.
 */
public final class Stl10Dataset implements Dataset {

    /** Image width and height in pixels. */
    public static final int SIDE = 96;
    /** Bytes of one channel of one image. */
    public static final int PLANE_BYTES = SIDE * SIDE;
    /** Bytes of one image: 3 channels. */
    public static final int IMAGE_BYTES = 3 * PLANE_BYTES;
    /** Number of classes, and the largest label on disk. */
    public static final int CLASS_COUNT = 10;
    /** Name of the folder inside the STL-10 archive. */
    public static final String FOLDER_NAME = "stl10_binary";
    /** Name of the file of the ten predefined train folds. */
    public static final String FOLDS_FILE = "fold_indices.txt";

    private static final Logger LOG = LoggerFactory.getLogger(Stl10Dataset.class);
    private static final String[] IMAGE_FILES = {"train_X.bin", "test_X.bin", "unlabeled_X.bin"};
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[IMAGE_BYTES]);

    private final Path location;
    private final List<String> classNames;
    private final List<DatasetSplit> splits = new ArrayList<>();
    private List<int[]> folds = List.of();
    private volatile boolean closed;

    private Stl10Dataset(Path location, List<String> classNames) {
        this.location = location;
        this.classNames = classNames;
    }

    /**
     * Opens the STL-10 binary files in {@code folder}, which is the {@code stl10_binary} folder itself
     * or the folder that contains it.
     *
     * @throws DatasetException when no image file is found or a file is invalid; the message names the
     *     file, the record where one is at fault, and the expected value
     */
    public static Stl10Dataset open(Path folder) throws DatasetException {
        return open(folder, RecordStore.MAX_CHUNK_BYTES);
    }

    /** Opens like {@link #open(Path)} with memory-map chunks of at most {@code maxChunkBytes}, for tests. */
    static Stl10Dataset open(Path folder, long maxChunkBytes) throws DatasetException {
        long start = System.nanoTime();
        Path root = resolveRoot(folder);
        if (!hasImageFile(root)) {
            throw new DatasetException("No STL-10 binary files in " + folder
                    + ": expected train_X.bin, test_X.bin or unlabeled_X.bin there or in a stl10_binary subfolder");
        }
        List<String> classNames = readClassNames(root.resolve(ClassNames.FILE_NAME));
        Stl10Dataset dataset = new Stl10Dataset(root, classNames);
        BooleanSupplier closed = () -> dataset.closed;
        for (String name : new String[] {TRAIN, TEST}) {
            Path images = root.resolve(name + "_X.bin");
            Path labels = root.resolve(name + "_y.bin");
            boolean hasImages = Files.exists(images);
            boolean hasLabels = Files.exists(labels);
            if (!hasImages && !hasLabels) {
                continue;
            }
            if (!hasImages) {
                throw new DatasetException("Found " + labels + " but not " + images.getFileName()
                        + "; extract the STL-10 archive again");
            }
            if (!hasLabels) {
                throw new DatasetException("Found " + images + " but not " + labels.getFileName()
                        + "; extract the STL-10 archive again");
            }
            RecordStore records = mapImages(images, maxChunkBytes);
            byte[] labelBytes = readLabels(labels, images, records.count());
            dataset.splits.add(new Stl10Split(name, images, records, labelBytes, closed));
        }
        Path unlabeled = root.resolve(UNLABELED + "_X.bin");
        if (Files.exists(unlabeled)) {
            RecordStore records = mapImages(unlabeled, maxChunkBytes);
            dataset.splits.add(new Stl10Split(UNLABELED, unlabeled, records, null, closed));
        }
        Path foldFile = root.resolve(FOLDS_FILE);
        if (Files.exists(foldFile)) {
            int trainSize = dataset.split(TRAIN).map(DatasetSplit::size).orElse(Integer.MAX_VALUE);
            dataset.folds = readFolds(foldFile, trainSize);
        }
        LOG.info("Opened STL-10 dataset {} ({}) in {} ms", root, dataset.describeSplits(),
                (System.nanoTime() - start) / 1_000_000);
        return dataset;
    }

    @Override
    public DatasetFormat format() {
        return DatasetFormat.STL10;
    }

    /** Returns the {@code stl10_binary} folder (or the folder given, when the files lie directly in it). */
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

    /**
     * Returns the predefined train folds of {@code fold_indices.txt}, one array of 0-based train
     * indices per line (each fold 1,000 of the 5,000 train images in the release), or an empty list
     * when the file is absent. The arrays are copies.
     */
    public List<int[]> folds() {
        return folds.stream().map(int[]::clone).toList();
    }

    /** Marks the dataset closed; the memory maps are released when the garbage collector frees them. */
    @Override
    public void close() {
        // NOTE: Java 17 has no supported way to unmap a file, so on Windows the .bin files stay
        // locked until the mappings are garbage collected.
        closed = true;
    }

    /** Returns whether {@code folder} or its {@code stl10_binary} subfolder contains an STL-10 image file. */
    static boolean looksLikeStl10(Path folder) {
        return hasImageFile(folder) || hasImageFile(folder.resolve(FOLDER_NAME));
    }

    private static Path resolveRoot(Path folder) {
        Path inner = folder.resolve(FOLDER_NAME);
        if (!hasImageFile(folder) && hasImageFile(inner)) {
            return inner;
        }
        return folder;
    }

    private static boolean hasImageFile(Path folder) {
        for (String name : IMAGE_FILES) {
            if (Files.exists(folder.resolve(name))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> readClassNames(Path file) throws DatasetException {
        List<String> names = ClassNames.read(file, CLASS_COUNT);
        if (names.size() > CLASS_COUNT) {
            throw new DatasetException("Class name file " + file + " lists " + names.size() + " names, expected "
                    + CLASS_COUNT + " for STL-10");
        }
        return names;
    }

    private static RecordStore mapImages(Path file, long maxChunkBytes) throws DatasetException {
        checkReadableFile(file);
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new DatasetException("Cannot read the size of " + file + ": " + e.getMessage(), e);
        }
        if (size == 0) {
            throw new DatasetException(file + " is empty; expected 27,648 bytes per 3x96x96 image. "
                    + "Extract the STL-10 archive again");
        }
        if (size % IMAGE_BYTES != 0) {
            throw new DatasetException(file + " is " + size + " bytes, not a multiple of 27,648 (one 3x96x96 image): "
                    + "the file is truncated or not STL-10 binary. Extract the STL-10 archive again");
        }
        long count = size / IMAGE_BYTES;
        if (count > Integer.MAX_VALUE) {
            throw new DatasetException(file + " contains " + count + " images, more than " + Integer.MAX_VALUE);
        }
        try {
            return RecordStore.map(file, 0, IMAGE_BYTES, (int) count, maxChunkBytes);
        } catch (IOException e) {
            throw new DatasetException("Cannot memory-map " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] readLabels(Path file, Path imageFile, int imageCount) throws DatasetException {
        checkReadableFile(file);
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size != imageCount) {
                throw new DatasetException(file + " contains " + size + " labels but " + imageFile.getFileName()
                        + " contains " + imageCount + " images; expected one label byte per image. "
                        + "Extract the STL-10 archive again");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DatasetException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < bytes.length; i++) {
            int label = bytes[i] & 0xFF;
            if (label < 1 || label > CLASS_COUNT) {
                throw new DatasetException(file + ": record " + i + " has label " + label + ", expected 1.."
                        + CLASS_COUNT + "; the file is damaged or not STL-10 binary");
            }
            bytes[i] = (byte) (label - 1);
        }
        return bytes;
    }

    private static List<int[]> readFolds(Path file, int trainSize) throws DatasetException {
        checkReadableFile(file);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new DatasetException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        List<int[]> folds = new ArrayList<>();
        for (int line = 0; line < lines.size(); line++) {
            String text = lines.get(line).strip();
            if (text.isEmpty()) {
                continue;
            }
            String[] tokens = text.split("\\s+");
            int[] fold = new int[tokens.length];
            for (int j = 0; j < tokens.length; j++) {
                int index;
                try {
                    index = Integer.parseInt(tokens[j]);
                } catch (NumberFormatException e) {
                    throw new DatasetException(file + ": line " + (line + 1) + " contains '" + tokens[j]
                            + "', expected a train image index", e);
                }
                if (index < 0 || index >= trainSize) {
                    throw new DatasetException(file + ": line " + (line + 1) + " contains index " + index
                            + ", expected 0.." + (trainSize - 1));
                }
                fold[j] = index;
            }
            folds.add(fold);
        }
        return List.copyOf(folds);
    }

    private static void checkReadableFile(Path file) throws DatasetException {
        if (!Files.isRegularFile(file)) {
            throw new DatasetException(file + " is not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw new DatasetException(file + " is not readable; check its permissions");
        }
    }

    private String describeSplits() {
        StringBuilder text = new StringBuilder();
        for (DatasetSplit split : splits) {
            text.append(text.length() == 0 ? "" : ", ").append(split.name()).append('=').append(split.size());
        }
        return text.toString();
    }

    /** A split of STL-10 images; reads transpose each column-major channel to row-major. */
    private static final class Stl10Split extends RecordSplit {

        Stl10Split(String name, Path imageFile, RecordStore records, byte[] labels, BooleanSupplier closed) {
            super(name, imageFile, records, labels, SIDE, SIDE, closed);
        }

        @Override
        public RgbImage image(int index) throws DatasetException {
            byte[] record = SCRATCH.get();
            readRecord(index, record, 0);
            byte[] pixels = new byte[IMAGE_BYTES];
            for (int c = 0; c < 3; c++) {
                int source = c * PLANE_BYTES;
                for (int x = 0; x < SIDE; x++) {
                    for (int y = 0; y < SIDE; y++) {
                        pixels[(y * SIDE + x) * 3 + c] = record[source++];
                    }
                }
            }
            return new RgbImage(SIDE, SIDE, pixels);
        }

        @Override
        public void readPlanar(int index, byte[] target, int offset) throws DatasetException {
            byte[] record = SCRATCH.get();
            readRecord(index, record, 0);
            for (int c = 0; c < 3; c++) {
                int source = c * PLANE_BYTES;
                int plane = offset + c * PLANE_BYTES;
                for (int x = 0; x < SIDE; x++) {
                    for (int y = 0; y < SIDE; y++) {
                        target[plane + y * SIDE + x] = record[source++];
                    }
                }
            }
        }
    }
}
