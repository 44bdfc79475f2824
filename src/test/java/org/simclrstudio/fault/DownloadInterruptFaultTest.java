package org.simclrstudio.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simclrstudio.app.Main;
import org.simclrstudio.core.data.download.LoopbackArchiveServer;
import org.simclrstudio.core.data.download.TestArchives;

/**
 * {@code datasets download} in a child JVM stopped with Ctrl-C (SIGINT) mid-download: the partial
 * archive stays, no dataset folder appears, and the same command then resumes with a Range request.
 */
class DownloadInterruptFaultTest {

    @TempDir
    Path temp;

    @Test
    void interruptedDownloadResumesNextRun() throws Exception {
        Assumptions.assumeTrue(System.getProperty("os.name", "").toLowerCase().contains("linux"),
                "skipped: sends SIGINT with kill(1)");
        byte[] archive = TestArchives.tinyStl10().build();
        int stall = archive.length / 2;
        Path dir = temp.resolve("datasets");
        Path part = dir.resolve("stl10_binary.tar.gz.part");
        try (LoopbackArchiveServer server = new LoopbackArchiveServer(archive).stallingFirstResponseAfter(stall)) {
            String[] args = {"datasets", "download", "stl10", "--dir", dir.toString(), "--url", server.url().toString(),
                "--md5", TestArchives.md5(archive)};
            Process child = new ProcessBuilder(ChildJvm.command(Main.class, args)).redirectErrorStream(true)
                    .redirectOutput(temp.resolve("first.log").toFile()).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (System.nanoTime() < deadline && child.isAlive()
                        && !(Files.exists(part) && Files.size(part) == stall)) {
                    Thread.sleep(20);
                }
                assertEquals(stall, Files.size(part), Files.readString(temp.resolve("first.log")));

                new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor();

                assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the download did not stop on SIGINT");
            } finally {
                child.destroyForcibly();
            }
            String firstLog = Files.readString(temp.resolve("first.log"));
            assertTrue(firstLog.contains("simclr-studio: error: Download cancelled; run the same command again to "
                    + "resume."), firstLog);
            assertEquals(stall, Files.size(part), "the partial archive stays for the next run");
            assertFalse(Files.exists(dir.resolve("stl10_binary")));

            ChildJvm.Result second = ChildJvm.run(ChildJvm.command(Main.class, args), 60);

            assertEquals(0, second.exitCode(), second.output());
            assertEquals("bytes=" + stall + "-", server.rangeHeaders().get(1));
            try (var files = Files.list(dir)) {
                assertEquals(List.of("stl10_binary"), files.map(path -> path.getFileName().toString()).toList());
            }
        }
    }
}
