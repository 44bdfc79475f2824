package org.simclrstudio.fault;

import java.nio.file.Path;
import org.simclrstudio.core.data.Dataset;
import org.simclrstudio.core.data.DatasetException;
import org.simclrstudio.core.data.DatasetSplit;
import org.simclrstudio.core.data.Datasets;
import org.simclrstudio.core.image.ImageDecodeException;
import org.simclrstudio.core.image.ImageDecoder;

/**
 * Child-process entry point of the fault suite: opens a dataset and reads every image, or decodes an
 * image file, then prints {@code OK}, {@code ERROR <message>} (exit 3) for a reported error, or
 * {@code CRASH <exception>} (exit 4) for anything else.
 */
public final class FaultProbe {

    private FaultProbe() {
    }

    /** Runs {@code dataset DIR} or {@code decode FILE}. */
    public static void main(String[] args) {
        try {
            switch (args[0]) {
                case "dataset" -> readDataset(Path.of(args[1]));
                case "decode" -> ImageDecoder.decode(Path.of(args[1]));
                default -> throw new IllegalArgumentException("Unknown probe " + args[0]);
            }
            System.out.println("OK");
            System.exit(0);
        } catch (DatasetException | ImageDecodeException e) {
            System.out.println("ERROR " + e.getMessage());
            System.exit(3);
        } catch (Throwable e) {
            System.out.println("CRASH " + e);
            System.exit(4);
        }
    }

    private static void readDataset(Path folder) throws DatasetException {
        try (Dataset dataset = Datasets.open(folder, null)) {
            for (DatasetSplit split : dataset.splits()) {
                for (int i = 0; i < split.size(); i++) {
                    split.image(i);
                }
            }
        }
    }
}
