package org.simclrstudio.app;

import org.simclrstudio.cli.SimclrCli;
import org.simclrstudio.ui.shell.StudioApplication;

/**
 * Entry point of the launcher: with no arguments it opens the desktop app, with a subcommand it
 * runs the command line and exits with its status.
 */
public final class Main {

    private Main() {
    }

    /** Starts the GUI when {@code args} is empty, else the command line. */
    public static void main(String[] args) {
        AppEnvironment.initialize();
        if (args.length == 0) {
            StudioApplication.launchApp(args);
        } else {
            System.exit(SimclrCli.run(args));
        }
    }
}
