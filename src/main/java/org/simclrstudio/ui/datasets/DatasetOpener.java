package org.simclrstudio.ui.datasets;

import java.nio.file.Path;

import org.simclrstudio.core.data.BundledSample;
import org.simclrstudio.core.data.Dataset;
import org.simclrstudio.core.data.DatasetException;
import org.simclrstudio.core.data.DatasetFormat;
import org.simclrstudio.core.data.Datasets;

/** Opens datasets for the Datasets workspace; the app wires it to the core's readers. */
public interface DatasetOpener {

    /**
     * Opens the dataset in {@code folder}.
     *
     * @param format the format, or null to detect it
     */
    Dataset open(Path folder, DatasetFormat format) throws DatasetException;

    /** Extracts the bundled sample under {@code datasetsFolder} if needed and returns its folder. */
    Path extractBundledSample(Path datasetsFolder) throws Exception;

    /** Returns the opener backed by the core's readers and the sample bundled in the jar. */
    static DatasetOpener core() {
        return new DatasetOpener() {
            @Override
            public Dataset open(Path folder, DatasetFormat format) throws DatasetException {
                return Datasets.open(folder, format);
            }

            @Override
            public Path extractBundledSample(Path datasetsFolder) throws Exception {
                return BundledSample.extractTo(datasetsFolder);
            }
        };
    }
}
