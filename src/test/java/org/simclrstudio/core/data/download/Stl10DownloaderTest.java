package org.simclrstudio.core.data.download;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simclrstudio.core.data.Stl10Dataset;

class Stl10DownloaderTest {

    private static final Stl10Downloader FAST = new Stl10Downloader()
            .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5))
            .withRetries(3, Duration.ZERO);

    @TempDir
    Path temp;

    private static final byte[] GOOD = TestArchives.tinyStl10().build();
    private static final String GOOD_MD5 = TestArchives.md5(GOOD);

    private static List<String> namesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    private static void assertSameBytes(Path expectedArchiveFolder, String name, byte[] expected) throws IOException {
        assertArrayEquals(expected, Files.readAllBytes(expectedArchiveFolder.resolve(name)), name);
    }

    @Test
    void goodArchiveExtractsIntoPlace() throws Exception {
        Path dir = temp.resolve("datasets");
        RecordingContext context = new RecordingContext();
        try (LoopbackArchiveServer server = new LoopbackArchiveServer(GOOD)) {
            Path folder = FAST.download(dir, server.url(), GOOD_MD5, context);

            assertEquals(dir.resolve("stl10_binary"), folder);
            assertEquals(List.of("class_names.txt", "fold_indices.txt", "test_X.bin", "test_y.bin", "train_X.bin",
                    "train_y.bin", "unlabeled_X.bin"), namesIn(folder));
            assertSameBytes(folder, "train_y.bin", new byte[] {1, 10, 5});
            assertEquals(4L * TestArchives.IMAGE_BYTES, Files.size(folder.resolve("unlabeled_X.bin")));
            assertEquals(List.of("stl10_binary"), namesIn(dir), "archive, .part, lock and temporary folder must be gone");
            assertEquals(List.of(""), server.rangeHeaders());
            assertTrue(context.anyMessageStartsWith("Extracted"), context.messages().toString());
        }
    }

    @Test
    void downloadedFolderOpensAsStl10() throws Exception {
        try (LoopbackArchiveServer server = new LoopbackArchiveServer(GOOD)) {
            Path folder = FAST.download(temp, server.url(), GOOD_MD5, new RecordingContext());

            try (Stl10Dataset dataset = Stl10Dataset.open(folder)) {
                assertEquals(10, dataset.classNames().size());
                assertEquals(3, dataset.split("train").orElseThrow().size());
                assertEquals(9, dataset.split("train").orElseThrow().label(1), "label 10 on disk is 9 in the app");
                assertEquals(2, dataset.split("test").orElseThrow().size());
                assertEquals(4, dataset.split("unlabeled").orElseThrow().size());
                assertEquals(96, dataset.split("unlabeled").orElseThrow().image(3).width());
            }
        }
    }

    @Test
    void existingFolderSkipsDownload() throws Exception {
        Path dir = temp.resolve("datasets");
        try (LoopbackArchiveServer server = new LoopbackArchiveServer(GOOD)) {
            FAST.download(dir, server.url(), GOOD_MD5, new RecordingContext());
            FAST.download(dir, server.url(), GOOD_MD5, new RecordingContext());

            assertEquals(1, server.requestCount());
        }
    }

    @Test
    void redirectIsFollowed() throws Exception {
        try (LoopbackArchiveServer server = new LoopbackArchiveServer(GOOD)) {
            Path folder = FAST.download(temp, server.redirectingUrl(), GOOD_MD5, new RecordingContext());

            assertTrue(Files.isRegularFile(folder.resolve("train_X.bin")));
        }
    }

    @Test
    void keepArchiveLeavesVerifiedArchive() throws Exception {
        try (LoopbackArchiveServer server = new LoopbackArchiveServer(GOOD)) {
            FAST.keepArchive(true).download(temp, server.url(), GOOD_MD5, new RecordingContext());

            assertArrayEquals(GOOD, Files.readAllBytes(temp.resolve("stl10_binary.tar.gz")));
        }
    }

    @Test
    void wrongChecksumDeletesArchive() throws Exception {
        String wrong = "0123456789abcdef0123456789abcdef";
        try (LoopbackArchiveServer server = new LoopbackArchiveServer(GOOD)) {
            DownloadException error = assertThrows(DownloadException.class,
                    () -> FAST.download(temp, server.url(), wrong, new RecordingContext()));

            assertTrue(error.getMessage().startsWith("Checksum mismatch for the archive from " + server.url()),
                    error.getMessage());
            assertTrue(error.getMessage().contains("MD5 " + GOOD_MD5 + ", expected " + wrong), error.getMessage());
            assertTrue(error.getMessage().contains("was deleted"), error.getMessage());
            assertEquals(List.of(), namesIn(temp));
        }
    }

    @Test
    void invalidChecksumTextRejectedFirst() {
        DownloadException error = assertThrows(DownloadException.class,
                () -> FAST.download(temp, URI.create("http://127.0.0.1:9/x"), "abc", new RecordingContext()));

        assertEquals("Invalid MD5 checksum 'abc': expected 32 hexadecimal digits.", error.getMessage());
    }

    @Test
    void cutConnectionResumesWithRange() throws Exception {
        int cut = GOOD.length / 2;
        try (LoopbackArchiveServer server = new LoopbackArchiveServer(GOOD).cuttingFirstResponseAfter(cut)) {
            Path folder = FAST.download(temp, server.url(), GOOD_MD5, new RecordingContext());

            assertEquals(List.of("", "bytes=" + cut + "-"), server.rangeHeaders());
            assertSameBytes(folder, "test_y.bin", new byte[] {3, 7});
        }
    }

    @Test
    void cancelledDownloadResumesOnNextCall() throws Exception {
        int stall = GOOD.length / 3;
        Path part = temp.resolve("stl10_binary.tar.gz.part");
        try (LoopbackArchiveServer server = new LoopbackArchiveServer(GOOD).stallingFirstResponseAfter(stall)) {
            RecordingContext cancelAtStall = new RecordingContext(() -> sizeOf(part) >= stall);
            assertThrows(CancellationException.class, () -> FAST.download(temp, server.url(), GOOD_MD5, cancelAtStall));
            assertEquals(stall, Files.size(part), "the partial download stays for a resume");
            assertFalse(Files.exists(temp.resolve("stl10_binary")));

            Path folder = FAST.download(temp, server.url(), GOOD_MD5, new RecordingContext());

            assertEquals("bytes=" + stall + "-", server.rangeHeaders().get(1));
            assertTrue(Files.isRegularFile(folder.resolve("unlabeled_X.bin")));
        }
    }

    @Test
    void serverIgnoringRangeRestartsCleanly() throws Exception {
        Path part = temp.resolve("stl10_binary.tar.gz.part");
        Files.write(part, new byte[1000]);
        try (LoopbackArchiveServer server = new LoopbackArchiveServer(GOOD).ignoringRange()) {
            Path folder = FAST.download(temp, server.url(), GOOD_MD5, new RecordingContext());

            assertEquals(List.of("bytes=1000-"), server.rangeHeaders());
            assertTrue(Files.isRegularFile(folder.resolve("train_X.bin")));
        }
    }

    @Test
    void stalledServerGivesUpAfterRetries() throws Exception {
        Stl10Downloader impatient = FAST.withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(1))
                .withRetries(1, Duration.ZERO);
        try (LoopbackArchiveServer server = new LoopbackArchiveServer(GOOD).stallingFirstResponseAfter(100)) {
            DownloadException error = assertThrows(DownloadException.class,
                    () -> impatient.download(temp, server.url(), GOOD_MD5, new RecordingContext()));

            assertTrue(error.getMessage().startsWith("Download from " + server.url() + " failed 1 times in a row: "
                    + "no data for 1 s"), error.getMessage());
            assertEquals(100, Files.size(temp.resolve("stl10_binary.tar.gz.part")));
        }
    }

    @Test
    void httpErrorNamesStatusAndUrl() throws Exception {
        try (LoopbackArchiveServer server = new LoopbackArchiveServer(GOOD).failingWith(404)) {
            DownloadException error = assertThrows(DownloadException.class,
                    () -> FAST.download(temp, server.url(), GOOD_MD5, new RecordingContext()));

            assertEquals("Download from " + server.url() + " failed: HTTP 404 (not found; check the address).",
                    error.getMessage());
        }
    }

    @Test
    void refusedConnectionNamesUrl() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + port + "/stl10_binary.tar.gz");

        DownloadException error = assertThrows(DownloadException.class,
                () -> FAST.download(temp, url, GOOD_MD5, new RecordingContext()));

        assertTrue(error.getMessage().startsWith("Cannot connect to " + url + ": connection refused."), error.getMessage());
    }

    @Test
    void silentServerTimesOut() throws Exception {
        Stl10Downloader impatient = FAST.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            URI url = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/stl10_binary.tar.gz");
            Thread acceptor = new Thread(() -> {
                try (Socket ignored = socket.accept()) {
                    Thread.sleep(5000);
                } catch (IOException | InterruptedException e) {
                    // The test ends by closing the server socket.
                }
            });
            acceptor.start();

            DownloadException error = assertThrows(DownloadException.class,
                    () -> impatient.download(temp, url, GOOD_MD5, new RecordingContext()));

            assertEquals(url + " did not respond within 1 s. Try again later or use another --url.", error.getMessage());
            acceptor.interrupt();
        }
    }

    @Test
    void cancelDuringExtractionLeavesNoDataset() throws Exception {
        RecordingContext cancelAfterFirstFile = new RecordingContext(() -> extractedFileCount(temp) >= 1);
        try (LoopbackArchiveServer server = new LoopbackArchiveServer(GOOD)) {
            assertThrows(CancellationException.class,
                    () -> FAST.download(temp, server.url(), GOOD_MD5, cancelAfterFirstFile));

            assertEquals(List.of("stl10_binary.tar.gz"), namesIn(temp),
                    "the verified archive stays, the partial extraction is deleted");

            FAST.download(temp, server.url(), GOOD_MD5, new RecordingContext());

            assertEquals(1, server.requestCount(), "the second call extracts the kept archive");
            assertEquals(List.of("stl10_binary"), namesIn(temp));
        }
    }

    @Test
    void staleExtractionFolderIsRemoved() throws Exception {
        Path stale = Files.createDirectories(temp.resolve(".stl10_binary.extracting-12345/stl10_binary"));
        Files.write(stale.resolve("train_X.bin"), new byte[10]);
        try (LoopbackArchiveServer server = new LoopbackArchiveServer(GOOD)) {
            FAST.download(temp, server.url(), GOOD_MD5, new RecordingContext());

            assertEquals(List.of("stl10_binary"), namesIn(temp));
        }
    }

    @Test
    void nonStl10ArchiveRejected() throws Exception {
        byte[] other = TestArchives.builder().file("mnist/train.idx", new byte[] {1, 2, 3}).build();
        try (LoopbackArchiveServer server = new LoopbackArchiveServer(other)) {
            DownloadException error = assertThrows(DownloadException.class,
                    () -> FAST.download(temp, server.url(), TestArchives.md5(other), new RecordingContext()));

            assertTrue(error.getMessage().contains("contains no stl10_binary folder"), error.getMessage());
            assertFalse(Files.exists(temp.resolve("stl10_binary")));
        }
    }

    @Test
    void corruptGzipRejectedWithFileName() throws Exception {
        byte[] corrupt = GOOD.clone();
        for (int i = 100; i < 400; i++) {
            corrupt[i] = (byte) 0xAA;
        }
        try (LoopbackArchiveServer server = new LoopbackArchiveServer(corrupt)) {
            DownloadException error = assertThrows(DownloadException.class,
                    () -> FAST.download(temp, server.url(), TestArchives.md5(corrupt), new RecordingContext()));

            assertTrue(error.getMessage().startsWith(temp.resolve("stl10_binary.tar.gz") + " is not a valid .tar.gz"),
                    error.getMessage());
            assertFalse(Files.exists(temp.resolve("stl10_binary")));
        }
    }

    static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    static long extractedFileCount(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(path -> path.toString().contains(".stl10_binary.extracting-"))
                    .filter(Files::isRegularFile)
                    .count();
        } catch (IOException e) {
            return 0;
        }
    }
}
