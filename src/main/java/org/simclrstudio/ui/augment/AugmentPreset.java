package org.simclrstudio.ui.augment;

import java.util.function.Supplier;

import org.simclrstudio.core.augment.AugmentParams;

/** Named augmentation presets offered in the Augmentations workspace. */
public enum AugmentPreset {
    /** The Keras SimCLR example's contrastive augmenter. */
    KERAS_CONTRASTIVE("Keras contrastive", AugmentParams::kerasContrastive),
    /** The Keras SimCLR example's milder classification augmenter, used for fine-tuning. */
    KERAS_CLASSIFICATION("Keras classification", AugmentParams::kerasClassification),
    /** The SimCLR paper's ImageNet recipe. */
    SIMCLR_PAPER("SimCLR paper", AugmentParams::simclrPaper);

    private final String title;
    private final Supplier<AugmentParams> params;

    AugmentPreset(String title, Supplier<AugmentParams> params) {
        this.title = title;
        this.params = params;
    }

    /** Returns the parameters of the preset. */
    public AugmentParams params() {
        return params.get();
    }

    @Override
    public String toString() {
        return title;
    }
}
