package org.simclrstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simclrstudio.core.data.download.LoopbackArchiveServer;
import org.simclrstudio.core.data.download.TestArchives;
import picocli.CommandLine;

class DatasetsDownloadCommandTest {

    private static final byte[] ARCHIVE = TestArchives.tinyStl10().build();

    @TempDir
    Path temp;

    private record Result(int exitCode, String out, String err) {
    }

    private static Result execute(String... args) {
        CommandLine commandLine = SimclrCli.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    @Test
    void downloadPrintsFolderAndProgress() throws Exception {
        try (LoopbackArchiveServer server = new LoopbackArchiveServer(ARCHIVE)) {
            Result result = execute("datasets", "download", "stl10", "--dir", temp.toString(),
                    "--url", server.url().toString(), "--md5", TestArchives.md5(ARCHIVE).toUpperCase());

            assertEquals(0, result.exitCode(), result.err());
            assertEquals("STL-10 is ready in " + temp.resolve("stl10_binary") + System.lineSeparator(), result.out());
            assertTrue(result.err().contains("Extracted stl10_binary.tar.gz"), result.err());
            assertTrue(Files.isRegularFile(temp.resolve("stl10_binary/train_X.bin")));
        }
    }

    @Test
    void checksumMismatchIsOneLine() throws Exception {
        try (LoopbackArchiveServer server = new LoopbackArchiveServer(ARCHIVE)) {
            Result result = execute("datasets", "download", "stl10", "--dir", temp.toString(),
                    "--url", server.url().toString(), "--md5", "00000000000000000000000000000000");

            assertEquals(1, result.exitCode());
            String lastLine = result.err().strip().lines().reduce((first, second) -> second).orElse("");
            assertTrue(lastLine.startsWith("simclr-studio: error: Checksum mismatch for the archive from "
                    + server.url()), result.err());
            assertFalse(result.err().contains("\tat "), result.err());
        }
    }

    @Test
    void unknownDatasetRejected() {
        Result result = execute("datasets", "download", "cifar10", "--dir", temp.toString());

        assertEquals(2, result.exitCode());
        assertTrue(result.err().startsWith("simclr-studio: error: Unknown dataset 'cifar10': expected stl10."),
                result.err());
    }
}
