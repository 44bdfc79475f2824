package org.simclrstudio.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simclrstudio.core.task.TaskContext;

/** Runs the CUDA download against a file server on 127.0.0.1 that imitates DJL's layout. */
class CudaLibtorchTest {

    private static final String VERSION = "2.7.1";

    @TempDir
    Path cache;

    private HttpServer server;
    private final Map<String, byte[]> served = new HashMap<>();
    private URI base;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/pytorch/", exchange -> {
            byte[] body = served.get(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.getResponseHeaders().set("Content-Length", Long.toString(body.length));
            exchange.sendResponseHeaders(200, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/pytorch/");
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private CudaLibtorch library() {
        return new CudaLibtorch(cache, base, VERSION, "linux-x86_64");
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    /** Serves an index with CUDA files for this platform plus entries that must be skipped. */
    private Map<String, byte[]> serveCudaBuild() throws IOException {
        Map<String, byte[]> libraries = new HashMap<>();
        libraries.put("libtorch.so", randomBytes(3_000, 1));
        libraries.put("libtorch_cuda.so", randomBytes(3_500_000, 2));
        libraries.put("libc10_cuda.so", randomBytes(10_000, 3));
        List<String> index = new ArrayList<>();
        for (Map.Entry<String, byte[]> library : libraries.entrySet()) {
            String entry = "cu128/linux-x86_64/native/lib/" + library.getKey() + ".gz";
            index.add(entry);
            served.put("/pytorch/" + VERSION + "/" + entry, gzip(library.getValue()));
        }
        index.add("cpu/linux-x86_64/native/lib/libtorch_cpu.so.gz");
        index.add("cu126/linux-x86_64/native/lib/libtorch_cuda.so.gz");
        index.add("cu128/win-x86_64/native/lib/torch_cuda.dll.gz");
        served.put("/pytorch/" + VERSION + "/files.txt", String.join("\n", index).getBytes(StandardCharsets.UTF_8));
        return libraries;
    }

    /** Records progress and cancels once {@code cancelAfter} updates arrived (never when negative). */
    private static final class RecordingContext implements TaskContext {
        final List<double[]> updates = new ArrayList<>();
        final int cancelAfter;

        RecordingContext(int cancelAfter) {
            this.cancelAfter = cancelAfter;
        }

        @Override
        public void progress(double done, double total, String message) {
            updates.add(new double[] {done, total});
        }

        @Override
        public boolean isCancelled() {
            return cancelAfter >= 0 && updates.size() >= cancelAfter;
        }
    }

    @Test
    void addressesFollowDjlLayout() {
        CudaLibtorch library = new CudaLibtorch(cache, CudaLibtorch.DEFAULT_BASE_URI, VERSION, "linux-x86_64");
        assertEquals("https://publish.djl.ai/pytorch/2.7.1/files.txt", library.indexUri().toString());
        assertEquals("https://publish.djl.ai/pytorch/2.7.1/cu128/linux-x86_64/native/lib/libtorch_cuda.so.gz",
                library.fileUri("cu128/linux-x86_64/native/lib/libtorch_cuda.so.gz").toString());
        assertEquals(cache.resolve("pytorch").resolve("2.7.1-cu128-linux-x86_64"), library.libraryDir());
    }

    @Test
    void planListsOnlyThisPlatformWithSizes() throws Exception {
        serveCudaBuild();
        CudaDownloadPlan plan = library().plan(new RecordingContext(-1));
        assertEquals(3, plan.files().size());
        long expected = 0;
        for (CudaDownloadPlan.File file : plan.files()) {
            assertTrue(file.uri().getPath().contains("/cu128/linux-x86_64/"), file.uri().toString());
            assertEquals(served.get(file.uri().getPath()).length, file.compressedBytes());
            expected += file.compressedBytes();
        }
        assertEquals(expected, plan.totalBytes());
        assertTrue(plan.sizeText().endsWith("MB"), plan.sizeText());
    }

    @Test
    void installDecompressesIntoCacheFolder() throws Exception {
        Map<String, byte[]> libraries = serveCudaBuild();
        CudaLibtorch library = library();
        RecordingContext context = new RecordingContext(-1);
        Path folder = library.install(library.plan(context), context);

        assertEquals(library.libraryDir(), folder);
        for (Map.Entry<String, byte[]> expected : libraries.entrySet()) {
            assertArrayEquals(expected.getValue(), Files.readAllBytes(folder.resolve(expected.getKey())), expected.getKey());
        }
        assertTrue(library.isInstalled());
        double[] last = context.updates.get(context.updates.size() - 1);
        assertEquals(last[1], last[0], "the last progress update must be complete");
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(libraries.size(), files.count(), "the library folder holds only the libraries");
        }
    }

    @Test
    void cancelledInstallLeavesNothing() throws Exception {
        serveCudaBuild();
        CudaLibtorch library = library();
        CudaDownloadPlan plan = library.plan(new RecordingContext(-1));
        assertThrows(CancellationException.class, () -> library.install(plan, new RecordingContext(1)));

        assertFalse(library.isInstalled());
        assertFalse(Files.exists(library.libraryDir()));
        try (Stream<Path> files = Files.list(library.libraryDir().getParent())) {
            assertEquals(0, files.count(), "no staging folder may remain");
        }
    }

    @Test
    void corruptDownloadFailsWithAddress() throws Exception {
        serveCudaBuild();
        String broken = "/pytorch/" + VERSION + "/cu128/linux-x86_64/native/lib/libtorch_cuda.so.gz";
        served.put(broken, "not gzip at all".getBytes(StandardCharsets.UTF_8));
        CudaLibtorch library = library();
        CudaDownloadPlan plan = library.plan(new RecordingContext(-1));

        IOException error = assertThrows(IOException.class, () -> library.install(plan, new RecordingContext(-1)));
        assertTrue(error.getMessage().contains("libtorch_cuda.so.gz"), error.getMessage());
        assertFalse(library.isInstalled());
        assertFalse(Files.exists(library.libraryDir()));
    }

    @Test
    void missingBuildNamesIndex() throws Exception {
        served.put("/pytorch/" + VERSION + "/files.txt",
                "cpu/linux-x86_64/native/lib/libtorch_cpu.so.gz\n".getBytes(StandardCharsets.UTF_8));
        IOException error = assertThrows(IOException.class, () -> library().plan(new RecordingContext(-1)));
        assertTrue(error.getMessage().contains("files.txt"), error.getMessage());
        assertTrue(error.getMessage().contains("cu128"), error.getMessage());
    }

    @Test
    void unreachableIndexFailsWithStatus() {
        IOException error = assertThrows(IOException.class, () -> library().plan(new RecordingContext(-1)));
        assertTrue(error.getMessage().contains("HTTP 404"), error.getMessage());
    }

    @Test
    void uninstallRemovesBuild() throws Exception {
        serveCudaBuild();
        CudaLibtorch library = library();
        library.install(library.plan(new RecordingContext(-1)), new RecordingContext(-1));
        library.uninstall();
        assertFalse(library.isInstalled());
        assertFalse(Files.exists(library.libraryDir()));
    }

    @Test
    void configureEngineSetsDjlVariables() throws Exception {
        serveCudaBuild();
        Path appCache = cache.resolve("app");
        CudaLibtorch library = new CudaLibtorch(appCache, base, VERSION, CudaLibtorch.platformClassifier());
        String[] keys = {GpuSupport.LIBRARY_PATH_KEY, GpuSupport.FLAVOR_KEY, GpuSupport.VERSION_KEY};
        try {
            for (String key : keys) {
                System.clearProperty(key);
            }
            assertFalse(GpuSupport.configureEngine(appCache, VERSION), "nothing installed yet");
            assertEquals(null, System.getProperty(GpuSupport.LIBRARY_PATH_KEY));

            library.install(planFor(library), new RecordingContext(-1));
            assertTrue(GpuSupport.configureEngine(appCache, VERSION));
            assertEquals(library.libraryDir().toString(), System.getProperty(GpuSupport.LIBRARY_PATH_KEY));
            assertEquals("cu128", System.getProperty(GpuSupport.FLAVOR_KEY));
            assertEquals(VERSION, System.getProperty(GpuSupport.VERSION_KEY));
        } finally {
            for (String key : keys) {
                System.clearProperty(key);
            }
        }
    }

    /** Plans with this platform's classifier by renaming the served linux entries when needed. */
    private CudaDownloadPlan planFor(CudaLibtorch library) throws Exception {
        String classifier = CudaLibtorch.platformClassifier();
        if (!classifier.equals("linux-x86_64")) {
            return new CudaDownloadPlan(List.of(), 0);
        }
        return library.plan(new RecordingContext(-1));
    }
}
