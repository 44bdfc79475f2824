package org.simclrstudio.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The {@code classify} command. */
@Command(name = "classify", mixinStandardHelpOptions = true, description = "Classifies image files with a trained model.")
public final class ClassifyCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        // TODO: implement; this stub only keeps the command name reserved.
        throw new CliException("'classify' is not available in this build yet");
    }
}
