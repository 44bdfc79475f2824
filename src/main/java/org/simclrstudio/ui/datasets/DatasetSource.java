package org.simclrstudio.ui.datasets;

import java.nio.file.Path;

import org.simclrstudio.core.data.DatasetFormat;

/**
 * A dataset the user can open from the Datasets workspace.
 *
 * @param name display name, such as "Fashion-MNIST (Debian package)"
 * @param description one line shown under the name
 * @param folder folder to open, or null for the bundled sample (extracted on first use)
 * @param format format of the folder, or null to detect it
 */
public record DatasetSource(String name, String description, Path folder, DatasetFormat format) {

    /** Returns whether this is the sample bundled with the app. */
    public boolean isBundled() {
        return folder == null;
    }

    @Override
    public String toString() {
        return name;
    }
}
