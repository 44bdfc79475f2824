package org.simclrstudio.core.train;

/**
 * Pauses, resumes and cancels a run from any thread. The run checks it between steps: a pause takes effect
 * when the current step ends, and a cancel makes the run write its checkpoint and return.
 */
public final class RunControl {

    private boolean paused;
    private boolean cancelled;

    /** Asks the run to pause after the current step. */
    public synchronized void pause() {
        paused = true;
        notifyAll();
    }

    /** Lets a paused run continue. */
    public synchronized void resume() {
        paused = false;
        notifyAll();
    }

    /** Asks the run to stop after the current step; a paused run stops at once. */
    public synchronized void cancel() {
        cancelled = true;
        notifyAll();
    }

    /** Returns whether a pause is requested and not yet lifted. */
    public synchronized boolean isPaused() {
        return paused;
    }

    /** Returns whether a cancel was requested. */
    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /**
     * Blocks while paused and not cancelled.
     *
     * @return true when the run should go on, false when it was cancelled
     */
    public synchronized boolean awaitRunnable() {
        while (paused && !cancelled) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancelled = true;
            }
        }
        return !cancelled;
    }
}
