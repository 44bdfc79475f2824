package org.simclrstudio.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The {@code datasets download} command. */
@Command(name = "download", mixinStandardHelpOptions = true, description = "Downloads and extracts a dataset archive.")
public final class DatasetsDownloadCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        // TODO: implement; this stub only keeps the command name reserved.
        throw new CliException("'datasets download' is not available in this build yet");
    }
}
