package org.simclrstudio.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The {@code neighbors} command. */
@Command(name = "neighbors", mixinStandardHelpOptions = true, description = "Lists the nearest neighbours of an image by encoder features.")
public final class NeighborsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        // TODO: implement; this stub only keeps the command name reserved.
        throw new CliException("'neighbors' is not available in this build yet");
    }
}
