package org.simclrstudio.core.data.download;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import org.simclrstudio.core.task.TaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads the STL-10 binary archive, verifies its MD5 checksum and extracts it into
 * {@code DIR/stl10_binary}.
 *
 * <p>The archive is downloaded to {@code DIR/stl10_binary.tar.gz.part}; an interrupted or cancelled
 * download resumes from there with an HTTP {@code Range} request. The complete archive is renamed to
 * {@code stl10_binary.tar.gz}, checked against the MD5 sum (a mismatch deletes it) and extracted
 * into a hidden temporary folder inside {@code DIR}, which is renamed to {@code DIR/stl10_binary} only
 * when every entry is written. So {@code DIR/stl10_binary} exists only when complete, whenever the
 * process stops. The archive is deleted after a successful extraction unless {@link #keepArchive} is
 * set. Free disk space is checked before the download (archive plus an estimate of the
 * extracted size) and again before extraction (the size the gzip trailer declares).
 *
 * <p>Instances are immutable and safe to share; {@code with...} methods return changed copies.
 */
public final class Stl10Downloader {

    /** The official archive of the STL-10 binary files. */
    public static final URI DEFAULT_URL = URI.create("http://ai.stanford.edu/~acoates/stl10/stl10_binary.tar.gz");
    /** MD5 checksum of the official archive. */
    public static final String DEFAULT_MD5 = "91f7769df0f17e558f3565bffb0c7dfb";
    /** Name of the extracted dataset folder inside the target folder. */
    public static final String FOLDER_NAME = "stl10_binary";
    /** Name of the downloaded archive inside the target folder. */
    public static final String ARCHIVE_NAME = FOLDER_NAME + ".tar.gz";

    /**
     * Extracted size of the official archive: 13,000 labelled and 100,000 unlabelled images of 27,648
     * bytes, 13,000 label bytes and two small text files (estimated at 60 kB). Used when nothing better
     * is known.
     */
    static final long STL10_EXTRACTED_BYTES = 113_000L * 27_648 + 13_000 + 60_000;
    /** Ratio of extracted to compressed size, used to estimate the extracted size of an archive before download. */
    private static final double EXTRACTED_PER_ARCHIVE_BYTE = 1.2;

    private static final Logger LOG = LoggerFactory.getLogger(Stl10Downloader.class);
    private static final String TEMP_PREFIX = "." + FOLDER_NAME + ".extracting-";
    private static final String LOCK_NAME = "." + FOLDER_NAME + ".download.lock";

    private final Duration connectTimeout;
    private final Duration responseTimeout;
    private final Duration stallTimeout;
    private final int maxAttemptsInARow;
    private final Duration retryDelay;
    private final boolean keepArchive;

    /**
     * Creates a downloader with 20 s to connect, 60 s to receive the response headers, 60 s of silence
     * before a connection counts as broken, and 5 attempts in a row without progress, 3 s apart.
     */
    public Stl10Downloader() {
        this(Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(60), 5, Duration.ofSeconds(3), false);
    }

    private Stl10Downloader(Duration connectTimeout, Duration responseTimeout, Duration stallTimeout,
            int maxAttemptsInARow, Duration retryDelay, boolean keepArchive) {
        this.connectTimeout = connectTimeout;
        this.responseTimeout = responseTimeout;
        this.stallTimeout = stallTimeout;
        this.maxAttemptsInARow = maxAttemptsInARow;
        this.retryDelay = retryDelay;
        this.keepArchive = keepArchive;
    }

    /**
     * Returns a copy with other timeouts.
     *
     * @param connect time allowed to open the connection
     * @param response time allowed from the request to the response headers
     * @param stall time without body bytes after which the connection is resumed
     */
    public Stl10Downloader withTimeouts(Duration connect, Duration response, Duration stall) {
        return new Stl10Downloader(connect, response, stall, maxAttemptsInARow, retryDelay, keepArchive);
    }

    /**
     * Returns a copy with another retry policy.
     *
     * @param attemptsInARow attempts that bring no new bytes before the download fails, at least 1
     * @param delay pause before each resume
     */
    public Stl10Downloader withRetries(int attemptsInARow, Duration delay) {
        if (attemptsInARow < 1) {
            throw new IllegalArgumentException("attemptsInARow must be at least 1, got " + attemptsInARow);
        }
        return new Stl10Downloader(connectTimeout, responseTimeout, stallTimeout, attemptsInARow, delay, keepArchive);
    }

    /** Returns a copy that keeps ({@code true}) or deletes the archive after a successful extraction. */
    public Stl10Downloader keepArchive(boolean keep) {
        return new Stl10Downloader(connectTimeout, responseTimeout, stallTimeout, maxAttemptsInARow, retryDelay, keep);
    }

    /** Returns the folder a download into {@code dir} produces: {@code dir/stl10_binary}. */
    public static Path datasetFolder(Path dir) {
        return dir.resolve(FOLDER_NAME);
    }

    /**
     * Downloads, verifies and extracts the archive at {@code url} into {@code dir/stl10_binary}. Returns at
     * once when that folder exists already. Progress goes to {@code context} as bytes done out of the
     * total, with a message giving bytes, rate and time left of the current phase (download, checksum,
     * extraction).
     *
     * @param dir target folder, created when missing
     * @param url archive location, {@link #DEFAULT_URL} for the official one
     * @param md5 expected MD5 checksum of the archive as 32 hexadecimal digits, {@link #DEFAULT_MD5} for the
     *     official one
     * @return the extracted dataset folder {@code dir/stl10_binary}
     * @throws DownloadException with a one-line message naming the URL or file when a step fails
     * @throws CancellationException when {@code context} is cancelled; a partial download stays for a resume,
     *     a partial extraction is deleted
     */
    public Path download(Path dir, URI url, String md5, TaskContext context) throws DownloadException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(context, "context");
        String expectedMd5 = normaliseMd5(md5);
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new DownloadException("Invalid download URL " + url + ": expected an http:// or https:// address.");
        }
        Path folder = datasetFolder(dir);
        if (Files.isDirectory(folder)) {
            LOG.info("{} exists already; nothing to download", folder);
            context.progress(1, 1, folder + " exists already");
            return folder;
        }
        createFolder(dir);
        Path lockFile = dir.resolve(LOCK_NAME);
        try (FileChannel lockChannel = openLock(lockFile); FileLock lock = tryLock(lockChannel, dir)) {
            try {
                deleteStaleExtractions(dir);
                Path archive = dir.resolve(ARCHIVE_NAME);
                if (!Files.exists(archive)) {
                    fetch(url, dir, archive, context);
                } else {
                    LOG.info("Using the archive {} downloaded earlier", archive);
                }
                verifyMd5(archive, expectedMd5, url, context);
                checkSpaceForExtraction(dir, archive);
                extractIntoPlace(archive, dir, folder, url, context);
                if (!keepArchive) {
                    deleteQuietly(archive);
                }
            } finally {
                // Deleted while still locked, so a waiting download cannot lose a lock it holds.
                deleteQuietly(lockFile);
            }
        } catch (IOException e) {
            throw new DownloadException("Cannot lock " + lockFile + ": " + e.getMessage(), e);
        }
        LOG.info("STL-10 is ready in {}", folder);
        return folder;
    }

    private void fetch(URI url, Path dir, Path archive, TaskContext context) throws DownloadException {
        Path part = dir.resolve(ARCHIVE_NAME + ".part");
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        ResumableHttpDownload download =
                new ResumableHttpDownload(client, responseTimeout, stallTimeout, maxAttemptsInARow, retryDelay);
        download.fetch(url, part, (remaining, archiveBytes) -> checkSpaceForDownload(dir, remaining, archiveBytes),
                context, ARCHIVE_NAME);
        try {
            Files.move(part, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DownloadException("Cannot rename " + part + " to " + archive + ": " + e.getMessage(), e);
        }
    }

    private static void checkSpaceForDownload(Path dir, long remaining, long archiveBytes) throws DownloadException {
        if (remaining < 0) {
            return;
        }
        long extracted = archiveBytes < 0 ? STL10_EXTRACTED_BYTES : (long) Math.ceil(archiveBytes * EXTRACTED_PER_ARCHIVE_BYTE);
        requireSpace(dir, remaining + extracted, "the archive (" + TransferMeter.formatBytes(remaining)
                + " still to download) and its extracted files (about " + TransferMeter.formatBytes(extracted) + ")");
    }

    private static void checkSpaceForExtraction(Path dir, Path archive) throws DownloadException {
        long declared = SafeTarExtractor.declaredUncompressedSize(archive);
        long needed = declared > 0 ? declared : STL10_EXTRACTED_BYTES;
        requireSpace(dir, needed, "the extracted files of " + archive.getFileName() + " (about "
                + TransferMeter.formatBytes(needed) + "); the verified archive was kept, so the next run skips the download");
    }

    private static void requireSpace(Path dir, long needed, String what) throws DownloadException {
        long usable;
        try {
            usable = Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            LOG.warn("Cannot read the free space of {}: {}", dir, e.getMessage());
            return;
        }
        if (usable < needed) {
            throw new DownloadException("Not enough free disk space in " + dir + ": " + TransferMeter.formatBytes(usable)
                    + " free, " + TransferMeter.formatBytes(needed) + " needed for " + what
                    + ". Free some space or choose another --dir.");
        }
    }

    private static void verifyMd5(Path archive, String expected, URI url, TaskContext context) throws DownloadException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK lacks MD5, which every Java platform must provide", e);
        }
        try (InputStream in = Files.newInputStream(archive)) {
            long total = Files.size(archive);
            TransferMeter meter = new TransferMeter(0, total);
            byte[] buffer = new byte[1 << 16];
            long done = 0;
            long lastReport = 0;
            int read;
            while ((read = in.read(buffer)) != -1) {
                digest.update(buffer, 0, read);
                done += read;
                if (done - lastReport >= 16L << 20) {
                    context.throwIfCancelled();
                    lastReport = done;
                    meter.update(done);
                    context.progress(done, total, "Verifying the checksum of " + ARCHIVE_NAME + ": " + meter.describe());
                }
            }
        } catch (IOException e) {
            throw new DownloadException("Cannot read " + archive + " to verify its checksum: " + e.getMessage(), e);
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(expected)) {
            deleteQuietly(archive);
            throw new DownloadException("Checksum mismatch for the archive from " + url + ": MD5 " + actual
                    + ", expected " + expected + ". The damaged file " + archive
                    + " was deleted; run the command again to download it again.");
        }
        LOG.info("MD5 of {} verified: {}", archive, actual);
    }

    private void extractIntoPlace(Path archive, Path dir, Path folder, URI url, TaskContext context)
            throws DownloadException {
        Path temp;
        try {
            temp = Files.createTempDirectory(dir, TEMP_PREFIX);
        } catch (IOException e) {
            throw new DownloadException("Cannot create a temporary folder in " + dir + ": " + e.getMessage(), e);
        }
        try {
            try {
                SafeTarExtractor.extract(archive, temp, context, ARCHIVE_NAME);
            } catch (SafeTarExtractor.InvalidArchiveException e) {
                deleteQuietly(archive);
                throw new DownloadException(e.getMessage() + " The archive from " + url
                        + " was deleted; check --url and --md5.", e);
            }
            context.throwIfCancelled();
            Path extracted = temp.resolve(FOLDER_NAME);
            if (!Files.isDirectory(extracted)) {
                deleteQuietly(archive);
                throw new DownloadException("The archive from " + url + " contains no " + FOLDER_NAME
                        + " folder, so it is not the STL-10 binary archive. It was deleted; check --url and --md5.");
            }
            moveIntoPlace(extracted, folder);
        } finally {
            SafeTarExtractor.deleteRecursively(temp);
        }
    }

    private static void moveIntoPlace(Path extracted, Path folder) throws DownloadException {
        try {
            Files.move(extracted, folder, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new DownloadException("Cannot rename " + extracted + " to " + folder + " in one step: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new DownloadException("Cannot rename " + extracted + " to " + folder + ": " + e.getMessage()
                    + (Files.exists(folder) ? ". That folder appeared meanwhile; delete it and try again." : ""), e);
        }
    }

    private static void deleteStaleExtractions(Path dir) {
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(dir, TEMP_PREFIX + "*")) {
            for (Path path : stale) {
                LOG.info("Deleting {}, left by an extraction that was interrupted", path);
                SafeTarExtractor.deleteRecursively(path);
            }
        } catch (IOException e) {
            LOG.warn("Cannot list {} for interrupted extractions: {}", dir, e.getMessage());
        }
    }

    private static void createFolder(Path dir) throws DownloadException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DownloadException("Cannot create the folder " + dir + ": " + e.getMessage()
                    + ". Choose another --dir.", e);
        }
    }

    private static FileChannel openLock(Path lockFile) throws DownloadException {
        try {
            return FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new DownloadException("Cannot write in " + lockFile.getParent() + ": " + e.getMessage()
                    + ". Choose another --dir.", e);
        }
    }

    private static FileLock tryLock(FileChannel channel, Path dir) throws IOException, DownloadException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new DownloadException("Another download into " + dir + " is running; wait for it to finish.");
        }
        return lock;
    }

    private static String normaliseMd5(String md5) throws DownloadException {
        String value = md5 == null ? "" : md5.trim().toLowerCase(Locale.ROOT);
        if (!value.matches("[0-9a-f]{32}")) {
            throw new DownloadException("Invalid MD5 checksum '" + md5 + "': expected 32 hexadecimal digits.");
        }
        return value;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete {}: {}", file, e.getMessage());
        }
    }
}
