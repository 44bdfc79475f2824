package org.simclrstudio.ui.common;

/** The workspaces of the main window, in the order of the navigation rail. */
public enum Workspace {
    /** Browse a dataset's splits and classes. */
    DATASETS("Datasets"),
    /** Preview the view pairs the augmenter makes and edit its parameters. */
    AUGMENTATIONS("Augmentations"),
    /** Configure, run and compare training runs. */
    TRAINING("Training"),
    /** Classify pictures with a trained model. */
    CLASSIFY("Classify"),
    /** Confusion matrix, per-class accuracy and mistakes of a trained model. */
    EVALUATION("Evaluation"),
    /** Encoder features projected to 2-D, and nearest neighbours. */
    EMBEDDINGS("Embeddings");

    private final String title;

    Workspace(String title) {
        this.title = title;
    }

    /** Returns the title shown in the navigation rail. */
    public String title() {
        return title;
    }
}
