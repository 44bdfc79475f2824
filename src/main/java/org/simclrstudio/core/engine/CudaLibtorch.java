package org.simclrstudio.core.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.zip.GZIPInputStream;
import org.apache.commons.io.input.BoundedInputStream;
import org.simclrstudio.core.task.TaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CUDA build of libtorch in the DJL cache: where it goes, whether it is there, and its download.
 *
 * <p>Maven Central carries only the CPU build of libtorch for DJL. DJL publishes the CUDA builds on its
 * own server: {@code <base>/<pytorch version>/files.txt} lists paths such as
 * {@code cu128/linux-x86_64/native/lib/libtorch_cuda.so.gz}, each a gzip file next to the index. DJL 0.36
 * itself downloads them only when no native jar is on the class path and it is allowed online; the app
 * bundles the CPU jar and runs offline, so this class fetches them on request into the folder where
 * DJL would put them, {@code <cache>/pytorch/<version>-<flavor>-<classifier>}.
 */
public final class CudaLibtorch {

    private static final Logger LOG = LoggerFactory.getLogger(CudaLibtorch.class);

    /** Server that DJL 0.36 downloads libtorch builds from. */
    public static final URI DEFAULT_BASE_URI = URI.create("https://publish.djl.ai/pytorch/");

    /**
     * CUDA flavor to install: the only CUDA flavor whose JNI library ships in the pytorch-jni 2.7.1-0.36.0
     * jar, so DJL finds that JNI library offline.
     */
    public static final String FLAVOR = "cu128";

    private static final int BUFFER_BYTES = 1 << 20;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(60);

    private final Path engineCache;
    private final URI baseUri;
    private final String pytorchVersion;
    private final String classifier;
    private final HttpClient http;

    /**
     * Creates the CUDA library handle for this machine.
     *
     * @param engineCache the DJL engine cache folder (DJL's {@code ENGINE_CACHE_DIR}); the library goes
     *     into its {@code pytorch} subfolder
     * @param pytorchVersion libtorch version, such as {@code 2.7.1}
     */
    public CudaLibtorch(Path engineCache, String pytorchVersion) {
        this(engineCache, DEFAULT_BASE_URI, pytorchVersion, platformClassifier());
    }

    /** Creates a handle that downloads from {@code baseUri}; tests pass a server on 127.0.0.1. */
    CudaLibtorch(Path engineCache, URI baseUri, String pytorchVersion, String classifier) {
        this.engineCache = engineCache;
        this.baseUri = baseUri.toString().endsWith("/") ? baseUri : URI.create(baseUri + "/");
        this.pytorchVersion = pytorchVersion;
        this.classifier = classifier;
        this.http = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** Returns DJL's name for this operating system and processor, such as {@code linux-x86_64}. */
    public static String platformClassifier() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String osPart = os.startsWith("win") ? "win" : os.startsWith("mac") ? "osx" : "linux";
        String archPart = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64" : arch;
        return osPart + "-" + archPart;
    }

    /** Returns whether DJL publishes a CUDA build for this platform (Linux and Windows on x86-64). */
    public boolean isPlatformSupported() {
        return classifier.equals("linux-x86_64") || classifier.equals("win-x86_64");
    }

    /** Returns the libtorch version, such as {@code 2.7.1}. */
    public String pytorchVersion() {
        return pytorchVersion;
    }

    /** Returns the folder that holds, or will hold, the CUDA libraries. */
    public Path libraryDir() {
        return engineCache.resolve("pytorch").resolve(pytorchVersion + "-" + FLAVOR + "-" + classifier);
    }

    /**
     * Returns the marker written after the last file arrived. It sits beside the library folder, not in
     * it, because DJL loads every regular file in that folder as a native library.
     */
    Path completeMarker() {
        return libraryDir().resolveSibling(libraryDir().getFileName() + ".complete");
    }

    /** Returns whether a complete CUDA build is installed. */
    public boolean isInstalled() {
        return Files.isRegularFile(completeMarker())
                && Files.isRegularFile(libraryDir().resolve(System.mapLibraryName("torch")));
    }

    /** Returns the address of the server's index of files for this libtorch version. */
    public URI indexUri() {
        return baseUri.resolve(pytorchVersion + "/files.txt");
    }

    /** Returns the address of one index entry, such as {@code cu128/linux-x86_64/native/lib/libc10.so.gz}. */
    public URI fileUri(String indexEntry) {
        return baseUri.resolve(pytorchVersion + "/" + indexEntry);
    }

