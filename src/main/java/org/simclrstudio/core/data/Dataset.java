package org.simclrstudio.core.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An image classification dataset from any source (STL-10 binary, IDX, image folder): class names
 * and named splits. Closing it releases memory maps and open files.
 */
public interface Dataset extends AutoCloseable {

    /** Split with the labelled training images. */
    String TRAIN = "train";
    /** Split with the labelled test images. */
    String TEST = "test";
    /** Split with images that carry no label. */
    String UNLABELED = "unlabeled";

    /** Returns the on-disk format. */
    DatasetFormat format();

    /** Returns the folder the dataset was opened from. */
    Path location();

    /** Returns the class names; a label {@code k} names {@code classNames().get(k)}. */
    List<String> classNames();

    /** Returns the splits present on disk, in the order train, test, unlabeled. */
    List<DatasetSplit> splits();

    /** Returns the split with the given name, if present. */
    default Optional<DatasetSplit> split(String name) {
        return splits().stream().filter(split -> split.name().equals(name)).findFirst();
    }

    /** Releases the files behind the dataset; later reads fail. */
    @Override
    void close();
}
