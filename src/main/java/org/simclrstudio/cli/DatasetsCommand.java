package org.simclrstudio.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code datasets} command group: inspect, export and download. */
@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = "Inspects, exports and downloads datasets.",
        subcommands = {DatasetsInspectCommand.class, DatasetsExportCommand.class, DatasetsDownloadCommand.class})
public final class DatasetsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: inspect, export or download");
    }
}
