package org.simclrstudio.cli;

import java.util.concurrent.Callable;
import org.simclrstudio.core.train.RunKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code baseline} command: the fine-tuning network trained from random weights with the same budget. */
@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = "Trains the encoder and classifier from random weights on the labelled images, for comparison.")
public final class BaselineCommand implements Callable<Integer> {

    @Mixin
    TrainingOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return TrainingOptions.runCommand(RunKind.BASELINE, options, null, spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }
}
