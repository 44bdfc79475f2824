package org.simclrstudio.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The {@code datasets} command. */
@Command(name = "datasets", mixinStandardHelpOptions = true, description = "Inspects, exports and downloads datasets.")
public final class DatasetsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        // TODO: implement; this stub only keeps the command name reserved.
        throw new CliException("'datasets' is not available in this build yet");
    }
}
