package org.simclrstudio.core.data;

import java.nio.file.Files;
import java.nio.file.Path;

/** Image folder dataset. */
public final class FolderDataset {

    private FolderDataset() {
    }

    /** Opens an image folder dataset. */
    public static Dataset open(Path folder) throws DatasetException {
        // TODO: implement the image folder reader.
        throw new DatasetException("Reading image folders from " + folder + " is not available in this build yet");
    }

    static boolean looksLikeFolderDataset(Path folder) {
        for (String name : new String[] {Dataset.TRAIN, Dataset.TEST, Dataset.UNLABELED}) {
            if (Files.isDirectory(folder.resolve(name))) {
                return true;
            }
        }
        return false;
    }
}
