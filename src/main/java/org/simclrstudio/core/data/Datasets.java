package org.simclrstudio.core.data;

import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a dataset folder in any supported format, detecting the format when none is given. */
public final class Datasets {

    /** File name of the STL-10 binary release archive. */
    private static final String STL10_ARCHIVE = "stl10_binary.tar.gz";

    private Datasets() {
    }

    /**
     * Opens the dataset in {@code folder}.
     *
     * @param format the format to read, or {@code null} to detect it with {@link #detect(Path)}
     * @throws DatasetException when the folder is missing, its format cannot be detected, or a file is invalid
     */
    public static Dataset open(Path folder, DatasetFormat format) throws DatasetException {
        checkFolder(folder);
        DatasetFormat chosen = format != null ? format : detect(folder);
        return switch (chosen) {
            case STL10 -> Stl10Dataset.open(folder);
            case IDX -> IdxDataset.open(folder);
            case FOLDER -> FolderDataset.open(folder);
        };
    }

    /**
     * Detects the format of {@code folder}, checked in this order: STL-10 binary when the folder or
     * its {@code stl10_binary} subfolder contains {@code train_X.bin}, {@code test_X.bin} or
     * {@code unlabeled_X.bin}; IDX when it contains {@code train-images-idx3-ubyte(.gz)} or
     * {@code t10k-images-idx3-ubyte(.gz)}; image folder when it has a {@code train}, {@code test} or
     * {@code unlabeled} subfolder.
     *
     * @throws DatasetException when the folder is missing or matches none of the formats; when it
     *     contains only the unextracted {@code stl10_binary.tar.gz}, the message asks to extract it
     */
    public static DatasetFormat detect(Path folder) throws DatasetException {
        checkFolder(folder);
        if (Stl10Dataset.looksLikeStl10(folder)) {
            return DatasetFormat.STL10;
        }
        if (IdxDataset.looksLikeIdx(folder)) {
            return DatasetFormat.IDX;
        }
        if (FolderDataset.looksLikeFolderDataset(folder)) {
            return DatasetFormat.FOLDER;
        }
        if (Files.isRegularFile(folder.resolve(STL10_ARCHIVE))) {
            throw new DatasetException("Found " + folder.resolve(STL10_ARCHIVE) + " but no extracted files in "
                    + folder + "; extract the archive there first (tar -xzf " + STL10_ARCHIVE + ")");
        }
        throw new DatasetException("No dataset found in " + folder + ": expected STL-10 binary files (train_X.bin, "
                + "... or a stl10_binary folder), IDX files (train-images-idx3-ubyte.gz, ...) or class folders "
                + "under train/ and test/");
    }

    private static void checkFolder(Path folder) throws DatasetException {
        if (!Files.exists(folder)) {
            throw new DatasetException("Dataset folder " + folder + " does not exist; pass a folder with STL-10 "
                    + "binary files, IDX files or class folders");
        }
        if (!Files.isDirectory(folder)) {
            throw new DatasetException(folder + " is a file; pass the folder that contains the dataset files");
        }
        if (!Files.isReadable(folder)) {
            throw new DatasetException("Dataset folder " + folder + " is not readable; check its permissions");
        }
    }
}
