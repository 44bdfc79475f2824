package org.simclrstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.simclrstudio.core.data.Dataset;
import org.simclrstudio.core.data.DatasetException;
import org.simclrstudio.core.data.DatasetFormat;
import org.simclrstudio.core.train.Evaluator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code evaluate} command: accuracy, per-class accuracy and confusion matrix of a run's model. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Evaluates a trained model on a labelled split.")
public final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "Dataset folder.")
    Path data;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Dataset format: stl10, idx or folder (default: detected).")
    String format;

    @Option(names = "--model", required = true, paramLabel = "RUN", description = "Run folder with a trained model "
            + "(a pretraining run is evaluated through its linear probe).")
    Path model;

    @Option(names = "--split", defaultValue = Dataset.TEST, paramLabel = "NAME", description = "Split to evaluate on (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--device", defaultValue = "auto", paramLabel = "D", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--json", description = "Print one JSON object with accuracy, perClass and confusionMatrix (rows = true class).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        DatasetFormat datasetFormat = null;
        if (format != null) {
            datasetFormat = java.util.Arrays.stream(DatasetFormat.values())
                    .filter(candidate -> candidate.cliName().equals(format.toLowerCase(Locale.ROOT)))
                    .findFirst()
                    .orElseThrow(() -> new CliException("Invalid --format '" + format + "': expected stl10, idx or folder", 2));
        }
        Evaluator.Evaluation evaluation;
        try {
            evaluation = Evaluator.evaluateRun(model, data, datasetFormat, split, device);
        } catch (DatasetException | IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(toJson(evaluation)));
        } else {
            out.printf(Locale.ROOT, "Accuracy on %s: %.2f%% (%d images)%n", split, evaluation.accuracy() * 100,
                    evaluation.count());
            evaluation.perClass().forEach((name, accuracy) ->
                    out.printf(Locale.ROOT, "  %-20s %6.2f%%%n", name, accuracy * 100));
        }
        out.flush();
        return 0;
    }

    private static ObjectNode toJson(Evaluator.Evaluation evaluation) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("accuracy", evaluation.accuracy());
        root.put("count", evaluation.count());
        ObjectNode perClass = root.putObject("perClass");
        evaluation.perClass().forEach((name, accuracy) -> {
            if (Double.isNaN(accuracy)) {
                perClass.putNull(name);
            } else {
                perClass.put(name, accuracy);
            }
        });
        ArrayNode names = root.putArray("classNames");
        evaluation.classNames().forEach(names::add);
        ArrayNode matrix = root.putArray("confusionMatrix");
        for (long[] row : evaluation.confusionMatrix()) {
            ArrayNode values = matrix.addArray();
            for (long count : row) {
                values.add(count);
            }
        }
        return root;
    }
}
