package org.simclrstudio.ui.shell;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

import org.simclrstudio.app.AppDirs;
import org.simclrstudio.ui.common.FxTaskExecutor;
import org.simclrstudio.ui.common.SettingsStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JavaFX application: reads the settings, builds the main window and saves the settings at exit. */
public class StudioApplication extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(StudioApplication.class);
    private static final long LAUNCH_NANOS = System.nanoTime();

    private FxTaskExecutor executor;
    private StudioShell shell;

    /** Launches the desktop app and returns when its last window closes. */
    public static void launchApp(String[] args) {
        Application.launch(StudioApplication.class, args);
    }

    @Override
    public void start(Stage stage) {
        Thread.setDefaultUncaughtExceptionHandler((thread, error) ->
                LOG.error("Uncaught exception on thread {}", thread.getName(), error));
        executor = new FxTaskExecutor();
        shell = StudioShell.create(new SettingsStore(AppDirs.settingsFile()), executor, AppDirs.runs(),
                AppDirs.datasets());
        shell.show(stage);
        Platform.runLater(() -> LOG.info("Main window shown {} ms after launch",
                (System.nanoTime() - LAUNCH_NANOS) / 1_000_000));
    }

    @Override
    public void stop() {
        if (shell != null) {
            shell.shutdown();
        }
        if (executor != null) {
            executor.close();
        }
    }
}
