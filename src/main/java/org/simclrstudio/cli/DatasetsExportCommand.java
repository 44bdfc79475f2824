package org.simclrstudio.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The {@code datasets export} command. */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Writes one image of a dataset split as PNG.")
public final class DatasetsExportCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        // TODO: implement; this stub only keeps the command name reserved.
        throw new CliException("'datasets export' is not available in this build yet");
    }
}
