package org.simclrstudio.cli;

import java.util.concurrent.Callable;
import org.simclrstudio.core.train.RunKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code pretrain} command: SimCLR pretraining on the unlabelled images with an online linear probe. */
@Command(name = "pretrain", mixinStandardHelpOptions = true,
        description = "Pretrains an encoder with SimCLR on unlabelled images, with a linear probe on the labelled ones.")
public final class PretrainCommand implements Callable<Integer> {

    @Mixin
    TrainingOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return TrainingOptions.runCommand(RunKind.PRETRAIN, options, null, spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }
}
