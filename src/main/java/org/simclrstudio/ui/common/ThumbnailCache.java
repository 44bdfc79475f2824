package org.simclrstudio.ui.common;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import javafx.application.Platform;
import javafx.scene.image.Image;

import org.simclrstudio.core.data.RgbImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes thumbnails on background threads and keeps the most recently used ones, up to a memory
 * budget in bytes (estimated at 8 bytes per pixel). Requests are served newest first, so
 * while the user scrolls fast the cells now on screen load before the ones already scrolled past.
 */
public final class ThumbnailCache implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ThumbnailCache.class);

    /** Reads the picture behind a key; called on a worker thread. */
    @FunctionalInterface
    public interface Loader {
        /** Returns the picture for {@code key}. */
        RgbImage load(Object key) throws Exception;
    }

    /** Maximum number of decode requests and decoded images waiting at once; a few screens of cells. */
    static final int MAX_QUEUED = 512;

    private final long maxBytes;
    private final ConcurrentLinkedQueue<Runnable> deliveries = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean deliveryScheduled = new AtomicBoolean();
    private final AtomicInteger pendingDeliveries = new AtomicInteger();
    private final LinkedHashMap<Object, Image> entries = new LinkedHashMap<>(256, 0.75f, true);
    private final ExecutorService decoders;
    private long bytes;

    /**
     * Creates a cache.
     *
     * @param maxBytes memory budget for the decoded images
     * @param threads number of decoding threads
     */
    public ThumbnailCache(long maxBytes, int threads) {
        this.maxBytes = maxBytes;
        // LIFO queue: the newest request (the cell the user looks at now) is decoded first. While the user
        // scrolls fast, the oldest requests (cells long gone) are dropped so the queue stays bounded.
        this.decoders = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingDeque<>() {
            @Override
            public synchronized boolean offer(Runnable runnable) {
                while (size() >= MAX_QUEUED) {
                    pollLast();
                }
                return super.offerFirst(runnable);
            }
        }, FxTaskExecutor.daemonThreads("thumbnail"));
    }

    /** Returns the cached image for {@code key}, or null when it is not loaded yet. FX thread only. */
    public Image getIfPresent(Object key) {
        return entries.get(key);
    }

    /**
     * Returns the cached image for {@code key} at once, or null after queueing a decode that calls
     * {@code onLoaded} on the FX thread when it is ready. FX thread only.
     *
     * @param stillWanted checked on the worker before decoding, so cells scrolled away skip their work
     */
    public Image request(Object key, Loader loader, BooleanSupplier stillWanted,
            Consumer<Image> onLoaded) {
        Objects.requireNonNull(key, "key");
        Image cached = entries.get(key);
        if (cached != null) {
            return cached;
        }
        decoders.execute(() -> {
            try {
                if (!stillWanted.getAsBoolean()) {
                    return;
                }
                RgbImage picture = loader.load(key);
                if (!stillWanted.getAsBoolean()) {
                    return;
                }
                Image image = FxImages.toFx(picture);
                deliver(() -> {
                    put(key, image);
                    onLoaded.accept(image);
                });
            } catch (Exception e) {
                LOG.warn("Thumbnail {} could not be loaded: {}", key, e.getMessage());
            }
        });
        return null;
    }

    /** Queues an FX-thread action; one pending runLater drains them all, so fast decoders cannot flood the FX queue. */
    private void deliver(Runnable action) {
        deliveries.add(action);
        // While the FX thread is busy with a fast scroll, decoded images wait here: keep only the newest.
        if (pendingDeliveries.incrementAndGet() > MAX_QUEUED && deliveries.poll() != null) {
            pendingDeliveries.decrementAndGet();
        }
        if (deliveryScheduled.compareAndSet(false, true)) {
            Platform.runLater(() -> {
                deliveryScheduled.set(false);
                Runnable next;
                while ((next = deliveries.poll()) != null) {
                    pendingDeliveries.decrementAndGet();
                    next.run();
                }
            });
        }
    }

    private void put(Object key, Image image) {
        Image previous = entries.put(key, image);
        if (previous != null) {
            bytes -= sizeOf(previous);
        }
        bytes += sizeOf(image);
        var iterator = entries.entrySet().iterator();
        while (bytes > maxBytes && iterator.hasNext()) {
            Map.Entry<Object, Image> eldest = iterator.next();
            if (eldest.getKey().equals(key)) {
                break;
            }
            bytes -= sizeOf(eldest.getValue());
            iterator.remove();
        }
    }

    /** Returns the bytes held by the cached images. */
    public long bytes() {
        return bytes;
    }

    /** Returns the number of cached images. */
    public int size() {
        return entries.size();
    }

    /** Drops every cached image, for example when another dataset is opened. FX thread only. */
    public void clear() {
        entries.clear();
        bytes = 0;
    }

    private static long sizeOf(Image image) {
        // Estimate: 4 bytes per pixel in the image and as much again in the software renderer's texture.
        return 8L * (long) image.getWidth() * (long) image.getHeight();
    }

    /** Stops the decoding threads. */
    @Override
    public void close() {
        decoders.shutdownNow();
    }
}
