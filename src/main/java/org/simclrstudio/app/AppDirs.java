package org.simclrstudio.app;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The per-user application folder and its parts: {@code settings.json}, {@code logs/}, {@code runs/},
 * {@code djl-cache/} and {@code datasets/}.
 *
 * <p>The folder is the {@code simclr.home} system property when set, else the {@code SIMCLR_STUDIO_HOME}
 * environment variable, else {@code ~/.simclr-studio} on Linux, {@code %APPDATA%\SimCLR Studio} on
 * Windows and {@code ~/Library/Application Support/SimCLR Studio} on macOS.
 */
public final class AppDirs {

    /** System property that overrides the application folder (tests point it at a temporary folder). */
    public static final String HOME_PROPERTY = "simclr.home";
    /** Environment variable that overrides the application folder. */
    public static final String HOME_ENVIRONMENT = "SIMCLR_STUDIO_HOME";

    private AppDirs() {
    }

    /** Returns the application folder; it may not exist yet. */
    public static Path home() {
        String property = System.getProperty(HOME_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String environment = System.getenv(HOME_ENVIRONMENT);
        if (environment != null && !environment.isBlank()) {
            return Path.of(environment);
        }
        Path userHome = Path.of(System.getProperty("user.home"));
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String appData = System.getenv("APPDATA");
            return (appData != null ? Path.of(appData) : userHome).resolve("SimCLR Studio");
        }
        if (os.contains("mac")) {
            return userHome.resolve("Library").resolve("Application Support").resolve("SimCLR Studio");
        }
        return userHome.resolve(".simclr-studio");
    }

    /** Returns the folder of the log files. */
    public static Path logs() {
        return home().resolve("logs");
    }

    /** Returns the default folder for training runs. */
    public static Path runs() {
        return home().resolve("runs");
    }

    /** Returns the folder where DJL extracts libtorch and caches engine files. */
    public static Path djlCache() {
        return home().resolve("djl-cache");
    }

    /** Returns the default folder for downloaded datasets. */
    public static Path datasets() {
        return home().resolve("datasets");
    }

    /** Returns the settings file of the desktop app. */
    public static Path settingsFile() {
        return home().resolve("settings.json");
    }
}
