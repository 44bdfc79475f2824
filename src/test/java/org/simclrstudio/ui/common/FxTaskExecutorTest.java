package org.simclrstudio.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.simclrstudio.core.task.TaskHandle;
import org.simclrstudio.core.task.TaskObserver;

/** Runs the executor with a plain single thread standing in for the FX thread. */
class FxTaskExecutorTest {

    private final ExecutorService uiThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "fake-fx"));
    private final FxTaskExecutor executor = new FxTaskExecutor(uiThread::execute);

    @AfterEach
    void close() {
        executor.close();
        uiThread.shutdownNow();
    }

    @Test
    void eventsArriveOnUiThreadInOrder() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch finished = new CountDownLatch(1);
        executor.submit("count", context -> {
            for (int i = 1; i <= 1000; i++) {
                context.progress(i, 1000, "step " + i);
            }
            return 42;
        }, new TaskObserver<Integer>() {
            @Override
            public void onProgress(double fraction, String message) {
                events.add(Thread.currentThread().getName() + " progress " + fraction);
            }

            @Override
            public void onSucceeded(Integer result) {
                events.add(Thread.currentThread().getName() + " result " + result);
                finished.countDown();
            }
        });
        assertTrue(finished.await(10, TimeUnit.SECONDS));
        String last = events.get(events.size() - 1);
        assertEquals("fake-fx result 42", last);
        assertTrue(events.size() >= 2, "at least one progress event arrives: " + events);
        assertEquals("fake-fx progress 1.0", events.get(events.size() - 2), "newest progress wins");
        events.forEach(event -> assertTrue(event.startsWith("fake-fx "), event));
    }

    @Test
    void cancelledTaskReportsCancelled() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        TaskHandle handle = executor.submit("loop", context -> {
            started.countDown();
            while (true) {
                context.throwIfCancelled();
                Thread.sleep(5);
            }
        }, new TaskObserver<Object>() {
            @Override
            public void onCancelled() {
                cancelled.countDown();
            }
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        handle.cancel();
        assertTrue(cancelled.await(10, TimeUnit.SECONDS));
        uiThread.submit(() -> { }).get();
        assertTrue(handle.isDone());
    }

    @Test
    void failureReachesObserver() throws Exception {
        CountDownLatch failed = new CountDownLatch(1);
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        executor.submit("fail", context -> {
            throw new IllegalStateException("disk full");
        }, new TaskObserver<Object>() {
            @Override
            public void onFailed(Throwable error) {
                errors.add(error);
                failed.countDown();
            }
        });
        assertTrue(failed.await(10, TimeUnit.SECONDS));
        assertEquals("disk full", errors.get(0).getMessage());
    }
}
