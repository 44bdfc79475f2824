package org.simclrstudio.ui.common;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@link Settings} as JSON. A missing, unreadable or corrupt file gives the defaults
 * and a logged warning, never an error: settings are a convenience and must not stop the app starting.
 */
public final class SettingsStore {

    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);

    private final Path file;
    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    /** Creates a store for {@code file}, typically {@code AppDirs.settingsFile()}. */
    public SettingsStore(Path file) {
        this.file = file;
    }

    /** Returns the settings file. */
    public Path file() {
        return file;
    }

    /** Reads the settings, or returns the defaults when the file is missing or cannot be parsed. */
    public Settings load() {
        try {
            Settings settings = mapper.readValue(Files.readAllBytes(file), Settings.class);
            return settings != null ? settings : new Settings();
        } catch (NoSuchFileException e) {
            return new Settings();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Settings file {} is invalid and was ignored, using defaults: {}", file, e.getMessage());
            return new Settings();
        }
    }

    /**
     * Writes the settings through a temporary file and a rename, so a crash mid-write leaves the old
     * file intact. Failures are logged, not thrown.
     */
    public void save(Settings settings) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temp, mapper.writeValueAsBytes(settings));
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.warn("Settings could not be saved to {}: {}", file, e.getMessage());
        }
    }
}
