package org.simclrstudio.fault;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a class of the test classpath in a separate JVM, as a real process that can be killed,
 * denied file access or run out of disk.
 */
final class ChildJvm {

    private ChildJvm() {
    }

    /** Output and exit status of a finished child. */
    record Result(int exitCode, String output) {
    }

    /** Returns the command that runs {@code mainClass} with {@code args} on this JVM's classpath. */
    static List<String> command(Class<?> mainClass, String... args) {
        List<String> command = new ArrayList<>();
        // One process per child: without this, app.Main relaunches itself with tuned malloc settings, and a
        // kill would hit the waiting parent while the relaunched JVM trains on.
        command.add("/usr/bin/env");
        command.add("SIMCLR_STUDIO_ALLOCATOR=off");
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Djava.awt.headless=true");
        command.add("-Dai.djl.offline=true");
        String home = System.getProperty("simclr.home");
        if (home != null) {
            command.add("-Dsimclr.home=" + home);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Returns {@code command} prefixed so that it runs as root without the capabilities that bypass
     * file permissions ({@code CAP_DAC_OVERRIDE}, {@code CAP_DAC_READ_SEARCH}), so mode 000 files are
     * unreadable even to root; null when {@code setpriv} is missing.
     */
    static List<String> withoutPermissionBypass(List<String> command) {
        if (!new File("/usr/bin/setpriv").canExecute()) {
            return null;
        }
        List<String> prefixed = new ArrayList<>(List.of("/usr/bin/setpriv",
                "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-dac_override,-dac_read_search"));
        prefixed.addAll(command);
        return prefixed;
    }

    /** Runs {@code command} to completion (at most {@code timeoutSeconds}) and returns its merged output. */
    static Result run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[][] output = new byte[1][];
        Thread reader = new Thread(() -> {
            try {
                output[0] = process.getInputStream().readAllBytes();
            } catch (IOException e) {
                output[0] = ("<output unreadable: " + e.getMessage() + ">").getBytes(StandardCharsets.UTF_8);
            }
        });
        reader.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            reader.join();
            throw new IllegalStateException("Child " + command + " did not finish within " + timeoutSeconds
                    + " s; output: " + new String(output[0], StandardCharsets.UTF_8));
        }
        reader.join();
        return new Result(process.exitValue(), new String(output[0], StandardCharsets.UTF_8));
    }
}
