package org.simclrstudio.core.explore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Lists the training run folders (those with a {@code config.json}) under the runs folder. */
public final class RunFolders {

    private static final Logger LOG = LoggerFactory.getLogger(RunFolders.class);

    private RunFolders() {
    }

    /** Returns the run folders directly under {@code runsFolder}, newest first; none when it is missing. */
    public static List<Path> list(Path runsFolder) {
        List<Path> runs = new ArrayList<>();
        if (runsFolder == null || !Files.isDirectory(runsFolder)) {
            return runs;
        }
        try (Stream<Path> children = Files.list(runsFolder)) {
            children.filter(child -> Files.isRegularFile(child.resolve("config.json"))).forEach(runs::add);
        } catch (IOException e) {
            LOG.warn("Cannot list the runs in {}: {}", runsFolder, e.getMessage());
        }
        runs.sort(Comparator.comparing(RunFolders::modified).reversed().thenComparing(Path::toString));
        return runs;
    }

    private static FileTime modified(Path run) {
        try {
            return Files.getLastModifiedTime(run.resolve("config.json"));
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
