package org.simclrstudio.core.data.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simclrstudio.fault.SmallTmpfs;

/** Downloads into a 2 MB tmpfs: too little room is reported before the disk fills, and a full disk cleans up. */
class FullDiskDownloadTest {

    private static final Stl10Downloader FAST = new Stl10Downloader()
            .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5))
            .withRetries(2, Duration.ZERO);

    @TempDir
    Path temp;

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void archiveTooLargeRejectedBeforeDownload() throws Exception {
        byte[] archive = TestArchives.builder()
                .file("stl10_binary/train_X.bin", TestArchives.noise(new Random(1), 3_000_000)).build();
        try (SmallTmpfs disk = SmallTmpfs.mount(temp.resolve("disk"), "2m");
                LoopbackArchiveServer server = new LoopbackArchiveServer(archive)) {
            DownloadException error = assertThrows(DownloadException.class,
                    () -> FAST.download(disk.path(), server.url(), TestArchives.md5(archive), new RecordingContext()));

            assertTrue(error.getMessage().startsWith("Not enough free disk space in " + disk.path() + ": "),
                    error.getMessage());
            assertTrue(error.getMessage().endsWith("Free some space or choose another --dir."), error.getMessage());
            assertEquals(List.of(), names(disk.path()));
        }
    }

    @Test
    void extractionTooLargeRejectedBeforeExtracting() throws Exception {
        byte[] archive = TestArchives.tinyStl10().file("stl10_binary/padding.bin", new byte[5_000_000]).build();
        try (SmallTmpfs disk = SmallTmpfs.mount(temp.resolve("disk"), "2m");
                LoopbackArchiveServer server = new LoopbackArchiveServer(archive)) {
            DownloadException error = assertThrows(DownloadException.class,
                    () -> FAST.download(disk.path(), server.url(), TestArchives.md5(archive), new RecordingContext()));

            assertTrue(error.getMessage().startsWith("Not enough free disk space in " + disk.path() + ": "),
                    error.getMessage());
            assertTrue(error.getMessage().contains("the verified archive was kept"), error.getMessage());
            assertEquals(List.of("stl10_binary.tar.gz"), names(disk.path()));
        }
    }

    @Test
    void diskFullDuringExtractionCleansUp() throws Exception {
        byte[] archive = TestArchives.tinyStl10().file("stl10_binary/padding.bin", new byte[5_000_000]).build();
        // A gzip trailer that declares 1,000 bytes hides the real size from the check before extraction.
        archive[archive.length - 4] = (byte) 0xE8;
        archive[archive.length - 3] = 0x03;
        archive[archive.length - 2] = 0;
        archive[archive.length - 1] = 0;
        try (SmallTmpfs disk = SmallTmpfs.mount(temp.resolve("disk"), "2m");
                LoopbackArchiveServer server = new LoopbackArchiveServer(archive)) {
            DownloadException error = assertThrows(DownloadException.class,
                    () -> FAST.download(disk.path(), server.url(), TestArchives.md5(archive), new RecordingContext()));

            assertTrue(error.getMessage().startsWith("Cannot write " + disk.path()), error.getMessage());
            assertTrue(error.getMessage().contains("No space left on device"), error.getMessage());
            assertEquals(List.of("stl10_binary.tar.gz"), names(disk.path()),
                    "the partial extraction is deleted, the verified archive stays");
            assertFalse(Files.exists(disk.path().resolve("stl10_binary")));
        }
    }
}
