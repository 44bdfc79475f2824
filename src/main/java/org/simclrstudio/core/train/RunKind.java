package org.simclrstudio.core.train;

import java.util.Locale;

/** The three kinds of training run. */
public enum RunKind {
    /** SimCLR contrastive pretraining of encoder and projection head, with an online linear probe. */
    PRETRAIN,
    /** Supervised training of a pretrained encoder and a new classifier head on the labelled images. */
    FINETUNE,
    /** The fine-tuning network trained from random weights with the same budget, for comparison. */
    BASELINE;

    /** Returns the command-line name, such as {@code pretrain}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
