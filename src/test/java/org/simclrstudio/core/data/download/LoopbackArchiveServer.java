package org.simclrstudio.core.data.download;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP server on 127.0.0.1 and an ephemeral port that serves one byte array, with switches for the
 * faults a download must survive: ignoring {@code Range}, cutting the connection, stalling, redirecting.
 */
public final class LoopbackArchiveServer implements AutoCloseable {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final byte[] body;
    private final List<String> rangeHeaders = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean honourRange = true;
    private volatile long cutAfterBytes = -1;
    private volatile long stallAfterBytes = -1;
    private volatile int status = 200;

    public LoopbackArchiveServer(byte[] body) throws IOException {
        this.body = body;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/archive.tar.gz", this::serve);
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/archive.tar.gz");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
    }

    /** Returns the address of the archive. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/archive.tar.gz");
    }

    /** Returns an address that redirects to the archive. */
    URI redirectingUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/moved");
    }

    /** Makes the server reply to every request for the archive with the full body and status 200. */
    LoopbackArchiveServer ignoringRange() {
        honourRange = false;
        return this;
    }

    /** Makes the first request end by closing the connection after {@code bytes} body bytes. */
    LoopbackArchiveServer cuttingFirstResponseAfter(long bytes) {
        cutAfterBytes = bytes;
        return this;
    }

    /** Makes the first request stop sending after {@code bytes} body bytes until {@link #close}. */
    public LoopbackArchiveServer stallingFirstResponseAfter(long bytes) {
        stallAfterBytes = bytes;
        return this;
    }

    /** Makes every request fail with {@code code}. */
    LoopbackArchiveServer failingWith(int code) {
        status = code;
        return this;
    }

    /** Returns the {@code Range} header of each request, "" where there was none. */
    public List<String> rangeHeaders() {
        return rangeHeaders;
    }

    /** Returns the number of archive requests served. */
    public int requestCount() {
        return requests.get();
    }

    private void serve(HttpExchange exchange) throws IOException {
        int number = requests.incrementAndGet();
        String range = exchange.getRequestHeaders().getFirst("Range");
        rangeHeaders.add(range == null ? "" : range);
        try (exchange) {
            if (status != 200) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            long start = 0;
            Matcher matcher = range == null ? null : RANGE.matcher(range);
            if (honourRange && matcher != null && matcher.matches()) {
                start = Long.parseLong(matcher.group(1));
                if (start >= body.length) {
                    exchange.getResponseHeaders().add("Content-Range", "bytes */" + body.length);
                    exchange.sendResponseHeaders(416, -1);
                    return;
                }
                exchange.getResponseHeaders().add("Content-Range",
                        "bytes " + start + "-" + (body.length - 1) + "/" + body.length);
                exchange.sendResponseHeaders(206, body.length - start);
            } else {
                exchange.sendResponseHeaders(200, body.length);
            }
            OutputStream out = exchange.getResponseBody();
            long end = body.length;
            boolean first = number == 1;
            if (first && cutAfterBytes >= 0) {
                end = Math.min(end, start + cutAfterBytes);
            }
            if (first && stallAfterBytes >= 0) {
                end = Math.min(end, start + stallAfterBytes);
            }
            out.write(body, (int) start, (int) (end - start));
            out.flush();
            if (first && stallAfterBytes >= 0) {
                released.await(30, TimeUnit.SECONDS);
            }
            if (end < body.length) {
                // Ending the exchange short of its Content-Length makes the server drop the connection.
                throw new IOException("connection cut on purpose after " + (end - start) + " bytes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }
}
