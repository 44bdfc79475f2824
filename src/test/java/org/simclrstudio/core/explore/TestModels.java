package org.simclrstudio.core.explore;

import java.nio.file.Path;

/**
 * Opens small randomly initialised networks instead of saved runs, so ViewModel tests need no
 * training. The seed comes from the run folder's name, so two runs give two different models.
 */
public final class TestModels implements ModelOpener {

    private final int side;
    private final int classes;

    /** Creates an opener for {@code side x side} images and {@code classes} classes. */
    public TestModels(int side, int classes) {
        this.side = side;
        this.classes = classes;
    }

    @Override
    public FeatureEncoder openEncoder(Path run, String device) {
        return TestEncoders.smallConvEncoder(side, seedOf(run));
    }

    @Override
    public FeatureEncoder openClassifier(Path run, String device) {
        return TestEncoders.smallConvEncoder(side, classes, seedOf(run));
    }

    private static long seedOf(Path run) {
        return Math.abs(run.getFileName().toString().hashCode()) % 1000;
    }
}
