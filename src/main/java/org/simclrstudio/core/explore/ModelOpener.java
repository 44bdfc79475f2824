package org.simclrstudio.core.explore;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens the networks of a training run for exploration. The app uses {@link RunEncoders#opener()};
 * tests pass small networks built in memory.
 */
public interface ModelOpener {

    /** Opens the run's encoder, whose output is the feature vector of each image. */
    FeatureEncoder openEncoder(Path run, String device) throws IOException;

    /** Opens the run's encoder followed by its linear head, whose output is one logit per class. */
    FeatureEncoder openClassifier(Path run, String device) throws IOException;
}
