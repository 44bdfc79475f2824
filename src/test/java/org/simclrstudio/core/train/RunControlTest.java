package org.simclrstudio.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RunControlTest {

    /** Starts a thread that calls {@code awaitRunnable} and waits until it blocks. */
    private static Thread blockedWaiter(RunControl control, AtomicReference<Boolean> result) throws InterruptedException {
        Thread waiter = new Thread(() -> result.set(control.awaitRunnable()));
        waiter.start();
        while (waiter.getState() != Thread.State.WAITING && waiter.isAlive()) {
            Thread.onSpinWait();
        }
        return waiter;
    }

    @Test
    void runnableWhenNotPaused() {
        RunControl control = new RunControl();
        assertTrue(control.awaitRunnable());
        assertFalse(control.isPaused());
    }

    @Test
    void pauseBlocksUntilResume() throws InterruptedException {
        RunControl control = new RunControl();
        control.pause();
        assertTrue(control.isPaused());
        AtomicReference<Boolean> result = new AtomicReference<>();
        Thread waiter = blockedWaiter(control, result);
        assertEquals(Thread.State.WAITING, waiter.getState());
        assertEquals(null, result.get());
        control.resume();
        waiter.join();
        assertEquals(Boolean.TRUE, result.get());
    }

    @Test
    void cancelReleasesPausedRun() throws InterruptedException {
        RunControl control = new RunControl();
        control.pause();
        AtomicReference<Boolean> result = new AtomicReference<>();
        Thread waiter = blockedWaiter(control, result);
        control.cancel();
        waiter.join();
        assertEquals(Boolean.FALSE, result.get());
        assertTrue(control.isCancelled());
    }
}
