package org.simclrstudio.core.data.download;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.simclrstudio.core.task.TaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads one URL into a {@code .part} file that survives interruption: a later call sends an HTTP
 * {@code Range} request for the bytes still missing, and starts over when the server ignores the range.
 * A connection that breaks or stalls mid-body is resumed automatically, up to a number of attempts
 * in a row that bring no new bytes.
 */
final class ResumableHttpDownload {

    private static final Logger LOG = LoggerFactory.getLogger(ResumableHttpDownload.class);
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final long POLL_MILLIS = 200;

    /** Checks that the disk can hold what is left to download plus what extraction needs. */
    @FunctionalInterface
    interface SpaceCheck {
        /**
         * Throws when the disk lacks room.
         *
         * @param remainingBytes bytes still to download
         * @param archiveBytes size of the whole archive, or -1 when the server does not say
         */
        void check(long remainingBytes, long archiveBytes) throws DownloadException;
    }

    private final HttpClient client;
    private final Duration responseTimeout;
    private final Duration stallTimeout;
    private final int maxAttempts;
    private final Duration retryDelay;

    /**
     * Creates a download that uses {@code client}.
     *
     * @param responseTimeout time allowed from sending a request to receiving the response headers
     * @param stallTimeout time without a single body byte after which the connection counts as broken
     * @param maxAttempts attempts in a row without new bytes before giving up
     * @param retryDelay pause before resuming after a broken connection
     */
    ResumableHttpDownload(HttpClient client, Duration responseTimeout, Duration stallTimeout, int maxAttempts,
            Duration retryDelay) {
        this.client = client;
        this.responseTimeout = responseTimeout;
        this.stallTimeout = stallTimeout;
        this.maxAttempts = maxAttempts;
        this.retryDelay = retryDelay;
    }

