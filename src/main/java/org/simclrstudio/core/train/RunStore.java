package org.simclrstudio.core.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Lists the runs in a folder (each subfolder with a {@code config.json}) for the GUI's run list. */
public final class RunStore {

    private static final Logger LOG = LoggerFactory.getLogger(RunStore.class);

    private RunStore() {
    }

    /**
     * One past or running run.
     *
     * @param folder the run folder
     * @param manifest its configuration
     * @param epochs its epoch rows so far
     * @param outcome how it ended, or null while running or after a crash
     * @param hasModel whether it has weights to classify or evaluate with
     */
    public record RunSummary(RunFolder folder, RunFolder.Manifest manifest, List<EpochMetrics> epochs,
            RunOutcome outcome, boolean hasModel) {

        /** Returns the run kind. */
        public RunKind kind() {
            return manifest.config().kind();
        }

        /** Returns the folder name, the run's display name. */
        public String name() {
            return folder.dir().getFileName().toString();
        }
    }

    /**
     * Reads one run folder.
     *
     * @throws IOException when it has no valid {@code config.json}
     */
    public static RunSummary read(Path runDir) throws IOException {
        RunFolder folder = new RunFolder(runDir);
        RunFolder.Manifest manifest = folder.readManifest();
        RunOutcome outcome = null;
        try {
            outcome = folder.readOutcome();
        } catch (IOException e) {
            LOG.warn("Ignoring unreadable outcome file of run {}: {}", runDir, e.getMessage());
        }
        return new RunSummary(folder, manifest, folder.readEpochs(), outcome, folder.hasModel());
    }

    /**
     * Returns the runs directly under {@code runsFolder}, newest first; an absent folder has none. Folders
     * that are not runs or cannot be read are skipped and logged.
     */
    public static List<RunSummary> list(Path runsFolder) throws IOException {
        List<RunSummary> runs = new ArrayList<>();
        if (!Files.isDirectory(runsFolder)) {
            return runs;
        }
        try (Stream<Path> children = Files.list(runsFolder)) {
            for (Path child : children.filter(Files::isDirectory).toList()) {
                if (!new RunFolder(child).exists()) {
                    continue;
                }
                try {
                    runs.add(read(child));
                } catch (IOException e) {
                    LOG.warn("Skipping run folder {}: {}", child, e.getMessage());
                }
            }
        }
        runs.sort(Comparator.comparing((RunSummary run) -> String.valueOf(run.manifest().created())).reversed());
        return runs;
    }
}
