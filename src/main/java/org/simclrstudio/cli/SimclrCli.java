package org.simclrstudio.cli;

import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** The {@code simclr-studio} command line: the root command and its error handling. */
@Command(
        name = "simclr-studio",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Semi-supervised image classification with SimCLR contrastive pretraining.%n"
                + "Run without arguments to open the desktop app.",
        subcommands = {
            DatasetsCommand.class,
            PretrainCommand.class,
            FinetuneCommand.class,
            BaselineCommand.class,
            EvaluateCommand.class,
            ClassifyCommand.class,
            BenchCommand.class,
            EmbedCommand.class,
            NeighborsCommand.class,
            GpuCommand.class,
            CommandLine.HelpCommand.class
        })
public final class SimclrCli implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(SimclrCli.class);

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }

    /** Runs the command line with {@code args} and returns the process exit status. */
    public static int run(String[] args) {
        return newCommandLine().execute(args);
    }

    /** Builds the command line with the project's error handling, for {@link #run} and tests. */
    public static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new SimclrCli());
        commandLine.setExecutionExceptionHandler(new OneLineErrors());
        commandLine.setParameterExceptionHandler(SimclrCli::handleParameterError);
        return commandLine;
    }

    private static int handleParameterError(CommandLine.ParameterException error, String[] args) {
        CommandLine commandLine = error.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println("simclr-studio: " + error.getMessage());
        err.println("Run '" + commandLine.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return 2;
    }

    /** Prints the message of an error as one line; the stack trace only with {@code --verbose}. */
    private static final class OneLineErrors implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception error, CommandLine commandLine, ParseResult parseResult) {
            boolean verbose = parseResult.hasMatchedOption("--verbose")
                    || parseResult.subcommands().stream().anyMatch(sub -> sub.hasMatchedOption("--verbose"));
            PrintWriter err = commandLine.getErr();
            String message = error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName();
            err.println("simclr-studio: error: " + message);
            if (verbose) {
                error.printStackTrace(err);
            }
            err.flush();
            LOG.error("Command '{}' failed: {}", commandLine.getCommandSpec().qualifiedName(), message, error);
            return error instanceof CliException cliError ? cliError.exitCode() : 1;
        }
    }
}
