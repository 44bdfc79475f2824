package org.simclrstudio.core.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** Class name lists: the known ones and the {@code class_names.txt} file format. */
public final class ClassNames {

    /** File name of a class name list: one name per line, blank lines ignored, label k on the k-th name. */
    public static final String FILE_NAME = "class_names.txt";

    /** Fashion-MNIST classes in label order (Zalando's published list). */
    public static final List<String> FASHION_MNIST = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** MNIST classes in label order: the digits "0" to "9". */
    public static final List<String> DIGITS = IntStream.range(0, 10).mapToObj(Integer::toString).toList();

    private ClassNames() {
    }

    /**
     * Reads a class name file: one name per line, surrounding blanks trimmed, blank lines skipped.
     *
     * @param minCount the number of names the dataset needs; fewer is an error
     * @throws DatasetException when the file is missing, unreadable, has fewer names than
     *     {@code minCount} or names a class twice
     */
    public static List<String> read(Path file, int minCount) throws DatasetException {
        if (!Files.isRegularFile(file)) {
            throw new DatasetException("Class name file " + file + " is missing; it must list " + minCount
                    + " class names, one per line");
        }
        if (!Files.isReadable(file)) {
            throw new DatasetException("Class name file " + file + " is not readable; check its permissions");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DatasetException("Cannot read class name file " + file + ": " + e.getMessage(), e);
        }
        List<String> names = new ArrayList<>();
        for (String line : lines) {
            String name = line.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (names.contains(name)) {
                throw new DatasetException("Class name file " + file + " lists '" + name + "' twice");
            }
            names.add(name);
        }
        if (names.size() < minCount) {
            throw new DatasetException("Class name file " + file + " lists " + names.size() + " names, expected "
                    + minCount + " (one per line)");
        }
        return List.copyOf(names);
    }
}
