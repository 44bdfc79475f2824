package org.simclrstudio.ui.embeddings;

import javafx.scene.paint.Color;

/** Point colours per class: the ten-colour Tableau palette, repeated for more classes, grey for unlabelled. */
final class ClassPalette {

    private static final Color[] COLORS = {
        Color.web("#4e79a7"), Color.web("#f28e2b"), Color.web("#e15759"), Color.web("#76b7b2"),
        Color.web("#59a14f"), Color.web("#edc948"), Color.web("#b07aa1"), Color.web("#ff9da7"),
        Color.web("#9c755f"), Color.web("#bab0ac")
    };
    private static final Color UNLABELLED = Color.web("#6b7280");

    private ClassPalette() {
    }

    /** Returns the colour of class {@code label}, or grey for -1. */
    static Color of(int label) {
        return label < 0 ? UNLABELLED : COLORS[label % COLORS.length];
    }
}
