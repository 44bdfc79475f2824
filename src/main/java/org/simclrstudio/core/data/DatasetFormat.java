package org.simclrstudio.core.data;

import java.util.Locale;

/** On-disk dataset formats, named as on the command line. */
public enum DatasetFormat {
    /** STL-10 binary files ({@code train_X.bin}, {@code train_y.bin}, ...). */
    STL10,
    /** IDX files of the MNIST family, raw or gzip-compressed. */
    IDX,
    /** One subfolder per class under {@code train/}, {@code test/} and optionally {@code unlabeled/}. */
    FOLDER;

    /** Returns the command-line name, such as {@code stl10}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Returns the format with the given command-line name, ignoring case.
     *
     * @throws IllegalArgumentException when no format has that name; the message lists the valid names
     */
    public static DatasetFormat fromCliName(String name) {
        for (DatasetFormat format : values()) {
            if (format.cliName().equalsIgnoreCase(name.strip())) {
                return format;
            }
        }
        throw new IllegalArgumentException("Unknown dataset format '" + name + "'; expected stl10, idx or folder");
    }
}
