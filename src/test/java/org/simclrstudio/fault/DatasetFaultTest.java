package org.simclrstudio.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simclrstudio.core.data.Dataset;
import org.simclrstudio.core.data.DatasetException;
import org.simclrstudio.core.data.DatasetSplit;
import org.simclrstudio.core.data.Datasets;
import org.simclrstudio.core.data.IdxWriter;
import org.simclrstudio.core.data.RgbImage;
import org.simclrstudio.core.data.Stl10Writer;

/**
 * Damages every file of valid STL-10, IDX and image-folder datasets in several ways (truncated,
 * extended, bad header values, bad labels, missing or broken class names) and checks that each damage
 * gives a {@link DatasetException} whose message is one line naming the damaged file, and never another
 * exception or a silent success.
 */
class DatasetFaultTest {

    private static final String[] STL10_CLASSES = {"airplane", "bird", "car", "cat", "deer", "dog", "horse",
        "monkey", "ship", "truck"};

    @TempDir
    Path temp;

    /** A way to damage one file of a fresh dataset; returns the file the message must name. */
    @FunctionalInterface
    private interface Damage {
        Path apply(Path dataset) throws IOException;
    }

    private record Case(String name, Damage damage) {
    }

    private static RgbImage noiseImage(Random random, int side) {
        byte[] pixels = new byte[side * side * 3];
        random.nextBytes(pixels);
        return new RgbImage(side, side, pixels);
    }

    private static void writeStl10(Path folder) throws IOException {
        Files.createDirectories(folder);
        Random random = new Random(7);
        Stl10Writer.writeImages(folder.resolve("train_X.bin"), List.of(noiseImage(random, 96), noiseImage(random, 96),
                noiseImage(random, 96)));
        Stl10Writer.writeLabels(folder.resolve("train_y.bin"), new int[] {0, 9, 4});
        Stl10Writer.writeImages(folder.resolve("test_X.bin"), List.of(noiseImage(random, 96), noiseImage(random, 96)));
        Stl10Writer.writeLabels(folder.resolve("test_y.bin"), new int[] {2, 6});
        Stl10Writer.writeImages(folder.resolve("unlabeled_X.bin"), List.of(noiseImage(random, 96)));
        Files.writeString(folder.resolve("class_names.txt"), String.join("\n", STL10_CLASSES) + "\n");
        Files.writeString(folder.resolve("fold_indices.txt"), "0 2\n1\n");
    }

    private static void writeIdx(Path folder, boolean gzip) throws IOException {
        Files.createDirectories(folder);
        String suffix = gzip ? ".gz" : "";
        byte[] pixels = new byte[5 * 28 * 28];
        new Random(3).nextBytes(pixels);
        IdxWriter.writeImages(folder.resolve("train-images-idx3-ubyte" + suffix), 5, 28, 28, pixels);
        IdxWriter.writeLabels(folder.resolve("train-labels-idx1-ubyte" + suffix), new byte[] {0, 1, 2, 3, 9});
        IdxWriter.writeImages(folder.resolve("t10k-images-idx3-ubyte" + suffix), 2, 28, 28,
                java.util.Arrays.copyOf(pixels, 2 * 28 * 28));
        IdxWriter.writeLabels(folder.resolve("t10k-labels-idx1-ubyte" + suffix), new byte[] {4, 5});
    }

    private static void truncate(Path file, long size) throws IOException {
        try (RandomAccessFile access = new RandomAccessFile(file.toFile(), "rw")) {
            access.setLength(size);
        }
    }

    private static void patch(Path file, long offset, byte... values) throws IOException {
        try (RandomAccessFile access = new RandomAccessFile(file.toFile(), "rw")) {
            access.seek(offset);
            access.write(values);
        }
    }

    private static void patchInt(Path file, long offset, int value) throws IOException {
        try (RandomAccessFile access = new RandomAccessFile(file.toFile(), "rw")) {
            access.seek(offset);
            access.writeInt(value);
        }
    }

