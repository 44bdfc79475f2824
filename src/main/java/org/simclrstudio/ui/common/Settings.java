package org.simclrstudio.ui.common;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Settings the desktop app keeps between launches, stored as JSON in the settings file. Unknown
 * fields are ignored so that an older app reads a newer file; missing fields keep their defaults.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class Settings {

    /** Window position in screen pixels; NaN until the window was placed once. */
    public double windowX = Double.NaN;
    /** Window position in screen pixels; NaN until the window was placed once. */
    public double windowY = Double.NaN;
    /** Window width in pixels. */
    public double windowWidth = 1360;
    /** Window height in pixels. */
    public double windowHeight = 860;
    /** Whether the window was maximized. */
    public boolean maximized;
    /** Folder of the dataset open at the last exit, or null for the bundled sample. */
    public String lastDatasetPath;
    /** Format of that dataset by its command-line name ({@code stl10}, {@code idx}, {@code folder}). */
    public String lastDatasetFormat;
    /** Workspace shown at the last exit. */
    public String lastWorkspace = Workspace.DATASETS.name();
    /** Training device: {@code auto}, {@code cpu} or {@code gpu}. */
    public String device = "auto";
    /** Last values of the training form, by field name. */
    public Map<String, String> training = new LinkedHashMap<>();
    /** Last augmentation preset name. */
    public String augmentationPreset;
}
