package org.simclrstudio.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The {@code embed} command. */
@Command(name = "embed", mixinStandardHelpOptions = true, description = "Projects encoder features of a split to 2-D.")
public final class EmbedCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        // TODO: implement; this stub only keeps the command name reserved.
        throw new CliException("'embed' is not available in this build yet");
    }
}
