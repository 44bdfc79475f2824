package org.simclrstudio.core.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.simclrstudio.core.image.ImageDecodeException;
import org.simclrstudio.core.image.ImageDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dataset of image files, laid out as Create ML imports them: {@code train/<class>/} and
 * {@code test/<class>/} with one subfolder per class, and optionally {@code unlabeled/} with images
 * at any depth. Classes are the class folder names of train and test together, sorted by name
 * ({@link String#compareTo}), and images in a class are sorted by relative path, so indices are
 * stable across runs.
 *
 * <p>Opening lists the files and checks they are readable but decodes none, so images may differ in
 * size ({@link DatasetSplit#imageWidth()} is -1). Hidden files and folders (name starting with a dot)
 * and files without an image extension are skipped.
 */
public final class FolderDataset implements Dataset {

    /** File extensions read as images, lower case. */
    public static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "bmp", "tif", "tiff",
            "webp");

    private static final Logger LOG = LoggerFactory.getLogger(FolderDataset.class);

    private final Path location;
    private final List<String> classNames;
    private final List<DatasetSplit> splits;
    private volatile boolean closed;

    private FolderDataset(Path location, List<String> classNames, List<DatasetSplit> splits) {
        this.location = location;
        this.classNames = classNames;
        this.splits = splits;
    }

    /**
     * Lists the images under {@code folder}'s {@code train}, {@code test} and {@code unlabeled} folders.
     *
     * @throws DatasetException when none of those folders exists, a split or class folder contains
     *     no images, an image sits outside a class folder, or a file is unreadable
     */
    public static FolderDataset open(Path folder) throws DatasetException {
        long start = System.nanoTime();
        if (!looksLikeFolderDataset(folder)) {
            throw new DatasetException("No train, test or unlabeled folder in " + folder
                    + "; an image folder dataset has train/<class>/ and test/<class>/ with images inside");
        }
        Set<String> classSet = new TreeSet<>();
        for (String split : new String[] {TRAIN, TEST}) {
            Path splitFolder = folder.resolve(split);
            if (Files.isDirectory(splitFolder)) {
                classSet.addAll(classFolders(splitFolder));
            }
        }
        List<String> classNames = List.copyOf(classSet);
        List<DatasetSplit> splits = new ArrayList<>();
        FolderDataset dataset = new FolderDataset(folder, classNames, splits);
        for (String split : new String[] {TRAIN, TEST}) {
            Path splitFolder = folder.resolve(split);
            if (Files.isDirectory(splitFolder)) {
                splits.add(labelledSplit(dataset, split, splitFolder, classNames));
            }
        }
        Path unlabeled = folder.resolve(UNLABELED);
        if (Files.isDirectory(unlabeled)) {
            List<Path> files = imageFiles(unlabeled);
            if (files.isEmpty()) {
                throw new DatasetException("Folder " + unlabeled + " contains no images ("
                        + String.join(", ", new TreeSet<>(IMAGE_EXTENSIONS)) + "); add images or remove the folder");
            }
            splits.add(new FolderSplit(dataset, UNLABELED, files.toArray(Path[]::new), null));
        }
        LOG.info("Opened image folder dataset {} with {} classes ({}) in {} ms", folder, classNames.size(),
                describe(splits), (System.nanoTime() - start) / 1_000_000);
        return dataset;
    }

    @Override
    public DatasetFormat format() {
        return DatasetFormat.FOLDER;
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

    @Override
    public void close() {
        closed = true;
    }

    /** Returns whether {@code folder} has a {@code train}, {@code test} or {@code unlabeled} subfolder. */
    static boolean looksLikeFolderDataset(Path folder) {
        for (String name : new String[] {TRAIN, TEST, UNLABELED}) {
            if (Files.isDirectory(folder.resolve(name))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> classFolders(Path splitFolder) throws DatasetException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> entries = Files.list(splitFolder)) {
            for (Path entry : entries.sorted().toList()) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                if (Files.isDirectory(entry)) {
                    names.add(name);
                } else if (isImageFile(entry)) {
                    throw new DatasetException("Image " + entry + " is not inside a class folder; move it into "
                            + splitFolder + "/<class name>/");
                }
            }
        } catch (IOException e) {
            throw new DatasetException("Cannot list folder " + splitFolder + ": " + e.getMessage(), e);
        }
        if (names.isEmpty()) {
            throw new DatasetException("Folder " + splitFolder + " contains no class folders; put the images of "
                    + "each class in " + splitFolder + "/<class name>/");
        }
        return names;
    }

    private static FolderSplit labelledSplit(FolderDataset dataset, String split, Path splitFolder,
            List<String> classNames) throws DatasetException {
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int label = 0; label < classNames.size(); label++) {
            Path classFolder = splitFolder.resolve(classNames.get(label));
            if (!Files.isDirectory(classFolder)) {
                continue;
            }
            List<Path> classFiles = imageFiles(classFolder);
            if (classFiles.isEmpty()) {
                throw new DatasetException("Class folder " + classFolder + " contains no images ("
                        + String.join(", ", new TreeSet<>(IMAGE_EXTENSIONS)) + "); add images or remove the folder");
            }
            files.addAll(classFiles);
            for (int i = 0; i < classFiles.size(); i++) {
                labels.add(label);
            }
        }
        int[] labelArray = labels.stream().mapToInt(Integer::intValue).toArray();
        return new FolderSplit(dataset, split, files.toArray(Path[]::new), labelArray);
    }

    /** Lists the readable image files under {@code folder} at any depth, sorted by relative path. */
    private static List<Path> imageFiles(Path folder) throws DatasetException {
        List<Path> files;
        // Following links lets a class folder be a link to pictures kept elsewhere; a loop fails the walk.
        try (Stream<Path> paths = Files.walk(folder, FileVisitOption.FOLLOW_LINKS)) {
            files = paths.filter(path -> !isHidden(folder, path))
                    .filter(Files::isRegularFile)
                    .filter(FolderDataset::isImageFile)
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new DatasetException("Cannot list folder " + folder + ": " + e.getMessage(), e);
        }
        for (Path file : files) {
            if (!Files.isReadable(file)) {
                throw new DatasetException("Image " + file + " is not readable; check its permissions");
            }
        }
        return files;
    }

    private static boolean isHidden(Path root, Path path) {
        for (Path part : root.relativize(path)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isImageFile(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static String describe(List<DatasetSplit> splits) {
        StringBuilder text = new StringBuilder();
        for (DatasetSplit split : splits) {
            text.append(text.length() == 0 ? "" : ", ").append(split.name()).append('=').append(split.size());
        }
        return text.toString();
    }

    /** A split of image files, decoded on every read. */
    private static final class FolderSplit implements DatasetSplit {

        private final FolderDataset dataset;
        private final String name;
        private final Path[] files;
        private final int[] labels;

        FolderSplit(FolderDataset dataset, String name, Path[] files, int[] labels) {
            this.dataset = dataset;
            this.name = name;
            this.files = files;
            this.labels = labels;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int size() {
            return files.length;
        }

        @Override
        public boolean isLabelled() {
            return labels != null;
        }

        @Override
        public int label(int index) {
            checkIndex(index);
            return labels == null ? NO_LABEL : labels[index];
        }

        @Override
        public int imageWidth() {
            return -1;
        }

        @Override
        public int imageHeight() {
            return -1;
        }

        @Override
        public RgbImage image(int index) throws DatasetException {
            checkIndex(index);
            Path file = files[index];
            if (dataset.closed) {
                throw new DatasetException("Cannot read " + file + ": the dataset is closed");
            }
            try {
                return ImageDecoder.decode(file);
            } catch (ImageDecodeException e) {
                throw new DatasetException("Cannot decode image " + index + " of split '" + name + "' (" + file
                        + "): " + e.getMessage(), e);
            }
        }

        @Override
        public void readPlanar(int index, byte[] target, int offset) throws DatasetException {
            throw new DatasetException("Split '" + name + "' of " + dataset.location + " has images of varying size, "
                    + "so it cannot be read as fixed-size planar batches; resize each image from image(index) first");
        }

        private void checkIndex(int index) {
            if (index < 0 || index >= files.length) {
                throw new IndexOutOfBoundsException("Image index " + index + " is outside 0.." + (files.length - 1)
                        + " of split '" + name + "'");
            }
        }
    }
}
