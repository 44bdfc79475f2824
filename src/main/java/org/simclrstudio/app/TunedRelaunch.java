package org.simclrstudio.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    /** Environment variable with the waiting parent's process id, set for the relaunched child only. */
    static final String PARENT_PID_VARIABLE = "SIMCLR_STUDIO_PARENT_PID";

    private TunedRelaunch() {
    }

    /**
     * Relaunches when needed and then exits with the child's status. Returns normally when this process
     * should do the work itself: already tuned, not Linux, tuning turned off, or the relaunch failed.
     */
    public static void relaunchIfNeeded() {
        AllocatorTuning.Decision decision = AllocatorTuning.decide(System.getProperty("os.name", ""), System.getenv(),
                AllocatorTuning.findJemalloc());
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
        builder.environment().put(PARENT_PID_VARIABLE, Long.toString(ProcessHandle.current().pid()));
        Process child;
        try {
            child = builder.start();
        } catch (IOException | RuntimeException e) {
            System.err.println("simclr-studio: warning: relaunch with tuned malloc settings failed (" + e.getMessage()
                    + "), continuing with glibc's defaults");
            return;
        }
        // A SIGTERM to the parent must not leave the child running. Ctrl+C reaches both processes anyway,
        // and destroy() does nothing once the child has exited.
        Runtime.getRuntime().addShutdownHook(new Thread(child::destroy, "stop-tuned-child"));
        System.exit(waitUninterruptibly(child));
    }

    /**
     * In a relaunched child, halts this process as soon as the waiting parent is gone. A parent killed
     * with SIGKILL runs no shutdown hook, so without this the child would go on training unseen, and a
     * second run started on the same folder would write the same checkpoint at the same time. Halting
     * is as safe as a kill: checkpoints are replaced atomically. Does nothing in other processes.
     */
    public static void stopWithParent() {
        String parent = System.getenv(PARENT_PID_VARIABLE);
        if (parent == null) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(parent.trim());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> parentProcess = ProcessHandle.current().parent();
        if (parentProcess.isEmpty() || parentProcess.get().pid() != pid) {
            // The parent may have died before this check, so this process now has another parent. Or the
            // variable came from elsewhere. Only a dead parent ends this process.
            if (ProcessHandle.of(pid).isEmpty()) {
                Runtime.getRuntime().halt(137);
            }
            return;
        }
        parentProcess.get().onExit().thenRun(() -> Runtime.getRuntime().halt(137));
    }

    /**
     * Returns the executable and arguments of this process, read from {@code /proc/self}. JDK 17's
     * {@code ProcessHandle.Info.arguments()} is empty when the command line is longer than one page, as with
     * {@code mvn javafx:run}'s module path, so the file is read directly.
     */
    static Optional<List<String>> currentCommandLine() {
        try {
            Path executable = Files.readSymbolicLink(Path.of("/proc/self/exe"));
            byte[] raw = Files.readAllBytes(Path.of("/proc/self/cmdline"));
            List<String> command = new ArrayList<>();
            command.add(executable.toString());
            int start = 0;
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] == 0) {
                    command.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            if (command.size() < 2) {
                return Optional.empty();
            }
            // The first cmdline entry is argv[0], which the executable path replaces.
            command.remove(1);
            return Optional.of(command);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
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
