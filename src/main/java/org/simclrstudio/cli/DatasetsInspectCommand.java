package org.simclrstudio.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.simclrstudio.core.data.Dataset;
import org.simclrstudio.core.data.DatasetException;
import org.simclrstudio.core.data.DatasetFormat;
import org.simclrstudio.core.data.DatasetSummary;
import org.simclrstudio.core.data.DatasetSummary.SplitSummary;
import org.simclrstudio.core.data.Datasets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code datasets inspect} command: prints the format, class names and split sizes of a dataset
 * folder as a table, or with {@code --json} as one JSON object of the form
 * {@code {"format": "stl10", "classes": [...], "splits": {"train": {"count": N, "perClass": {...}},
 * "unlabeled": {"count": N}}}}.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Prints the format, classes and split sizes of a dataset folder.")
public final class DatasetsInspectCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR",
            description = "Dataset folder: STL-10 binary (the stl10_binary folder or its parent), IDX files "
                    + "(train-images-idx3-ubyte.gz, ...) or image folders (train/<class>/, test/<class>/).")
    Path folder;

    @Option(names = "--format", paramLabel = "FORMAT", converter = DatasetFormatConverter.class,
            description = "Dataset format: stl10, idx or folder. Detected from the files when omitted.")
    DatasetFormat format;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws DatasetException {
        DatasetSummary summary;
        try (Dataset dataset = Datasets.open(folder, format)) {
            summary = DatasetSummary.of(dataset);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? toJson(summary) : toTable(summary));
        out.flush();
        return 0;
    }

    /** Renders the summary as the command's JSON object. */
    static String toJson(DatasetSummary summary) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("format", summary.format().cliName());
        summary.classNames().forEach(root.putArray("classes")::add);
        ObjectNode splits = root.putObject("splits");
        for (SplitSummary split : summary.splits()) {
            ObjectNode node = splits.putObject(split.name());
            node.put("count", split.count());
            if (split.isLabelled()) {
                ObjectNode perClass = node.putObject("perClass");
                for (int k = 0; k < summary.classNames().size(); k++) {
                    perClass.put(summary.classNames().get(k), split.perClass()[k]);
                }
            }
        }
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            // A tree of plain strings and numbers always serialises.
            throw new IllegalStateException("Cannot write the dataset summary as JSON", e);
        }
    }

    /** Renders the summary as a table: one line per split, then images per class and labelled split. */
    static String toTable(DatasetSummary summary) {
        StringBuilder text = new StringBuilder();
        text.append("Dataset  ").append(summary.location()).append('\n');
        text.append("Format   ").append(summary.format().cliName()).append('\n');
        text.append("Classes  ").append(summary.classNames().size()).append('\n');
        text.append('\n');
        text.append(String.format(Locale.ROOT, "%-10s %10s  %s%n", "Split", "Images", "Image size"));
        for (SplitSummary split : summary.splits()) {
            String size = split.imageWidth() > 0 ? split.imageWidth() + "x" + split.imageHeight() : "varies";
            String labels = split.isLabelled() ? "" : "  (no labels)";
            text.append(String.format(Locale.ROOT, "%-10s %,10d  %s%s%n", split.name(), split.count(), size, labels));
        }
        List<SplitSummary> labelled = summary.splits().stream().filter(SplitSummary::isLabelled).toList();
        if (!labelled.isEmpty()) {
            int nameWidth = Math.max(5, summary.classNames().stream().mapToInt(String::length).max().orElse(0));
            text.append('\n');
            text.append(String.format(Locale.ROOT, "%-" + nameWidth + "s", "Class"));
            for (SplitSummary split : labelled) {
                text.append(String.format(Locale.ROOT, " %10s", split.name()));
            }
            text.append('\n');
            for (int k = 0; k < summary.classNames().size(); k++) {
                text.append(String.format(Locale.ROOT, "%-" + nameWidth + "s", summary.classNames().get(k)));
                for (SplitSummary split : labelled) {
                    text.append(String.format(Locale.ROOT, " %,10d", split.perClass()[k]));
                }
                text.append('\n');
            }
        }
        if (summary.splits().stream().noneMatch(split -> split.name().equals(Dataset.UNLABELED))) {
            text.append('\n').append("No unlabeled split: pretraining uses the train images without their labels.\n");
        }
        return text.toString().stripTrailing();
    }
}
