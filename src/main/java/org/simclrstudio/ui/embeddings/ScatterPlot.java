package org.simclrstudio.ui.embeddings;

import java.util.HashSet;
import java.util.Set;
import javafx.collections.ListChangeListener;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import org.simclrstudio.core.explore.Projection;

/**
 * A scatter plot of projected features on a canvas, one dot per image coloured by class. Moving the
 * pointer over a dot hovers it, dragging a rectangle selects the dots inside, and clicking a dot
 * requests its nearest neighbours. A canvas is used in place of a chart library so hit-testing thousands of
 * dots stays a simple scan.
 */
final class ScatterPlot extends Region {

    private static final double PADDING = 18;
    private static final double RADIUS = 3.2;
    private static final double HIT_RADIUS = 7;

    private final EmbeddingsViewModel model;
    private final Canvas canvas = new Canvas();
    private Projection projection;
    private double minX;
    private double maxX;
    private double minY;
    private double maxY;
    private Point2D dragStart;
    private Point2D dragEnd;
    private int drawnPoints;

    ScatterPlot(EmbeddingsViewModel model) {
        this.model = model;
        setId("embedding-scatter");
        getChildren().add(canvas);
        setMinSize(200, 200);
        setStyle("-fx-background-color: white; -fx-background-radius: 10; -fx-border-color: #e5e7eb; "
                + "-fx-border-radius: 10;");
        model.projectionProperty().addListener((observable, old, value) -> {
            projection = value;
            computeBounds();
            redraw();
        });
        model.hoveredIndexProperty().addListener((observable, old, value) -> redraw());
        model.selectedIndices().addListener((ListChangeListener<Integer>) change -> redraw());
        model.queryIndexProperty().addListener((observable, old, value) -> redraw());
        canvas.setOnMouseMoved(this::onMoved);
        canvas.setOnMouseExited(event -> model.hover(-1));
        canvas.setOnMousePressed(event -> dragStart = new Point2D(event.getX(), event.getY()));
        canvas.setOnMouseDragged(event -> {
            dragEnd = new Point2D(event.getX(), event.getY());
            redraw();
        });
        canvas.setOnMouseReleased(this::onReleased);
    }

    /** Returns the number of dots drawn by the last repaint, for tests. */
    int drawnPoints() {
        return drawnPoints;
    }

    /** Returns the canvas position of a dot, for tests that hover or click it. */
    Point2D positionOf(int row) {
        return new Point2D(toPixelX(projection.x()[row]), toPixelY(projection.y()[row]));
    }

    @Override
    protected void layoutChildren() {
        double width = getWidth();
        double height = getHeight();
        if (canvas.getWidth() != width || canvas.getHeight() != height) {
            canvas.setWidth(width);
            canvas.setHeight(height);
            redraw();
        }
    }

    private void computeBounds() {
        if (projection == null || projection.size() == 0) {
            return;
        }
        minX = Double.POSITIVE_INFINITY;
        maxX = Double.NEGATIVE_INFINITY;
        minY = Double.POSITIVE_INFINITY;
        maxY = Double.NEGATIVE_INFINITY;
        for (int row = 0; row < projection.size(); row++) {
            minX = Math.min(minX, projection.x()[row]);
            maxX = Math.max(maxX, projection.x()[row]);
            minY = Math.min(minY, projection.y()[row]);
            maxY = Math.max(maxY, projection.y()[row]);
        }
        if (maxX - minX < 1e-12) {
            maxX = minX + 1;
        }
        if (maxY - minY < 1e-12) {
            maxY = minY + 1;
        }
    }

    private double toPixelX(double x) {
        return PADDING + (x - minX) / (maxX - minX) * (canvas.getWidth() - 2 * PADDING);
    }

    private double toPixelY(double y) {
        return canvas.getHeight() - PADDING - (y - minY) / (maxY - minY) * (canvas.getHeight() - 2 * PADDING);
    }

