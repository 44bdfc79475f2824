package org.simclrstudio.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {

    @TempDir
    Path home;

    @Test
    void savedSettingsReadBack() {
        SettingsStore store = new SettingsStore(home.resolve("settings.json"));
        Settings settings = new Settings();
        settings.windowX = 40;
        settings.windowWidth = 1500;
        settings.lastDatasetPath = "/data/stl10_binary";
        settings.device = "gpu";
        settings.training.put("epochs", "7");
        store.save(settings);

        Settings read = store.load();
        assertEquals(40, read.windowX);
        assertEquals(1500, read.windowWidth);
        assertEquals("/data/stl10_binary", read.lastDatasetPath);
        assertEquals("gpu", read.device);
        assertEquals("7", read.training.get("epochs"));
    }

    @Test
    void missingFileGivesDefaults() {
        Settings read = new SettingsStore(home.resolve("absent.json")).load();
        assertTrue(Double.isNaN(read.windowX));
        assertEquals("auto", read.device);
    }

    @Test
    void corruptFileGivesDefaults() throws Exception {
        Path file = home.resolve("settings.json");
        Files.writeString(file, "{\"windowWidth\": 1200, \"device\": [oops");
        Settings read = new SettingsStore(file).load();
        assertEquals(new Settings().windowWidth, read.windowWidth);
        assertNull(read.lastDatasetPath);
    }

    @Test
    void unknownFieldsAreIgnored() throws Exception {
        Path file = home.resolve("settings.json");
        Files.writeString(file, "{\"windowWidth\": 1200, \"futureOption\": true}");
        assertEquals(1200, new SettingsStore(file).load().windowWidth);
    }

    @Test
    void unwritableFolderDoesNotThrow() throws Exception {
        Path blocker = Files.writeString(home.resolve("blocker"), "a file where a folder should be");
        new SettingsStore(blocker.resolve("settings.json")).save(new Settings());
        assertTrue(Files.isRegularFile(blocker));
    }
}
