package org.simclrstudio.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The {@code datasets inspect} command. */
@Command(name = "inspect", mixinStandardHelpOptions = true, description = "Prints the format, classes and split sizes of a dataset folder.")
public final class DatasetsInspectCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        // TODO: implement; this stub only keeps the command name reserved.
        throw new CliException("'datasets inspect' is not available in this build yet");
    }
}
