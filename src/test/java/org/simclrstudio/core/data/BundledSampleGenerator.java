package org.simclrstudio.core.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the bundled Fashion-MNIST sample: the first 300 train and the first 100 test images of every
 * class, in file order, as IDX {@code .gz} files plus {@code class_names.txt}.
 *
 * <p>Run from the repository root with Debian's {@code dataset-fashion-mnist} installed:
 * <pre>
 * mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -cp "target/classes:target/test-classes:$(cat target/classpath.txt)" \
 *     org.simclrstudio.core.data.BundledSampleGenerator \
 *     /usr/share/datasets/fashion-mnist assets/sample/fashion-mnist
 * </pre>
 */
public final class BundledSampleGenerator {

    /** Train images per class in the sample. */
    static final int TRAIN_PER_CLASS = 300;
    /** Test images per class in the sample. */
    static final int TEST_PER_CLASS = 100;

    private BundledSampleGenerator() {
    }

    /** Reads the Fashion-MNIST folder {@code args[0]} and writes the sample into folder {@code args[1]}. */
    public static void main(String[] args) throws IOException, DatasetException {
        if (args.length != 2) {
            System.err.println("Usage: BundledSampleGenerator FASHION_MNIST_DIR OUTPUT_DIR");
            System.exit(2);
        }
        Path output = Path.of(args[1]);
        Files.createDirectories(output);
        try (Dataset source = IdxDataset.open(Path.of(args[0]))) {
            writeSplit(source.split(Dataset.TRAIN).orElseThrow(), TRAIN_PER_CLASS, output, "train");
            writeSplit(source.split(Dataset.TEST).orElseThrow(), TEST_PER_CLASS, output, "t10k");
            Files.write(output.resolve(ClassNames.FILE_NAME), source.classNames(), StandardCharsets.UTF_8);
        }
    }

    private static void writeSplit(DatasetSplit split, int perClass, Path output, String prefix)
            throws IOException, DatasetException {
        int classCount = 10;
        int[] taken = new int[classCount];
        int plane = split.imageWidth() * split.imageHeight();
        byte[] pixels = new byte[classCount * perClass * plane];
        byte[] labels = new byte[classCount * perClass];
        byte[] planar = new byte[3 * plane];
        int count = 0;
        for (int i = 0; i < split.size() && count < labels.length; i++) {
            int label = split.label(i);
            if (taken[label] == perClass) {
                continue;
            }
            taken[label]++;
            split.readPlanar(i, planar, 0);
            System.arraycopy(planar, 0, pixels, count * plane, plane);
            labels[count] = (byte) label;
            count++;
        }
        if (count != labels.length) {
            throw new IllegalStateException("Split " + split.name() + " has too few images per class");
        }
        IdxWriter.writeImages(output.resolve(prefix + "-images-idx3-ubyte.gz"), count, split.imageHeight(),
                split.imageWidth(), pixels);
        IdxWriter.writeLabels(output.resolve(prefix + "-labels-idx1-ubyte.gz"), labels);
    }
}
