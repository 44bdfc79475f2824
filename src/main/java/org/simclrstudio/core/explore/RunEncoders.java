package org.simclrstudio.core.explore;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Path;
import org.simclrstudio.core.model.Devices;
import org.simclrstudio.core.train.TrainedModels;

/**
 * Opens the network saved in a run folder ({@code model/}) as a {@link FeatureEncoder}. Any run
 * works, a pretraining run included: its encoder never saw a label, and its logits are those of
 * the linear probe trained beside it.
 */
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
     * {@code gpu}); its output is the encoder's feature vector.
     *
     * @throws IOException when the run folder has no readable model or the device is not available
     */
    public static FeatureEncoder open(Path runFolder, String device) throws IOException {
        return new NetworkFeatureEncoder(TrainedModels.load(runFolder, resolve(device)), false);
    }

    /**
     * Opens the encoder and linear head saved in {@code runFolder}; the output is one logit per class.
     *
     * @throws IOException when the run folder has no readable model or the device is not available
     */
    public static FeatureEncoder openClassifier(Path runFolder, String device) throws IOException {
        return new NetworkFeatureEncoder(TrainedModels.load(runFolder, resolve(device)), true);
    }

    private static Device resolve(String device) throws IOException {
        try {
            return Devices.resolve(device);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
