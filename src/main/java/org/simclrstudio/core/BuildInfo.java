package org.simclrstudio.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Versions of SimCLR Studio and of the libraries it was built with, for {@code --version}, About and run configs. */
public final class BuildInfo {

    private static final Properties PROPERTIES = load();

    private BuildInfo() {
    }

    /** Returns the SimCLR Studio version, such as {@code 0.1.0}. */
    public static String version() {
        return PROPERTIES.getProperty("version", "unknown");
    }

    /** Returns the DJL version the app was built with. */
    public static String djlVersion() {
        return PROPERTIES.getProperty("djl.version", "unknown");
    }

    /** Returns the libtorch version the app was built with. */
    public static String pytorchVersion() {
        return PROPERTIES.getProperty("pytorch.version", "unknown");
    }

    /** Returns the JavaFX version the app was built with. */
    public static String javafxVersion() {
        return PROPERTIES.getProperty("javafx.version", "unknown");
    }

    /** Returns the Java runtime version in use. */
    public static String javaVersion() {
        return System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")";
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the bundled build.properties", e);
        }
        return properties;
    }
}
