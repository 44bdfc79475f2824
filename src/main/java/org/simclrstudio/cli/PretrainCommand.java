package org.simclrstudio.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The {@code pretrain} command. */
@Command(name = "pretrain", mixinStandardHelpOptions = true, description = "Pretrains an encoder with SimCLR on unlabelled images.")
public final class PretrainCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        // TODO: implement; this stub only keeps the command name reserved.
        throw new CliException("'pretrain' is not available in this build yet");
    }
}
