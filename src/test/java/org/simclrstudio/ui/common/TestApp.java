package org.simclrstudio.ui.common;

import java.nio.file.Path;

import org.simclrstudio.core.task.SameThreadExecutor;

/** Builds an {@link AppModel} for ViewModel tests: every task and UI action runs on the test thread. */
public final class TestApp {

    private TestApp() {
    }

    /** Returns a model whose runs and datasets live under {@code home}. */
    public static AppModel sameThread(Path home) {
        SameThreadExecutor executor = new SameThreadExecutor();
        return new AppModel(executor, executor, Runnable::run, new Settings(), home.resolve("runs"),
                home.resolve("datasets"));
    }
}
