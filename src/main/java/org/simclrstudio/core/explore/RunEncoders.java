package org.simclrstudio.core.explore;

import java.io.IOException;
import java.nio.file.Path;

/** Opens the encoder or classifier of a training run folder as a {@link FeatureEncoder}. */
public final class RunEncoders {

    private RunEncoders() {
    }

    /** Returns an opener backed by {@link #open} and {@link #openClassifier}. */
    public static ModelOpener opener() {
        return new ModelOpener() {
            @Override
            public FeatureEncoder openEncoder(Path run, String device) throws IOException {
                return open(run, device);
            }

            @Override
            public FeatureEncoder openClassifier(Path run, String device) throws IOException {
                return RunEncoders.openClassifier(run, device);
            }
        };
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

    /**
     * Opens the encoder and linear head saved in {@code runFolder}; the output is one logit per class.
     *
     * @throws IOException when the run folder has no readable model
     */
    public static FeatureEncoder openClassifier(Path runFolder, String device) throws IOException {
        throw new IOException("Loading the classifier of " + runFolder + " is not available in this build yet");
    }
}
