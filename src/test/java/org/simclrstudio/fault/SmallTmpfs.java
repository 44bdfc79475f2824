package org.simclrstudio.fault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A size-limited tmpfs mounted on a test folder, for full-disk tests. Mounting needs root on Linux
 * (CI runs as root); elsewhere the test is skipped with the reason. Closing unmounts it.
 */
public final class SmallTmpfs implements AutoCloseable {

    private final Path mountPoint;

    private SmallTmpfs(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /**
     * Mounts a tmpfs of {@code size} (as {@code mount -o size=} takes it, such as {@code 2m}) on
     * {@code mountPoint}, creating the folder; skips the calling test when that is not possible.
     */
    public static SmallTmpfs mount(Path mountPoint, String size) throws IOException, InterruptedException {
        Assumptions.assumeTrue(System.getProperty("os.name", "").toLowerCase().contains("linux"),
                "full-disk test skipped: it mounts a tmpfs, which needs Linux");
        Files.createDirectories(mountPoint);
        Result result = run(List.of("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0777", "tmpfs",
                mountPoint.toString()));
        Assumptions.assumeTrue(result.exitCode() == 0, "full-disk test skipped: mounting a tmpfs on " + mountPoint
                + " failed (needs root): " + result.output().strip());
        return new SmallTmpfs(mountPoint);
    }

    /**
     * Changes the size limit to {@code size}, keeping the files; a limit below the space in use fails.
     *
     * @throws IOException when the remount fails
     */
    public void resize(String size) throws IOException, InterruptedException {
        Result result = run(List.of("mount", "-o", "remount,size=" + size, mountPoint.toString()));
        if (result.exitCode() != 0) {
            throw new IOException("Cannot resize the test tmpfs " + mountPoint + " to " + size + ": "
                    + result.output().strip());
        }
    }

    /** Returns the folder the tmpfs is mounted on. */
    public Path path() {
        return mountPoint;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Result result = run(List.of("umount", mountPoint.toString()));
        if (result.exitCode() != 0) {
            // A file still open in this JVM keeps the mount busy; detach it so the folder can be deleted.
            Result lazy = run(List.of("umount", "-l", mountPoint.toString()));
            if (lazy.exitCode() != 0) {
                throw new IOException("Cannot unmount the test tmpfs " + mountPoint + ": " + lazy.output().strip());
            }
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(-1, command.get(0) + " cannot be started: " + e.getMessage());
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-1, command + " did not finish within 30 s");
        }
        return new Result(process.exitValue(), output);
    }
}
