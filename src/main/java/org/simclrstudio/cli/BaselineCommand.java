package org.simclrstudio.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The {@code baseline} command. */
@Command(name = "baseline", mixinStandardHelpOptions = true, description = "Trains the same network from scratch on labelled images.")
public final class BaselineCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        // TODO: implement; this stub only keeps the command name reserved.
        throw new CliException("'baseline' is not available in this build yet");
    }
}
