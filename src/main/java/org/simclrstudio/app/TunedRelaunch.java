package org.simclrstudio.app;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts this process again, with the same command line and the environment that
 * {@link AllocatorTuning} chooses, when the launcher did not already set it. The parent inherits
 * standard input and output to the child, waits, and exits with the child's status.
 *
 * <p>The cost is one extra JVM start (see the benchmarks page, section Startup). It runs before logging
 * is set up, so it reports problems on standard error only.
 */
public final class TunedRelaunch {

    private static final String JPACKAGE_LAUNCHER_VARIABLE = "_JPACKAGE_LAUNCHER";

    private TunedRelaunch() {
    }

    /**
     * Relaunches when needed and then exits with the child's status; returns normally when this process
     * should carry on itself (already tuned, not Linux, turned off, or the relaunch failed).
     */
    public static void relaunchIfNeeded() {
        AllocatorTuning.Decision decision = AllocatorTuning.decide(System.getProperty("os.name", ""), System.getenv());
        if (!decision.relaunch()) {
            return;
        }
        Optional<List<String>> command = currentCommandLine();
        if (command.isEmpty()) {
            System.err.println("simclr-studio: warning: cannot read this process's command line, so training runs"
                    + " with glibc's default malloc settings (about 3x slower); start it with bin/simclr-studio instead");
            return;
        }
        ProcessBuilder builder = new ProcessBuilder(command.get()).inheritIO();
        // jpackage's Linux launcher (JDK 17) marks the JVM it starts with this variable, and a launcher that
        // inherits it treats its arguments as java's own, so the child would fail with "main class not found".
        builder.environment().remove(JPACKAGE_LAUNCHER_VARIABLE);
        builder.environment().putAll(decision.environment());
        Process child;
        try {
            child = builder.start();
        } catch (IOException | RuntimeException e) {
            System.err.println("simclr-studio: warning: relaunch with tuned malloc settings failed (" + e.getMessage()
                    + "), continuing with glibc's defaults");
            return;
        }
        // A SIGTERM to the parent must not leave the child running; Ctrl+C reaches both processes anyway.
        // Once the child has exited, destroy() does nothing.
        Runtime.getRuntime().addShutdownHook(new Thread(child::destroy, "stop-tuned-child"));
        System.exit(waitUninterruptibly(child));
    }

    /** Returns the executable and arguments of this process, as the kernel recorded them at start. */
    static Optional<List<String>> currentCommandLine() {
        ProcessHandle.Info info = ProcessHandle.current().info();
        Optional<String> executable = info.command();
        Optional<String[]> arguments = info.arguments();
        if (executable.isEmpty() || arguments.isEmpty()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(executable.get());
        command.addAll(List.of(arguments.get()));
        return Optional.of(command);
    }

    private static int waitUninterruptibly(Process child) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return child.waitFor();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
