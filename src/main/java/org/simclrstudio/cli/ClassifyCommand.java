package org.simclrstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.simclrstudio.core.data.RgbImage;
import org.simclrstudio.core.image.ImageDecodeException;
import org.simclrstudio.core.image.ImageDecoder;
import org.simclrstudio.core.infer.Classifier;
import org.simclrstudio.core.infer.Prediction;
import org.simclrstudio.core.model.Devices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The {@code classify} command: the top classes of image files under a run's model. */
@Command(name = "classify", mixinStandardHelpOptions = true, description = "Classifies image files with a trained model.")
public final class ClassifyCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "RUN", description = "Run folder with a trained model.")
    Path model;

    @Option(names = "--top", defaultValue = "5", paramLabel = "K", description = "Number of classes to show per file (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--device", defaultValue = "cpu", paramLabel = "D", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--json", description = "Print one JSON object per file: file, width, height (after EXIF "
            + "orientation) and top [{label, probability}], or file and error.")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Image files (JPEG, PNG, WebP, BMP, TIFF, GIF).")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (top < 1) {
            throw new CliException("Invalid --top " + top + ": expected at least 1", 2);
        }
        PrintWriter out = spec.commandLine().getOut();
        ObjectMapper mapper = new ObjectMapper();
        boolean anyFailed = false;
        Classifier classifier;
        try {
            classifier = Classifier.load(model, Devices.resolve(device));
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }
        try (classifier) {
            for (Path file : files) {
                ObjectNode line = mapper.createObjectNode();
                line.put("file", file.toString());
                try {
                    RgbImage image = ImageDecoder.decode(file);
                    List<Prediction> predictions = classifier.classify(image, top);
                    line.put("width", image.width());
                    line.put("height", image.height());
                    ArrayNode topNode = line.putArray("top");
                    for (Prediction prediction : predictions) {
                        topNode.addObject().put("label", prediction.label()).put("probability", prediction.probability());
                    }
                    if (!json) {
                        out.printf(Locale.ROOT, "%s (%dx%d):%n", file, image.width(), image.height());
                        for (Prediction prediction : predictions) {
                            out.printf(Locale.ROOT, "  %-20s %6.2f%%%n", prediction.label(), prediction.probability() * 100);
                        }
                    }
                } catch (ImageDecodeException e) {
                    anyFailed = true;
                    line.put("error", e.getMessage());
                    if (!json) {
                        spec.commandLine().getErr().println("simclr-studio: error: " + e.getMessage());
                    }
                }
                if (json) {
                    out.println(mapper.writeValueAsString(line));
                }
                out.flush();
            }
        }
        spec.commandLine().getErr().flush();
        return anyFailed ? 1 : 0;
    }
}
