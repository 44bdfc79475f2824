package org.simclrstudio.core.task;

/**
 * Runs {@link BackgroundTask}s and reports their events to a {@link TaskObserver}. The GUI uses a
 * JavaFX implementation backed by worker threads; tests and the command line use
 * {@link SameThreadExecutor}.
 */
public interface TaskExecutor {

    /**
     * Starts {@code task} and reports its progress and outcome to {@code observer}.
     *
     * @param title short description shown while the task runs, such as "Loading STL-10"
     */
    <T> TaskHandle submit(String title, BackgroundTask<T> task, TaskObserver<T> observer);
}
