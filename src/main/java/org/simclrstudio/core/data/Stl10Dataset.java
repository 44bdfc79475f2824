package org.simclrstudio.core.data;

import java.nio.file.Files;
import java.nio.file.Path;

/** STL-10 binary dataset. */
public final class Stl10Dataset {

    private Stl10Dataset() {
    }

    /** Opens an STL-10 binary folder. */
    public static Dataset open(Path folder) throws DatasetException {
        // TODO: implement the STL-10 binary reader.
        throw new DatasetException("Reading STL-10 binary files from " + folder + " is not available in this build yet");
    }

    static boolean looksLikeStl10(Path folder) {
        Path inner = folder.resolve("stl10_binary");
        for (Path candidate : new Path[] {folder, inner}) {
            for (String name : new String[] {"train_X.bin", "test_X.bin", "unlabeled_X.bin"}) {
                if (Files.isRegularFile(candidate.resolve(name))) {
                    return true;
                }
            }
        }
        return false;
    }
}
