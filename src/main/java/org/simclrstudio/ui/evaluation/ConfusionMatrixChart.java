package org.simclrstudio.ui.evaluation;

import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.simclrstudio.core.explore.Evaluation;

/**
 * A confusion-matrix heatmap: rows are true classes, columns predicted ones, each cell shaded by the
 * fraction of its row (so a class with few images is as readable as a large one) and labelled with
 * its image count.
 */
final class ConfusionMatrixChart extends Region {

    private static final double LABEL_WIDTH = 92;
    private static final double LABEL_HEIGHT = 78;
    private static final Color LOW = Color.web("#ffffff");
    private static final Color HIGH = Color.web("#4338ca");
    private static final Color WRONG_HIGH = Color.web("#dc2626");

    private final Canvas canvas = new Canvas();
    private Evaluation evaluation;
    private int drawnCells;

    ConfusionMatrixChart() {
        getStyleClass().add("confusion-matrix");
        getChildren().add(canvas);
        setMinSize(260, 260);
        setPrefSize(440, 440);
    }

    /** Shows {@code value}, or nothing for null. */
    void setEvaluation(Evaluation value) {
        evaluation = value;
        redraw();
    }

    /** Returns the number of cells drawn by the last repaint, for tests. */
    int drawnCells() {
        return drawnCells;
    }

    @Override
    protected void layoutChildren() {
        if (canvas.getWidth() != getWidth() || canvas.getHeight() != getHeight()) {
            canvas.setWidth(getWidth());
            canvas.setHeight(getHeight());
            redraw();
        }
    }

    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        drawnCells = 0;
        if (evaluation == null) {
            return;
        }
        int classes = evaluation.confusion().length;
        double side = Math.min(canvas.getWidth() - LABEL_WIDTH, canvas.getHeight() - LABEL_HEIGHT);
        if (classes == 0 || side <= 0) {
            return;
        }
        double cell = side / classes;
        g.setFont(Font.font(Math.max(8, Math.min(12, cell / 3.2))));
        g.setTextBaseline(VPos.CENTER);
        for (int truth = 0; truth < classes; truth++) {
            drawRow(g, truth, cell);
        }
        drawColumnLabels(g, classes, cell, side);

        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(Color.web("#6b7280"));
        g.fillText("rows: true class, columns: predicted", 4, canvas.getHeight() - 8);
    }

    private void drawRow(GraphicsContext g, int truth, double cell) {
        int[] counts = evaluation.confusion()[truth];
        long rowTotal = 0;
        for (int count : counts) {
            rowTotal += count;
        }
        for (int predicted = 0; predicted < counts.length; predicted++) {
            int count = counts[predicted];
            double fraction = rowTotal == 0 ? 0 : (double) count / rowTotal;
            // Mistakes turn red faster than hits turn blue, so a 20 % confusion already stands out.
            Color shade = truth == predicted ? LOW.interpolate(HIGH, fraction)
                    : LOW.interpolate(WRONG_HIGH, Math.min(1, 2.5 * fraction));
            double x = LABEL_WIDTH + predicted * cell;
            double y = truth * cell;
            g.setFill(shade);
            g.fillRect(x, y, cell - 1, cell - 1);
            drawnCells++;
            if (count > 0 && cell >= 18) {
                boolean dark = shade.getBrightness() < 0.6 || shade.getSaturation() > 0.55;
                g.setFill(dark ? Color.WHITE : Color.web("#1f2937"));
                g.setTextAlign(TextAlignment.CENTER);
                g.fillText(String.valueOf(count), x + cell / 2, y + cell / 2);
            }
        }
        g.setFill(Color.web("#374151"));
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(shorten(evaluation.classNames().get(truth)), LABEL_WIDTH - 6, truth * cell + cell / 2);
    }

    /** Draws the predicted-class labels, rotated so long class names fit under narrow cells. */
    private void drawColumnLabels(GraphicsContext g, int classes, double cell, double side) {
        g.setFill(Color.web("#374151"));
        g.setTextAlign(TextAlignment.RIGHT);
        for (int predicted = 0; predicted < classes; predicted++) {
            g.save();
            g.translate(LABEL_WIDTH + predicted * cell + cell / 2, side + 6);
            g.rotate(-60);
            g.fillText(shorten(evaluation.classNames().get(predicted)), 0, 0);
            g.restore();
        }
    }

    private static String shorten(String name) {
        return name.length() <= 12 ? name : name.substring(0, 11) + "…";
    }
}
