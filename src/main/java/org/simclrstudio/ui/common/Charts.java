package org.simclrstudio.ui.common;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import java.util.Locale;

import javafx.scene.control.Label;
import javafx.util.StringConverter;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Line charts in the application's style, built on ChartFX. */
public final class Charts {

    /** Labels whole-number ticks only: steps and epochs have no fractions. */
    private static final StringConverter<Number> WHOLE_NUMBERS = new StringConverter<>() {
        @Override
        public String toString(Number value) {
            double number = value.doubleValue();
            return number == Math.rint(number) ? String.format(Locale.ROOT, "%,d", (long) number) : "";
        }

        @Override
        public Number fromString(String text) {
            return Double.valueOf(text.replace(",", ""));
        }
    };

    /** Space between an axis' tick labels and its name, in pixels. */
    private static final double AXIS_NAME_GAP = 8;

    private Charts() {
    }

    /**
     * Returns a line chart with numeric axes.
     *
     * @param fixedUnitRange pin the y axis to 0..1 (accuracies) instead of ranging it automatically
     * @param markers draw a marker at every point (few points, such as one per epoch)
     */
    public static XYChart lineChart(String xName, String yName, boolean fixedUnitRange, boolean markers) {
        DefaultNumericAxis xAxis = new DefaultNumericAxis(xName);
        xAxis.setAutoRangeRounding(false);
        xAxis.setAutoRangePadding(0.02);
        // A null unit drops the empty "[]" ChartFX 11.3 appends to an axis name.
        xAxis.setUnit(null);
        xAxis.setTickLabelFormatter(WHOLE_NUMBERS);
        // ChartFX 11.3's default gap let the axis name touch the tick labels below the plot.
        xAxis.setAxisLabelGap(AXIS_NAME_GAP);
        DefaultNumericAxis yAxis = new DefaultNumericAxis(yName);
        yAxis.setUnit(null);
        yAxis.setAxisLabelGap(AXIS_NAME_GAP);
        if (fixedUnitRange) {
            // TODO: in a chart that was empty when first shown, the x axis name overlaps the tick labels once
            // points arrive if the y range is fixed (ChartFX 11.3 does not resize the axis then).
            yAxis.setAutoRanging(false);
            yAxis.setMin(0);
            yAxis.setMax(1);
        } else {
            yAxis.setAutoRangeRounding(false);
            yAxis.setAutoRangePadding(0.05);
        }
        XYChart chart = new XYChart(xAxis, yAxis);
        chart.setAnimated(false);
        chart.setLegendVisible(true);
        ErrorDataSetRenderer renderer = (ErrorDataSetRenderer) chart.getRenderers().get(0);
        renderer.setErrorStyle(ErrorStyle.NONE);
        renderer.setPolyLineStyle(LineStyle.NORMAL);
        renderer.setDrawMarker(markers);
        renderer.setAllowNaNs(false);
        return chart;
    }

    /** Wraps a chart in a titled card that grows with its container. */
    public static VBox card(String title, XYChart chart) {
        Label label = new Label(title);
        label.getStyleClass().add("section-title");
        label.setStyle("-fx-padding: 2 0 0 8;");
        VBox card = new VBox(2, label, chart);
        card.getStyleClass().add("chart-card");
        VBox.setVgrow(chart, Priority.ALWAYS);
        chart.setMinHeight(180);
        chart.setPrefHeight(240);
        return card;
    }
}
