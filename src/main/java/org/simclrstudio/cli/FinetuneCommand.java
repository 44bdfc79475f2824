package org.simclrstudio.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The {@code finetune} command. */
@Command(name = "finetune", mixinStandardHelpOptions = true, description = "Fine-tunes a pretrained encoder on labelled images.")
public final class FinetuneCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        // TODO: implement; this stub only keeps the command name reserved.
        throw new CliException("'finetune' is not available in this build yet");
    }
}