    /** Opens the dataset and reads every image and label, as training would. */
    private static void readEverything(Path folder) throws DatasetException {
        try (Dataset dataset = Datasets.open(folder, null)) {
            for (DatasetSplit split : dataset.splits()) {
                for (int i = 0; i < split.size(); i++) {
                    split.image(i);
                    int label = split.label(i);
                    if (split.isLabelled() && (label < 0 || label >= dataset.classNames().size())) {
                        fail("Split " + split.name() + " returned label " + label + " for image " + i);
                    }
                }
            }
        }
    }

    /** Runs every case on a fresh copy made by {@code writer} and collects what went wrong. */
    private void assertEachRejected(String format, IoConsumer<Path> writer, List<Case> cases) throws IOException {
        List<String> failures = new ArrayList<>();
        int number = 0;
        for (Case testCase : cases) {
            Path folder = temp.resolve(format + "-" + number++);
            writer.accept(folder);
            Path damaged = testCase.damage().apply(folder);
            try {
                readEverything(folder);
                failures.add(testCase.name() + ": accepted without an error");
            } catch (DatasetException e) {
                String message = e.getMessage();
                if (message == null || message.contains("\n")) {
                    failures.add(testCase.name() + ": message is not one line: " + message);
                } else if (!message.contains(damaged.getFileName().toString())) {
                    failures.add(testCase.name() + ": message does not name " + damaged.getFileName() + ": " + message);
                }
            } catch (RuntimeException | OutOfMemoryError e) {
                failures.add(testCase.name() + ": threw " + e);
            }
        }
        assertEquals(List.of(), failures);
    }

    @FunctionalInterface
    private interface IoConsumer<T> {
        void accept(T value) throws IOException;
    }

    @Test
    void intactDatasetsRead() throws Exception {
        writeStl10(temp.resolve("stl"));
        writeIdx(temp.resolve("idx"), true);
        readEverything(temp.resolve("stl"));
        readEverything(temp.resolve("idx"));
    }

