package org.simclrstudio.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.simclrstudio.core.data.Dataset;
import org.simclrstudio.core.data.DatasetException;
import org.simclrstudio.core.data.DatasetFormat;
import org.simclrstudio.core.data.DatasetSplit;
import org.simclrstudio.core.data.Datasets;
import org.simclrstudio.core.data.RgbImage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code datasets export} command: writes one image of a split, unchanged (96x96 for STL-10,
 * 28x28 for Fashion-MNIST), as an 8-bit RGB PNG file.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Writes one image of a dataset split as PNG.")
public final class DatasetsExportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "Dataset folder (see 'datasets inspect --help').")
    Path folder;

    @Option(names = "--format", paramLabel = "FORMAT", converter = DatasetFormatConverter.class,
            description = "Dataset format: stl10, idx or folder. Detected from the files when omitted.")
    DatasetFormat format;

    @Option(names = "--split", required = true, paramLabel = "SPLIT",
            description = "Split to read: train, test or unlabeled.")
    String split;

    @Option(names = "--index", required = true, paramLabel = "I", description = "0-based index of the image in the split.")
    int index;

    @Option(names = "--out", required = true, paramLabel = "FILE.png",
            description = "PNG file to write; missing parent folders are created and an existing file is replaced.")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws DatasetException {
        String fileName = out.getFileName() == null ? "" : out.getFileName().toString();
        if (!fileName.toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new CliException("Output file " + out + " must end with .png; the image is written as PNG");
        }
        try (Dataset dataset = Datasets.open(folder, format)) {
            DatasetSplit images = dataset.split(split).orElseThrow(() -> new CliException("Split '" + split
                    + "' not found in " + dataset.location() + "; it has: "
                    + String.join(", ", dataset.splits().stream().map(DatasetSplit::name).toList())));
            if (index < 0 || index >= images.size()) {
                throw new CliException("Index " + index + " is outside 0.." + (images.size() - 1) + " of split '"
                        + split + "'");
            }
            RgbImage image = images.image(index);
            write(image, out);
            int label = images.label(index);
            String labelText = label == DatasetSplit.NO_LABEL ? "no label" : "class " + dataset.classNames().get(label);
            spec.commandLine().getOut().printf(Locale.ROOT, "Wrote %s (%dx%d, %s image %d, %s)%n", out,
                    image.width(), image.height(), split, index, labelText);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    private static void write(RgbImage image, Path file) {
        BufferedImage buffered = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                buffered.setRGB(x, y, image.rgb(x, y));
            }
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(buffered, "png", file.toFile())) {
                throw new CliException("No PNG writer is available in this Java runtime");
            }
        } catch (IOException e) {
            throw new CliException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
