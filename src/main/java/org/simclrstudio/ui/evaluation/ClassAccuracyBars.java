package org.simclrstudio.ui.evaluation;

import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import org.simclrstudio.core.explore.Evaluation;

/** One horizontal bar per class with its accuracy; the best and worst classes stand out by length. */
final class ClassAccuracyBars extends GridPane {

    ClassAccuracyBars() {
        getStyleClass().add("class-accuracy-bars");
        setHgap(8);
        setVgap(4);
    }

    /** Shows the per-class accuracy of {@code evaluation}, or nothing for null. */
    void setEvaluation(Evaluation evaluation) {
        getChildren().clear();
        if (evaluation == null) {
            return;
        }
        double[] accuracy = evaluation.perClassAccuracy();
        for (int label = 0; label < accuracy.length; label++) {
            Label name = new Label(evaluation.classNames().get(label));
            name.getStyleClass().add("prediction-label");
            name.setMinWidth(90);
            ProgressBar bar = new ProgressBar(Double.isNaN(accuracy[label]) ? 0 : accuracy[label]);
            bar.getStyleClass().add("prediction-bar");
            bar.setMaxWidth(Double.MAX_VALUE);
            GridPane.setHgrow(bar, Priority.ALWAYS);
            Label value = new Label(Double.isNaN(accuracy[label]) ? "–"
                    : String.format(Locale.ROOT, "%.1f%%", 100 * accuracy[label]));
            value.setMinWidth(48);
            value.setAlignment(Pos.CENTER_RIGHT);
            addRow(label, name, bar, value);
        }
    }

    /** Returns the number of bars shown, for tests. */
    int barCount() {
        return (int) getChildren().stream().filter(ProgressBar.class::isInstance).count();
    }
}
