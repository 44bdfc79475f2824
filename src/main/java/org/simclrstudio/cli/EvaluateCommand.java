package org.simclrstudio.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The {@code evaluate} command. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Evaluates a trained model on a labelled split.")
public final class EvaluateCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        // TODO: implement; this stub only keeps the command name reserved.
        throw new CliException("'evaluate' is not available in this build yet");
    }
}