    private double toDataX(double pixel) {
        return minX + (pixel - PADDING) / (canvas.getWidth() - 2 * PADDING) * (maxX - minX);
    }

    private double toDataY(double pixel) {
        return minY + (canvas.getHeight() - PADDING - pixel) / (canvas.getHeight() - 2 * PADDING) * (maxY - minY);
    }

    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        drawnPoints = 0;
        if (projection == null || canvas.getWidth() < 2 * PADDING || canvas.getHeight() < 2 * PADDING) {
            return;
        }
        Set<Integer> selected = new HashSet<>(model.selectedIndices());
        int[] indices = projection.features().indices();
        int[] labels = projection.features().labels();
        double diameter = 2 * RADIUS;
        for (int row = 0; row < projection.size(); row++) {
            g.setFill(ClassPalette.of(labels[row]).deriveColor(0, 1, 1, selected.isEmpty()
                    || selected.contains(indices[row]) ? 0.85 : 0.25));
            g.fillOval(toPixelX(projection.x()[row]) - RADIUS, toPixelY(projection.y()[row]) - RADIUS, diameter,
                    diameter);
            drawnPoints++;
        }
        ring(g, model.queryIndexProperty().get(), Color.web("#111827"), 6);
        ring(g, model.hoveredIndexProperty().get(), Color.web("#4f46e5"), 7);
        if (dragStart != null && dragEnd != null) {
            double x = Math.min(dragStart.getX(), dragEnd.getX());
            double y = Math.min(dragStart.getY(), dragEnd.getY());
            g.setFill(Color.web("#4f46e522"));
            g.setStroke(Color.web("#4f46e5"));
            g.fillRect(x, y, Math.abs(dragEnd.getX() - dragStart.getX()), Math.abs(dragEnd.getY() - dragStart.getY()));
            g.strokeRect(x, y, Math.abs(dragEnd.getX() - dragStart.getX()), Math.abs(dragEnd.getY() - dragStart.getY()));
        }
    }

    private void ring(GraphicsContext g, int splitIndex, Color color, double radius) {
        if (splitIndex < 0) {
            return;
        }
        int row = projection.features().rowOf(splitIndex);
        if (row < 0) {
            return;
        }
        g.setStroke(color);
        g.setLineWidth(2);
        g.strokeOval(toPixelX(projection.x()[row]) - radius, toPixelY(projection.y()[row]) - radius, 2 * radius,
                2 * radius);
        g.setLineWidth(1);
    }

    private int rowAt(double px, double py) {
        if (projection == null) {
            return -1;
        }
        int best = -1;
        double bestDistance = HIT_RADIUS * HIT_RADIUS;
        for (int row = 0; row < projection.size(); row++) {
            double dx = toPixelX(projection.x()[row]) - px;
            double dy = toPixelY(projection.y()[row]) - py;
            double distance = dx * dx + dy * dy;
            if (distance <= bestDistance) {
                bestDistance = distance;
                best = row;
            }
        }
        return best;
    }

    private void onMoved(MouseEvent event) {
        int row = rowAt(event.getX(), event.getY());
        int splitIndex = row < 0 ? -1 : projection.features().indices()[row];
        if (splitIndex != model.hoveredIndexProperty().get()) {
            model.hover(splitIndex);
        }
    }

    private void onReleased(MouseEvent event) {
        Point2D start = dragStart;
        Point2D end = dragEnd;
        dragStart = null;
        dragEnd = null;
        if (projection == null || event.getButton() != MouseButton.PRIMARY) {
            return;
        }
        if (start != null && end != null && start.distance(end) > 4) {
            model.selectRectangle(toDataX(start.getX()), toDataY(start.getY()), toDataX(end.getX()), toDataY(end.getY()));
            redraw();
            return;
        }
        int row = rowAt(event.getX(), event.getY());
        if (row >= 0) {
            model.findNeighbors(projection.features().indices()[row]);
        } else {
            model.selectedIndices().clear();
        }
    }
}