    /**
     * Reads the server's index and the size of every CUDA file for this platform; a few small requests.
     *
     * @throws IOException when the server cannot be reached or lists no CUDA build for this platform
     */
    public CudaDownloadPlan plan(TaskContext context) throws IOException, InterruptedException {
        if (!isPlatformSupported()) {
            throw new IOException("No CUDA build of libtorch exists for " + classifier
                    + "; SimCLR Studio trains on the CPU on this machine");
        }
        context.progress(0, 1, "Reading the list of CUDA files");
        String index = get(indexUri());
        String prefix = FLAVOR + "/" + classifier + "/";
        List<String> entries = new ArrayList<>();
        for (String line : index.split("\\R")) {
            String entry = line.trim();
            if (entry.startsWith(prefix) && entry.endsWith(".gz")) {
                entries.add(entry);
            }
        }
        if (entries.isEmpty()) {
            throw new IOException("The download server lists no " + FLAVOR + " build of libtorch "
                    + pytorchVersion + " for " + classifier + " in " + indexUri());
        }
        List<CudaDownloadPlan.File> files = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < entries.size(); i++) {
            context.throwIfCancelled();
            context.progress(i, entries.size(), "Checking the download size");
            String entry = entries.get(i);
            URI uri = fileUri(entry);
            long size = contentLength(uri);
            total = total < 0 || size < 0 ? -1 : total + size;
            String name = entry.substring(entry.lastIndexOf('/') + 1, entry.length() - ".gz".length());
            files.add(new CudaDownloadPlan.File(uri, URLDecoder.decode(name, StandardCharsets.UTF_8), size));
        }
        return new CudaDownloadPlan(files, total);
    }

    /**
     * Downloads and decompresses every file of {@code plan} into a temporary folder, then moves it into
     * place as a whole, so a cancelled or failed download never leaves a half library behind.
     *
     * @return the library folder
     * @throws CancellationException when the user cancelled; the partial download is deleted
     * @throws IOException when a download or a write fails; the partial download is deleted
     */
    public Path install(CudaDownloadPlan plan, TaskContext context) throws IOException, InterruptedException {
        Path target = libraryDir();
        Files.createDirectories(target.getParent());
        deleteStaleDownloads(target.getParent());
        Path staging = Files.createTempDirectory(target.getParent(), "cuda-download-");
        try {
            long[] done = {0};
            for (CudaDownloadPlan.File file : plan.files()) {
                context.throwIfCancelled();
                downloadOne(file, staging.resolve(file.fileName()), plan.totalBytes(), done, context);
            }
            context.progress(plan.totalBytes(), plan.totalBytes(), "Installing the CUDA libraries");
            Files.deleteIfExists(completeMarker());
            if (Files.exists(target)) {
                deleteTree(target);
            }
            moveDirectory(staging, target);
            Files.writeString(completeMarker(), "flavor=" + FLAVOR + "\nversion=" + pytorchVersion + "\n");
            LOG.info("Installed the {} build of libtorch {} in {}", FLAVOR, pytorchVersion, target);
            return target;
        } finally {
            if (Files.exists(staging)) {
                deleteTree(staging);
            }
        }
    }

    /** Deletes the installed CUDA build, so the next start uses the bundled CPU build. */
    public void uninstall() throws IOException {
        Files.deleteIfExists(completeMarker());
        if (Files.exists(libraryDir())) {
            deleteTree(libraryDir());
        }
    }

    private void downloadOne(CudaDownloadPlan.File file, Path destination, long total, long[] done,
                             TaskContext context) throws IOException, InterruptedException {
        LOG.info("Downloading {}", file.uri());
        HttpResponse<InputStream> response = http.send(request(file.uri()).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            requireOk(response, file.uri());
            // Counts the compressed bytes that pass, so progress follows the network rather than the disk.
            BoundedInputStream counted = BoundedInputStream.builder().setInputStream(body).get();
            try (InputStream in = new GZIPInputStream(counted, BUFFER_BYTES);
                 OutputStream out = Files.newOutputStream(destination)) {
                byte[] buffer = new byte[BUFFER_BYTES];
                long reported = done[0];
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    long now = done[0] + counted.getCount();
                    if (now - reported >= BUFFER_BYTES) {
                        context.throwIfCancelled();
                        context.progress(now, total, "Downloading " + file.fileName() + " ("
                                + CudaDownloadPlan.formatBytes(now) + " of "
                                + (total < 0 ? "unknown size" : CudaDownloadPlan.formatBytes(total)) + ")");
                        reported = now;
                    }
                }
            } catch (java.util.zip.ZipException e) {
                throw new IOException("The download of " + file.uri() + " is not a valid gzip file ("
                        + e.getMessage() + "); try again later", e);
            }
            done[0] += counted.getCount();
        }
    }

    private String get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        requireOk(response, uri);
        return response.body();
    }

    private long contentLength(URI uri) throws IOException, InterruptedException {
        HttpResponse<Void> response = http.send(request(uri).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        requireOk(response, uri);
        return response.headers().firstValueAsLong("Content-Length").orElse(-1);
    }

    private static HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(HEADER_TIMEOUT);
    }

    private static void requireOk(HttpResponse<?> response, URI uri) throws IOException {
        if (response.statusCode() != 200) {
            throw new IOException("Download failed: " + uri + " returned HTTP " + response.statusCode());
        }
    }

    /** Deletes staging folders that an interrupted earlier download (a killed process) left behind. */
    private static void deleteStaleDownloads(Path parent) throws IOException {
        try (var stale = Files.newDirectoryStream(parent, "cuda-download-*")) {
            for (Path folder : stale) {
                LOG.info("Deleting the unfinished download {}", folder);
                deleteTree(folder);
            }
        }
    }

    private static void moveDirectory(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException error) throws IOException {
                if (error != null) {
                    throw error;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

}
