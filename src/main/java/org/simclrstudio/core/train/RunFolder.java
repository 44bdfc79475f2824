package org.simclrstudio.core.train;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.simclrstudio.core.BuildInfo;

/**
 * The files of one run folder: {@code config.json}, {@code metrics.csv} (one row per epoch),
 * {@code steps.jsonl} (one JSON object per step), {@code checkpoints/last.ckpt} (replaced atomically),
 * {@code model/} (the latest good weights and their description) and {@code outcome.json}.
 *
 * @param dir the run folder
 */
public record RunFolder(Path dir) {

    /** Returns {@code config.json}. */
    public Path configFile() {
        return dir.resolve("config.json");
    }

    /** Returns {@code metrics.csv}. */
    public Path metricsFile() {
        return dir.resolve("metrics.csv");
    }

    /** Returns {@code steps.jsonl}. */
    public Path stepsFile() {
        return dir.resolve("steps.jsonl");
    }

    /** Returns {@code checkpoints/last.ckpt}, the checkpoint a resume starts from. */
    public Path lastCheckpoint() {
        return dir.resolve("checkpoints").resolve("last.ckpt");
    }

    /** Returns {@code model/model.json}. */
    public Path modelInfoFile() {
        return dir.resolve("model").resolve("model.json");
    }

    /** Returns {@code model/weights.ckpt}. */
    public Path modelWeightsFile() {
        return dir.resolve("model").resolve("weights.ckpt");
    }

    /** Returns {@code outcome.json}. */
    public Path outcomeFile() {
        return dir.resolve("outcome.json");
    }

    /** Returns whether the folder contains a run (has a {@code config.json}). */
    public boolean exists() {
        return Files.isRegularFile(configFile());
    }

    /** Returns whether the folder contains trained weights. */
    public boolean hasModel() {
        return Files.isRegularFile(modelInfoFile()) && Files.isRegularFile(modelWeightsFile());
    }

    /**
     * Contents of {@code config.json}: the configuration plus what is needed to repeat the run exactly.
     *
     * @param config the run configuration
     * @param classNames the dataset's class names
     * @param versions versions of SimCLR Studio, DJL, libtorch and Java
     * @param created ISO-8601 time the run was first started
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Manifest(RunConfig config, List<String> classNames, Map<String, String> versions, String created) {
    }

    /**
     * Contents of {@code model/model.json}: what {@code model/weights.ckpt} holds.
     *
     * @param kind the run kind that trained it
     * @param backbone encoder name
     * @param imageSize network input size in pixels
     * @param classNames the class of each logit
     * @param projectionHead whether the weights include a projection head
     * @param step global step of the weights
     * @param epoch epoch of the weights
     * @param validationAccuracy validation accuracy of the weights, NaN when not measured
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ModelInfo(RunKind kind, String backbone, int imageSize, List<String> classNames,
            boolean projectionHead, long step, int epoch, double validationAccuracy) {
    }

    /** Returns the versions recorded in a new manifest. */
    public static Map<String, String> currentVersions() {
        return Map.of("simclrStudio", BuildInfo.version(), "djl", BuildInfo.djlVersion(),
                "pytorch", BuildInfo.pytorchVersion(), "java", BuildInfo.javaVersion());
    }

    /**
     * Reads {@code config.json}.
     *
     * @throws IOException when it is missing or not a valid manifest; the message names the file
     */
    public Manifest readManifest() throws IOException {
        Path file = configFile();
        if (!Files.isDirectory(dir)) {
            throw new IOException("Run folder " + dir + " does not exist; check the path");
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException("No run found in " + dir + ": " + file.getFileName() + " is missing");
        }
        try {
            return RunJson.mapper().readValue(file.toFile(), Manifest.class);
        } catch (IOException e) {
            throw new IOException("Invalid run configuration " + file + ": " + firstLine(e.getMessage()), e);
        }
    }

    /**
     * Reads {@code model/model.json}.
     *
     * @throws IOException when the run has no trained model yet or the file is invalid
     */
    public ModelInfo readModelInfo() throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("Run folder " + dir + " does not exist; check the path");
        }
        if (!hasModel()) {
            throw new IOException("Run " + dir + " has no trained model yet (model/weights.ckpt is missing); "
                    + "train it for at least one epoch");
        }
        try {
            return RunJson.mapper().readValue(modelInfoFile().toFile(), ModelInfo.class);
        } catch (IOException e) {
            throw new IOException("Invalid model description " + modelInfoFile() + ": " + firstLine(e.getMessage()), e);
        }
    }

    /** Reads the epoch rows of {@code metrics.csv}; none when the file is missing. Bad rows are skipped. */
    public List<EpochMetrics> readEpochs() throws IOException {
        if (!Files.isRegularFile(metricsFile())) {
            return List.of();
        }
        return Files.readAllLines(metricsFile()).stream()
                .skip(1)
                .filter(line -> !line.isBlank())
                .map(RunFolder::parseOrNull)
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    /** Reads the step rows of {@code steps.jsonl}; none when the file is missing. Bad lines are skipped. */
    public List<StepMetrics> readSteps() throws IOException {
        if (!Files.isRegularFile(stepsFile())) {
            return List.of();
        }
        return Files.readAllLines(stepsFile()).stream()
                .filter(line -> !line.isBlank())
                .map(line -> {
                    try {
                        return RunJson.mapper().readValue(line, StepMetrics.class);
                    } catch (IOException e) {
                        return null;
                    }
                })
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    /** Reads {@code outcome.json}, or returns null while the run has not ended (or was killed). */
    public RunOutcome readOutcome() throws IOException {
        if (!Files.isRegularFile(outcomeFile())) {
            return null;
        }
        return RunJson.mapper().readValue(outcomeFile().toFile(), RunOutcome.class);
    }

    private static EpochMetrics parseOrNull(String line) {
        try {
            return EpochMetrics.fromCsv(line);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
