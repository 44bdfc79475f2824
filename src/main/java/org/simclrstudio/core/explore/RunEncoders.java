package org.simclrstudio.core.explore;

import java.io.IOException;
import java.nio.file.Path;

/** Opens the encoder of a training run folder as a {@link FeatureEncoder}. */
public final class RunEncoders {

    private RunEncoders() {
    }

    /**
     * Opens the encoder saved in {@code runFolder} on {@code device} ({@code auto}, {@code cpu} or
     * {@code gpu}).
     *
     * @throws IOException when the run folder has no readable model
     */
    public static FeatureEncoder open(Path runFolder, String device) throws IOException {
        // TODO: load the run's encoder once the training engine's model files exist.
        throw new IOException("Loading the encoder of " + runFolder + " is not available in this build yet");
    }
}
