package org.simclrstudio.core.data.download;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives served over loopback whose entries try to write outside the target folder: each is rejected
 * and the files beside the target folder stay untouched.
 */
class UnsafeArchiveTest {

    private static final Stl10Downloader FAST = new Stl10Downloader()
            .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5))
            .withRetries(2, Duration.ZERO);
    private static final byte[] SECRET = "do not touch".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path temp;
    private Path dir;
    private Path outside;

    @BeforeEach
    void createFolders() throws IOException {
        dir = Files.createDirectories(temp.resolve("home/datasets"));
        outside = Files.createDirectories(temp.resolve("outside"));
        Files.write(outside.resolve("secret.txt"), SECRET);
    }

    private DownloadException rejected(TestArchives archive) throws IOException {
        byte[] bytes = archive.build();
        try (LoopbackArchiveServer server = new LoopbackArchiveServer(bytes)) {
            return assertThrows(DownloadException.class,
                    () -> FAST.download(dir, server.url(), TestArchives.md5(bytes), new RecordingContext()));
        }
    }

    private void assertNothingEscaped() throws IOException {
        assertEquals(List.of("home", "outside"), names(temp));
        assertEquals(List.of("datasets"), names(temp.resolve("home")));
        assertEquals(List.of("secret.txt"), names(outside));
        assertArrayEquals(SECRET, Files.readAllBytes(outside.resolve("secret.txt")));
        assertEquals(List.of(), names(dir), "no dataset, temporary folder or archive may stay in " + dir);
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    private static void assertRejects(DownloadException error, String entry, String reason) {
        assertTrue(error.getMessage().startsWith("Rejected the unsafe entry '" + entry + "'"), error.getMessage());
        assertTrue(error.getMessage().contains(reason), error.getMessage());
    }

    @Test
    void dotDotEntryRejected() throws IOException {
        DownloadException error = rejected(TestArchives.tinyStl10().file("stl10_binary/../../../outside/secret.txt",
                "overwritten".getBytes(StandardCharsets.US_ASCII)));

        assertRejects(error, "stl10_binary/../../../outside/secret.txt", "points outside the target folder");
        assertNothingEscaped();
    }

    @Test
    void absolutePathRejected() throws IOException {
        String absolute = outside.resolve("absolute.txt").toString();
        DownloadException error = rejected(TestArchives.tinyStl10().file(absolute, SECRET));

        assertRejects(error, absolute, "has an absolute path");
        assertNothingEscaped();
    }

    @Test
    void symbolicLinkOutRejected() throws IOException {
        DownloadException error = rejected(TestArchives.tinyStl10()
                .symbolicLink("stl10_binary/escape", "../../../../outside")
                .file("stl10_binary/escape/written-through-link.txt", SECRET));

        assertRejects(error, "stl10_binary/escape", "is a symbolic link to ../../../../outside, outside the target");
        assertNothingEscaped();
    }

    @Test
    void absoluteSymbolicLinkRejected() throws IOException {
        DownloadException error = rejected(TestArchives.tinyStl10().symbolicLink("stl10_binary/escape", outside.toString()));

        assertRejects(error, "stl10_binary/escape", "is a symbolic link to the absolute path");
        assertNothingEscaped();
    }

    @Test
    void hardLinkOutRejected() throws IOException {
        DownloadException error = rejected(TestArchives.tinyStl10()
                .hardLink("stl10_binary/secret.txt", "../../../outside/secret.txt"));

        assertRejects(error, "stl10_binary/secret.txt", "is a hard link to ../../../outside/secret.txt, outside");
        assertNothingEscaped();
    }

    @Test
    void absoluteHardLinkRejected() throws IOException {
        DownloadException error = rejected(TestArchives.tinyStl10()
                .hardLink("stl10_binary/secret.txt", outside.resolve("secret.txt").toString()));

        assertRejects(error, "stl10_binary/secret.txt", "is a hard link to the absolute path");
        assertNothingEscaped();
    }

    @Test
    void linksInsideTargetAreKept() throws Exception {
        byte[] bytes = TestArchives.tinyStl10()
                .symbolicLink("stl10_binary/labels-alias.bin", "train_y.bin")
                .hardLink("stl10_binary/labels-copy.bin", "stl10_binary/train_y.bin")
                .build();
        try (LoopbackArchiveServer server = new LoopbackArchiveServer(bytes)) {
            Path folder = FAST.download(dir, server.url(), TestArchives.md5(bytes), new RecordingContext());

            assertTrue(Files.isSymbolicLink(folder.resolve("labels-alias.bin")));
            assertArrayEquals(new byte[] {1, 10, 5}, Files.readAllBytes(folder.resolve("labels-alias.bin")));
            assertTrue(Files.isRegularFile(folder.resolve("labels-copy.bin"), LinkOption.NOFOLLOW_LINKS));
            assertArrayEquals(new byte[] {1, 10, 5}, Files.readAllBytes(folder.resolve("labels-copy.bin")));
        }
    }

    @Test
    void rejectionMessageSaysArchiveDeleted() throws IOException {
        DownloadException error = rejected(TestArchives.tinyStl10().file("../evil.txt", SECRET));

        assertTrue(error.getMessage().endsWith("was deleted; check --url and --md5."), error.getMessage());
        assertFalse(Files.exists(dir.resolve("../evil.txt")));
    }
}
