package org.simclrstudio.core.explore;

import java.util.stream.Collectors;
import org.simclrstudio.core.data.Dataset;
import org.simclrstudio.core.data.DatasetException;
import org.simclrstudio.core.data.DatasetSplit;

/** Finds a split of a dataset by name, with an error that lists the splits there are. */
public final class SplitLookup {

    private SplitLookup() {
    }

    /**
     * Returns the split of {@code dataset} called {@code name}.
     *
     * @throws DatasetException when the dataset has no such split
     */
    public static DatasetSplit require(Dataset dataset, String name) throws DatasetException {
        return dataset.split(name).orElseThrow(() -> new DatasetException("Split '" + name + "' not found in "
                + dataset.location() + "; available splits: "
                + dataset.splits().stream().map(DatasetSplit::name).collect(Collectors.joining(", "))));
    }
}