    /**
     * Downloads {@code url} into {@code part}, appending to the bytes already there when the server
     * supports ranges.
     *
     * @param label file name shown in progress messages
     * @return the size of the complete file
     * @throws CancellationException when {@code context} is cancelled; the {@code .part} file stays for a later resume
     */
    long fetch(URI url, Path part, SpaceCheck spaceCheck, TaskContext context, String label) throws DownloadException {
        int failuresInARow = 0;
        while (true) {
            context.throwIfCancelled();
            long before = sizeOf(part);
            try {
                Attempt attempt = new Attempt(url, part, before, spaceCheck);
                OptionalLong complete = attempt.run(context, label);
                if (complete.isPresent()) {
                    return complete.getAsLong();
                }
                // The server rejected the range of a stale part file with 416, so start again from the first byte.
                failuresInARow = 0;
            } catch (RetriableException e) {
                long after = sizeOf(part);
                failuresInARow = after > before ? 1 : failuresInARow + 1;
                if (failuresInARow >= maxAttempts) {
                    throw new DownloadException("Download from " + url + " failed " + failuresInARow
                            + " times in a row: " + e.getMessage() + ". Run the command again to resume from "
                            + TransferMeter.formatBytes(after) + ".", e.getCause());
                }
                LOG.warn("Download from {} broke at {} bytes ({}); resuming, attempt {} of {}", url, after,
                        e.getMessage(), failuresInARow + 1, maxAttempts);
                pause();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(retryDelay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("Interrupted");
        }
    }

    private static long sizeOf(Path file) throws DownloadException {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new DownloadException("Cannot read the size of " + file + ": " + e.getMessage(), e);
        }
    }

    /** A failure after which resuming may succeed: a broken or stalled connection. */
    private static final class RetriableException extends Exception {
        RetriableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** One HTTP request and the writing of its body. */
    private final class Attempt {
        private final URI url;
        private final Path part;
        private final long existing;
        private final SpaceCheck spaceCheck;
        private volatile FileSink sink;
        private volatile long expectedSize = -1;
        private volatile boolean restartFromZero;
        private volatile boolean alreadyComplete;

        Attempt(URI url, Path part, long existing, SpaceCheck spaceCheck) {
            this.url = url;
            this.part = part;
            this.existing = existing;
            this.spaceCheck = spaceCheck;
        }

        /** Runs the request; returns the file size when the file is complete, empty to start over. */
        OptionalLong run(TaskContext context, String label) throws DownloadException, RetriableException {
            HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(responseTimeout).GET();
            if (existing > 0) {
                request.header("Range", "bytes=" + existing + "-");
                LOG.info("Resuming download of {} at byte {}", url, existing);
            } else {
                LOG.info("Starting download of {}", url);
            }
            CompletableFuture<HttpResponse<Void>> response;
            try {
                response = client.sendAsync(request.build(), this::subscriberFor);
            } catch (IllegalArgumentException e) {
                throw new DownloadException("Invalid download URL " + url + ": " + e.getMessage(), e);
            }
            TransferMeter meter = null;
            while (true) {
                try {
                    HttpResponse<Void> done = response.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    return finish(done);
                } catch (TimeoutException e) {
                    FileSink current = sink;
                    if (context.isCancelled()) {
                        abort(response, current);
                        throw new CancellationException("Download cancelled");
                    }
                    if (current != null) {
                        if (meter == null) {
                            meter = new TransferMeter(current.written(), expectedSize);
                        }
                        meter.update(current.written());
                        context.progress(meter.done(), Math.max(meter.total(), 0), "Downloading " + label + ": "
                                + meter.describe());
                        if (current.idleNanos() > stallTimeout.toNanos()) {
                            abort(response, current);
                            throw new RetriableException("no data for " + stallTimeout.toSeconds() + " s", null);
                        }
                    }
                } catch (InterruptedException e) {
                    abort(response, sink);
                    Thread.currentThread().interrupt();
                    throw new CancellationException("Interrupted");
                } catch (ExecutionException e) {
                    FileSink current = sink;
                    if (current != null) {
                        current.close();
                    }
                    Throwable cause = e.getCause();
                    for (Throwable link = cause; link != null; link = link.getCause()) {
                        if (link instanceof DownloadException own) {
                            throw own;
                        }
                    }
                    if (cause instanceof CancellationException cancelled) {
                        throw cancelled;
                    }
                    if (isBrokenConnection(cause)) {
                        throw new RetriableException("connection broken: " + detail(cause), cause);
                    }
                    throw translate(cause);
                }
            }
        }

        private void abort(CompletableFuture<?> response, FileSink current) {
            if (current != null) {
                current.abort();
            }
            response.cancel(true);
        }

        private OptionalLong finish(HttpResponse<Void> done) throws DownloadException, RetriableException {
            if (alreadyComplete) {
                return OptionalLong.of(existing);
            }
            if (restartFromZero) {
                return OptionalLong.empty();
            }
            long size = sizeOf(part);
            if (expectedSize >= 0 && size != expectedSize) {
                throw new RetriableException("the server sent " + size + " of " + expectedSize + " bytes", null);
            }
            LOG.info("Downloaded {} ({} bytes, HTTP {})", url, size, done.statusCode());
            return OptionalLong.of(size);
        }

        /** Turns the failure of a request into a one-line user message naming the URL. */
        private DownloadException translate(Throwable cause) {
            if (cause instanceof DownloadException error) {
                return error;
            }
            if (cause instanceof HttpConnectTimeoutException) {
                return new DownloadException("Connecting to " + url + " timed out. Check the address and your "
                        + "network connection.", cause);
            }
            if (cause instanceof HttpTimeoutException) {
                return new DownloadException(url + " did not respond within " + responseTimeout.toSeconds()
                        + " s. Try again later or use another --url.", cause);
            }
            if (cause instanceof ConnectException) {
                return new DownloadException("Cannot connect to " + url + ": connection refused. Check the address "
                        + "and that the server is running.", cause);
            }
            if (cause instanceof UnknownHostException) {
                return new DownloadException("Cannot resolve the host of " + url + ". Check the address and your "
                        + "network connection.", cause);
            }
            return new DownloadException("Download from " + url + " failed: " + detail(cause), cause);
        }

        /** Decides from the status and headers where the body goes; runs on an HttpClient thread. */
        private HttpResponse.BodySubscriber<Void> subscriberFor(HttpResponse.ResponseInfo info) {
            int status = info.statusCode();
            HttpHeaders headers = info.headers();
            try {
                if (status == 206 && existing > 0) {
                    Matcher range = CONTENT_RANGE.matcher(headers.firstValue("Content-Range").orElse(""));
                    if (!range.matches() || Long.parseLong(range.group(1)) != existing) {
                        throw new DownloadException("The server of " + url + " sent the wrong byte range ("
                                + headers.firstValue("Content-Range").orElse("none") + ") for a resume from byte "
                                + existing + ". Delete " + part + " and try again.");
                    }
                    expectedSize = range.group(3).equals("*") ? -1 : Long.parseLong(range.group(3));
                    spaceCheck.check(expectedSize < 0 ? -1 : expectedSize - existing, expectedSize);
                    return start(true);
                }
                if (status == 200) {
                    if (existing > 0) {
                        LOG.info("The server of {} ignores Range requests; downloading from the first byte", url);
                    }
                    long length = headers.firstValueAsLong("Content-Length").orElse(-1);
                    expectedSize = length;
                    spaceCheck.check(length, length);
                    return start(false);
                }
                if (status == 416 && existing > 0) {
                    String total = headers.firstValue("Content-Range").orElse("");
                    if (total.equals("bytes */" + existing)) {
                        alreadyComplete = true;
                    } else {
                        LOG.info("The server of {} rejects a resume from byte {} ({}); downloading from the first "
                                + "byte", url, existing, total);
                        Files.deleteIfExists(part);
                        restartFromZero = true;
                    }
                    return HttpResponse.BodySubscribers.replacing(null);
                }
                throw new DownloadException("Download from " + url + " failed: HTTP " + status + describeStatus(status)
                        + ".");
            } catch (DownloadException e) {
                return new FailingSubscriber(e);
            } catch (IOException e) {
                return new FailingSubscriber(new DownloadException("Cannot write " + part + ": " + e.getMessage(), e));
            }
        }

        private HttpResponse.BodySubscriber<Void> start(boolean append) throws IOException {
            Files.createDirectories(part.getParent());
            FileChannel channel = append
                    ? FileChannel.open(part, StandardOpenOption.WRITE, StandardOpenOption.APPEND)
                    : FileChannel.open(part, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                            StandardOpenOption.TRUNCATE_EXISTING);
            FileSink created = new FileSink(channel, part, append ? existing : 0);
            sink = created;
            return created;
        }
    }

    /** Returns whether {@code error} broke an established connection, so that resuming may help. */
    private static boolean isBrokenConnection(Throwable error) {
        return error instanceof IOException
                && !(error instanceof HttpTimeoutException)
                && !(error instanceof ConnectException)
                && !(error instanceof UnknownHostException);
    }

    private static String detail(Throwable error) {
        return error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName();
    }

    private static String describeStatus(int status) {
        return switch (status) {
            case 401, 403 -> " (access denied)";
            case 404 -> " (not found; check the address)";
            case 416 -> " (range not satisfiable)";
            case 500, 502, 503, 504 -> " (server error; try again later or use another --url)";
            default -> "";
        };
    }

    /** Body subscriber that writes every buffer to the {@code .part} file as it arrives. */
    private static final class FileSink implements HttpResponse.BodySubscriber<Void> {
        private final CompletableFuture<Void> result = new CompletableFuture<>();
        private final FileChannel channel;
        private final Path file;
        private final Object lock = new Object();
        private Flow.Subscription subscription;
        private boolean closed;
        private volatile long written;
        private volatile long lastDataNanos = System.nanoTime();

        FileSink(FileChannel channel, Path file, long startBytes) {
            this.channel = channel;
            this.file = file;
            this.written = startBytes;
        }

        long written() {
            return written;
        }

        long idleNanos() {
            return System.nanoTime() - lastDataNanos;
        }

        @Override
        public CompletionStage<Void> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            synchronized (lock) {
                this.subscription = subscription;
                if (closed) {
                    subscription.cancel();
                    return;
                }
            }
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            synchronized (lock) {
                if (closed) {
                    return;
                }
                try {
                    for (ByteBuffer buffer : buffers) {
                        int count = buffer.remaining();
                        while (buffer.hasRemaining()) {
                            channel.write(buffer);
                        }
                        written += count;
                    }
                    lastDataNanos = System.nanoTime();
                } catch (IOException e) {
                    closeQuietly();
                    subscription.cancel();
                    result.completeExceptionally(new DownloadException("Cannot write " + file + ": "
                            + e.getMessage() + ". Free some disk space and run the command again to resume.", e));
                    return;
                }
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable error) {
            close();
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            synchronized (lock) {
                try {
                    if (!closed) {
                        channel.force(false);
                    }
                } catch (IOException e) {
                    closeQuietly();
                    result.completeExceptionally(new DownloadException("Cannot write " + file + ": "
                            + e.getMessage(), e));
                    return;
                }
                closeQuietly();
            }
            result.complete(null);
        }

        /** Stops receiving and closes the file; the bytes written so far stay. */
        void abort() {
            Flow.Subscription current;
            synchronized (lock) {
                closeQuietly();
                current = subscription;
            }
            if (current != null) {
                current.cancel();
            }
            result.completeExceptionally(new CancellationException("Download aborted"));
        }

        void close() {
            synchronized (lock) {
                closeQuietly();
            }
        }

        private void closeQuietly() {
            closed = true;
            try {
                channel.close();
            } catch (IOException e) {
                LOG.warn("Cannot close {}: {}", file, e.getMessage());
            }
        }
    }

    /** Body subscriber that rejects the body at once with a prepared error. */
    private static final class FailingSubscriber implements HttpResponse.BodySubscriber<Void> {
        private final CompletableFuture<Void> result = new CompletableFuture<>();
        private final DownloadException error;

        FailingSubscriber(DownloadException error) {
            this.error = error;
        }

        @Override
        public CompletionStage<Void> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.cancel();
            result.completeExceptionally(error);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.completeExceptionally(error);
        }
    }
}
