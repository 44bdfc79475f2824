package org.simclrstudio.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The {@code bench} command. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measures training, classification and dataset speed on this machine.")
public final class BenchCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        // TODO: implement; this stub only keeps the command name reserved.
        throw new CliException("'bench' is not available in this build yet");
    }
}
