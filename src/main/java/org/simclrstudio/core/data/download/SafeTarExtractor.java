package org.simclrstudio.core.data.download;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.io.input.BoundedInputStream;
import org.simclrstudio.core.task.TaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts a {@code .tar.gz} archive, streaming, into a folder and never outside it. Entries whose
 * path is absolute or climbs out with {@code ..}, symbolic links whose target lies outside the folder,
 * hard links to files outside it, and device or FIFO entries are rejected before anything is written
 * for them. Files are opened without following links, so a link extracted earlier cannot redirect a
 * later entry.
 */
public final class SafeTarExtractor {

    private static final Logger LOG = LoggerFactory.getLogger(SafeTarExtractor.class);
    private static final int BUFFER_BYTES = 1 << 16;

    private SafeTarExtractor() {
    }

    /**
     * Extracts {@code archive} into {@code target}, which must exist and be empty. On failure or cancel
     * the files already written stay in {@code target}; the caller deletes the folder.
     *
     * @param label archive name shown in progress messages
     * @throws DownloadException when an entry is unsafe, the archive is corrupt or a file cannot be written;
     *     an {@link InvalidArchiveException} for the first two
     * @throws CancellationException when {@code context} is cancelled
     */
    public static void extract(Path archive, Path target, TaskContext context, String label) throws DownloadException {
        Path root;
        try {
            root = target.toRealPath();
        } catch (IOException e) {
            throw new DownloadException("Cannot open the extraction folder " + target + ": " + e.getMessage(), e);
        }
        long archiveBytes;
        try {
            archiveBytes = Files.size(archive);
        } catch (IOException e) {
            throw new DownloadException("Cannot read " + archive + ": " + e.getMessage(), e);
        }
        TransferMeter meter = new TransferMeter(0, archiveBytes);
        // The bounded stream without a limit counts the compressed bytes read, for progress.
        try (BoundedInputStream counted = BoundedInputStream.builder()
                        .setInputStream(new BufferedInputStream(Files.newInputStream(archive), BUFFER_BYTES)).get();
                GzipCompressorInputStream gzip = new GzipCompressorInputStream(counted, true);
                TarArchiveInputStream tar = new TarArchiveInputStream(gzip)) {
            byte[] buffer = new byte[BUFFER_BYTES];
            long lastReport = 0;
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                context.throwIfCancelled();
                Path destination = destinationOf(root, entry.getName(), archive);
                if (destination.equals(root) && !entry.isDirectory()) {
                    throw unsafe(archive, entry.getName(), "would replace the target folder itself");
                }
                if (entry.isDirectory()) {
                    createDirectories(root, destination, archive, entry.getName());
                } else if (entry.isSymbolicLink()) {
                    createSymbolicLink(root, destination, entry, archive);
                } else if (entry.isLink()) {
                    createHardLink(root, destination, entry, archive);
                } else if (entry.isFile()) {
                    createDirectories(root, destination.getParent(), archive, entry.getName());
                    try (OutputStream out = openNewFile(destination)) {
                        int read;
                        while ((read = tar.read(buffer)) != -1) {
                            out.write(buffer, 0, read);
                            if (counted.getCount() - lastReport >= 4 * BUFFER_BYTES) {
                                context.throwIfCancelled();
                                lastReport = counted.getCount();
                                meter.update(lastReport);
                                context.progress(lastReport, archiveBytes, "Extracting " + label + ": "
                                        + meter.describe());
                            }
                        }
                    } catch (IOException e) {
                        throw new DownloadException("Cannot write " + destination + " while extracting " + archive
                                + ": " + e.getMessage() + ". Free some disk space and run the command again.", e);
                    }
                } else {
                    throw unsafe(archive, entry.getName(), "is a device or FIFO");
                }
            }
            context.progress(archiveBytes, archiveBytes, "Extracted " + label);
        } catch (IOException e) {
            throw new InvalidArchiveException(archive + " is not a valid .tar.gz archive: " + e.getMessage() + ".", e);
        }
    }

    /** Resolves an entry name inside {@code root}, rejecting absolute paths and names that climb out. */
    private static Path destinationOf(Path root, String name, Path archive) throws DownloadException {
        String normalised = name.replace('\\', '/');
        if (normalised.startsWith("/") || normalised.matches("^[A-Za-z]:.*")) {
            throw unsafe(archive, name, "has an absolute path");
        }
        Path destination = root.resolve(normalised).normalize();
        if (!destination.startsWith(root)) {
            throw unsafe(archive, name, "points outside the target folder");
        }
        return destination;
    }

    private static void createDirectories(Path root, Path directory, Path archive, String name) throws DownloadException {
        try {
            Files.createDirectories(directory);
            if (!directory.toRealPath().startsWith(root)) {
                throw unsafe(archive, name, "would be written through a link that leaves the target folder");
            }
        } catch (FileAlreadyExistsException e) {
            throw unsafe(archive, name, "would replace a file with a folder");
        } catch (IOException e) {
            throw new DownloadException("Cannot create " + directory + ": " + e.getMessage(), e);
        }
    }

    private static OutputStream openNewFile(Path destination) throws IOException {
        // A later entry with the same name replaces an earlier one, as tar does; a link is replaced, not followed.
        Files.deleteIfExists(destination);
        return Files.newOutputStream(destination, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
    }

    private static void createSymbolicLink(Path root, Path destination, TarArchiveEntry entry, Path archive)
            throws DownloadException {
        String linkName = entry.getLinkName().replace('\\', '/');
        if (linkName.startsWith("/") || linkName.matches("^[A-Za-z]:.*")) {
            throw unsafe(archive, entry.getName(), "is a symbolic link to the absolute path " + linkName);
        }
        Path resolved = destination.getParent().resolve(linkName).normalize();
        if (!resolved.startsWith(root)) {
            throw unsafe(archive, entry.getName(), "is a symbolic link to " + linkName + ", outside the target folder");
        }
        createDirectories(root, destination.getParent(), archive, entry.getName());
        try {
            Files.deleteIfExists(destination);
            Files.createSymbolicLink(destination, destination.getFileSystem().getPath(linkName));
        } catch (IOException | UnsupportedOperationException e) {
            throw new DownloadException("Cannot create the symbolic link " + destination + ": " + e.getMessage(), e);
        }
    }

    private static void createHardLink(Path root, Path destination, TarArchiveEntry entry, Path archive)
            throws DownloadException {
        String linkName = entry.getLinkName().replace('\\', '/');
        if (linkName.startsWith("/") || linkName.matches("^[A-Za-z]:.*")) {
            throw unsafe(archive, entry.getName(), "is a hard link to the absolute path " + linkName);
        }
        Path source = root.resolve(linkName).normalize();
        if (!source.startsWith(root)) {
            throw unsafe(archive, entry.getName(), "is a hard link to " + linkName + ", outside the target folder");
        }
        createDirectories(root, destination.getParent(), archive, entry.getName());
        try {
            if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS) || !source.toRealPath().startsWith(root)) {
                throw unsafe(archive, entry.getName(), "is a hard link to " + linkName
                        + ", which is not a file extracted earlier");
            }
            // A copy rather than a link, so the result does not depend on the file system's link support.
            Files.deleteIfExists(destination);
            Files.copy(source, destination, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new DownloadException("Cannot create " + destination + " from the hard link entry '"
                    + entry.getName() + "': " + e.getMessage(), e);
        }
    }

    private static DownloadException unsafe(Path archive, String name, String reason) {
        return new InvalidArchiveException("Rejected the unsafe entry '" + name + "' in " + archive + ": it " + reason
                + ". Nothing was written outside the target folder.", null);
    }

    /** An archive whose content is corrupt or unsafe, so downloading the same file again cannot help. */
    static final class InvalidArchiveException extends DownloadException {
        InvalidArchiveException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Deletes {@code folder} and everything in it, without following links; logs what cannot be deleted. */
    public static void deleteRecursively(Path folder) {
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    LOG.warn("Cannot delete {}: {}", path, e.getMessage());
                }
            });
        } catch (IOException e) {
            LOG.warn("Cannot delete {}: {}", folder, e.getMessage());
        }
    }

    /** Returns the uncompressed size that a gzip file declares in its trailer (modulo 4 GiB), or -1. */
    static long declaredUncompressedSize(Path gzipFile) {
        try (SeekableByteChannel channel = Files.newByteChannel(gzipFile)) {
            long size = channel.size();
            if (size < 18) {
                return -1;
            }
            ByteBuffer trailer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            channel.position(size - 4);
            while (trailer.hasRemaining() && channel.read(trailer) >= 0) {
                // Reads the 4-byte ISIZE field.
            }
            trailer.flip();
            return Integer.toUnsignedLong(trailer.getInt());
        } catch (IOException e) {
            return -1;
        }
    }

}
