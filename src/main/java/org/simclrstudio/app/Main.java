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

    /**
     * Starts the GUI when {@code args} is empty, else the command line. On Linux it first relaunches
     * itself with tuned malloc settings unless the launcher already set them.
     */
    public static void main(String[] args) {
        // Before anything else: the relaunched child does the work and this process only waits for it.
        TunedRelaunch.relaunchIfNeeded();
        TunedRelaunch.stopWithParent();
        AppEnvironment.initialize();
        if (args.length == 0) {
            StudioApplication.launchApp(args);
        } else {
            System.exit(SimclrCli.run(args));
        }
    }
}
