package org.simclrstudio.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.simclrstudio.core.train.RunKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code finetune} command: trains a pretrained encoder and a new classifier head on the labelled images. */
@Command(name = "finetune", mixinStandardHelpOptions = true,
        description = "Fine-tunes the encoder of a pretraining run with a classifier head on the labelled images.")
public final class FinetuneCommand implements Callable<Integer> {

    @Option(names = "--from", paramLabel = "PRETRAIN_RUN", description = "Pretraining run folder whose encoder to start from "
            + "(its encoder and image size are used unless given).")
    Path from;

    @Mixin
    TrainingOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (from == null && !options.resume) {
            throw new CliException("Missing --from PRETRAIN_RUN: the pretraining run to fine-tune", 2);
        }
        return TrainingOptions.runCommand(RunKind.FINETUNE, options, from, spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }
}