    @Test
    void inspectCommandPrintsOneLine() throws IOException {
        Path folder = temp.resolve("cli");
        writeStl10(folder);
        Path images = folder.resolve("test_X.bin");
        truncate(images, Files.size(images) - 100);
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine commandLine = org.simclrstudio.cli.SimclrCli.newCommandLine();
        commandLine.setOut(new java.io.PrintWriter(out));
        commandLine.setErr(new java.io.PrintWriter(err));

        int exitCode = commandLine.execute("datasets", "inspect", folder.toString());

        assertEquals(1, exitCode);
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("simclr-studio: error: " + images), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void damagedStl10FilesRejected() throws IOException {
        List<Case> cases = new ArrayList<>();
        for (String file : new String[] {"train_X.bin", "test_X.bin", "unlabeled_X.bin"}) {
            cases.add(new Case(file + " one byte short", folder -> {
                Path path = folder.resolve(file);
                truncate(path, Files.size(path) - 1);
                return path;
            }));
            cases.add(new Case(file + " half an image short", folder -> {
                Path path = folder.resolve(file);
                truncate(path, Files.size(path) - 27_648 / 2);
                return path;
            }));
            cases.add(new Case(file + " one byte long", folder -> {
                Path path = folder.resolve(file);
                Files.write(path, new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);
                return path;
            }));
            cases.add(new Case(file + " empty", folder -> {
                Path path = folder.resolve(file);
                truncate(path, 0);
                return path;
            }));
        }
        for (String file : new String[] {"train_y.bin", "test_y.bin"}) {
            for (int label : new int[] {0, 11, 255}) {
                cases.add(new Case(file + " label " + label, folder -> {
                    Path path = folder.resolve(file);
                    patch(path, 1, (byte) label);
                    return path;
                }));
            }
            cases.add(new Case(file + " one label short", folder -> {
                Path path = folder.resolve(file);
                truncate(path, Files.size(path) - 1);
                return path;
            }));
            cases.add(new Case(file + " one label long", folder -> {
                Path path = folder.resolve(file);
                Files.write(path, new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);
                return path;
            }));
            cases.add(new Case(file + " without its images", folder -> {
                Files.delete(folder.resolve(file.replace("_y", "_X")));
                return folder.resolve(file);
            }));
        }
        cases.add(new Case("class_names.txt missing", folder -> {
            Path path = folder.resolve("class_names.txt");
            Files.delete(path);
            return path;
        }));
        cases.add(new Case("class_names.txt with nine names", folder -> {
            Path path = folder.resolve("class_names.txt");
            Files.writeString(path, String.join("\n", List.of(STL10_CLASSES).subList(0, 9)));
            return path;
        }));
        cases.add(new Case("class_names.txt empty", folder -> {
            Path path = folder.resolve("class_names.txt");
            Files.writeString(path, "");
            return path;
        }));
        cases.add(new Case("class_names.txt with a duplicate", folder -> {
            Path path = folder.resolve("class_names.txt");
            Files.writeString(path, String.join("\n", STL10_CLASSES).replace("truck", "ship"));
            return path;
        }));
        cases.add(new Case("class_names.txt not UTF-8", folder -> {
            Path path = folder.resolve("class_names.txt");
            byte[] bytes = (String.join("\n", STL10_CLASSES) + "\n").getBytes(StandardCharsets.US_ASCII);
            bytes[0] = (byte) 0xFF;
            Files.write(path, bytes);
            return path;
        }));
        cases.add(new Case("fold_indices.txt with a word", folder -> {
            Path path = folder.resolve("fold_indices.txt");
            Files.writeString(path, "0 two 1\n");
            return path;
        }));
        cases.add(new Case("fold_indices.txt with a negative index", folder -> {
            Path path = folder.resolve("fold_indices.txt");
            Files.writeString(path, "0 -1\n");
            return path;
        }));
        cases.add(new Case("train_X.bin is a folder", folder -> {
            Path path = folder.resolve("train_X.bin");
            Files.delete(path);
            Files.createDirectory(path);
            return path;
        }));

        assertEachRejected("stl10", DatasetFaultTest::writeStl10, cases);
    }

    @Test
    void damagedIdxFilesRejected() throws IOException {
        List<Case> cases = new ArrayList<>();
        for (boolean gzip : new boolean[] {false, true}) {
            String suffix = gzip ? ".gz" : "";
            for (String stem : new String[] {"train-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}) {
                String file = stem + suffix;
                for (double fraction : new double[] {0.0, 0.02, 0.5, 0.99}) {
                    cases.add(new Case(file + " cut at " + fraction, folder -> {
                        Path path = folder.resolve(file);
                        long size = Files.size(path);
                        truncate(path, Math.min(size - 1, (long) (size * fraction)));
                        return path;
                    }));
                }
                if (!gzip) {
                    // Bytes after a complete gzip member are ignored by the decompressor and the data is intact.
                    cases.add(new Case(file + " with bytes appended", folder -> {
                        Path path = folder.resolve(file);
                        Files.write(path, new byte[] {9, 9, 9}, java.nio.file.StandardOpenOption.APPEND);
                        return path;
                    }));
                }
            }
            if (gzip) {
                cases.add(new Case("gzip stream with a damaged middle", folder -> {
                    Path path = folder.resolve("train-images-idx3-ubyte.gz");
                    long size = Files.size(path);
                    byte[] junk = new byte[64];
                    new Random(5).nextBytes(junk);
                    patch(path, size / 2, junk);
                    return path;
                }));
            } else {
                String images = "train-images-idx3-ubyte";
                cases.add(new Case("image count of 2^31-1", folder -> {
                    Path path = folder.resolve(images);
                    patchInt(path, 4, Integer.MAX_VALUE);
                    return path;
                }));
                cases.add(new Case("negative image count", folder -> {
                    Path path = folder.resolve(images);
                    patchInt(path, 4, -5);
                    return path;
                }));
                cases.add(new Case("rows of 65,536", folder -> {
                    Path path = folder.resolve(images);
                    patchInt(path, 8, 65_536);
                    return path;
                }));
                cases.add(new Case("zero columns", folder -> {
                    Path path = folder.resolve(images);
                    patchInt(path, 12, 0);
                    return path;
                }));
                cases.add(new Case("wrong magic", folder -> {
                    Path path = folder.resolve(images);
                    patchInt(path, 0, 0x00000803 + 1);
                    return path;
                }));
                cases.add(new Case("label 10", folder -> {
                    Path path = folder.resolve("train-labels-idx1-ubyte");
                    patch(path, 8 + 2, (byte) 10);
                    return path;
                }));
                cases.add(new Case("label count of 2^31-1", folder -> {
                    Path path = folder.resolve("train-labels-idx1-ubyte");
                    patchInt(path, 4, Integer.MAX_VALUE);
                    return path;
                }));
            }
        }
        List<Case> rawCases = cases.stream().filter(c -> !c.name().contains(".gz") && !c.name().startsWith("gzip"))
                .toList();
        List<Case> gzipCases = cases.stream().filter(c -> c.name().contains(".gz") || c.name().startsWith("gzip"))
                .toList();

        assertEachRejected("idx-raw", folder -> writeIdx(folder, false), rawCases);
        assertEachRejected("idx-gzip", folder -> writeIdx(folder, true), gzipCases);
    }

    @Test
    void damagedImageFolderRejected() throws IOException {
        IoConsumer<Path> writer = folder -> {
            Random random = new Random(11);
            for (String split : new String[] {"train", "test"}) {
                for (String label : new String[] {"cat", "dog"}) {
                    Path classFolder = Files.createDirectories(folder.resolve(split).resolve(label));
                    RgbImage image = noiseImage(random, 8);
                    java.awt.image.BufferedImage buffered = new java.awt.image.BufferedImage(8, 8,
                            java.awt.image.BufferedImage.TYPE_INT_RGB);
                    for (int y = 0; y < 8; y++) {
                        for (int x = 0; x < 8; x++) {
                            buffered.setRGB(x, y, image.rgb(x, y));
                        }
                    }
                    javax.imageio.ImageIO.write(buffered, "png", classFolder.resolve("a.png").toFile());
                }
            }
        };
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("empty class folder", folder -> {
            Path cat = folder.resolve("train/cat");
            Files.delete(cat.resolve("a.png"));
            return cat;
        }));
        cases.add(new Case("class folder with only a text file", folder -> {
            Path cat = folder.resolve("test/cat");
            Files.delete(cat.resolve("a.png"));
            Files.writeString(cat.resolve("readme.txt"), "no images here");
            return cat;
        }));
        cases.add(new Case("empty image file", folder -> {
            Path image = folder.resolve("train/dog/a.png");
            truncate(image, 0);
            return image;
        }));
        cases.add(new Case("truncated image file", folder -> {
            Path image = folder.resolve("train/dog/a.png");
            truncate(image, Files.size(image) / 2);
            return image;
        }));
        cases.add(new Case("text file named .jpg", folder -> {
            Path image = folder.resolve("test/dog/notes.jpg");
            Files.writeString(image, "this is not a picture");
            return image;
        }));
        cases.add(new Case("split folder without class folders", folder -> {
            Path test = folder.resolve("test");
            for (String label : new String[] {"cat", "dog"}) {
                Files.delete(test.resolve(label).resolve("a.png"));
                Files.delete(test.resolve(label));
            }
            return test;
        }));

        assertEachRejected("folder", writer, cases);
        assertFalse(cases.isEmpty());
        assertTrue(Files.isDirectory(temp));
    }
}
