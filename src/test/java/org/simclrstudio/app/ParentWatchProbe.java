package org.simclrstudio.app;

/** A child process for {@link TunedRelaunchTest}: watches its parent as the app does, then waits to be stopped. */
public final class ParentWatchProbe {

    private ParentWatchProbe() {
    }

    /** Watches the parent named in the environment, then sleeps for at most a minute. */
    public static void main(String[] args) throws InterruptedException {
        TunedRelaunch.stopWithParent();
        System.out.println("watching");
        System.out.flush();
        Thread.sleep(60_000);
    }
}
