package org.simclrstudio.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fair_acc.dataset.DataSet;
import org.junit.jupiter.api.Test;

class BoundedSeriesTest {

    @Test
    void longRunStaysWithinMaxPoints() {
        BoundedSeries series = new BoundedSeries("loss", 100);
        for (int step = 0; step < 100_000; step++) {
            series.add(step, Math.sin(step));
            assertTrue(series.size() <= 100, "size " + series.size() + " after step " + step);
        }
        DataSet data = series.dataSet();
        assertEquals(0.0, data.get(DataSet.DIM_X, 0));
        double lastX = data.get(DataSet.DIM_X, data.getDataCount() - 1);
        assertTrue(lastX > 99_000, "last point x=" + lastX + " should be near the newest step");
        assertTrue(series.size() >= 50, "thinning keeps at least half the points, got " + series.size());
    }

    @Test
    void pointsStayInStepOrder() {
        BoundedSeries series = new BoundedSeries("accuracy", 16);
        for (int step = 0; step < 1000; step++) {
            series.add(step, step * 0.001);
        }
        DataSet data = series.dataSet();
        for (int i = 1; i < data.getDataCount(); i++) {
            assertTrue(data.get(DataSet.DIM_X, i) > data.get(DataSet.DIM_X, i - 1), "x must increase at " + i);
        }
    }

    @Test
    void nonFiniteValuesAreSkipped() {
        BoundedSeries series = new BoundedSeries("loss", 8);
        series.add(0, Double.NaN);
        series.add(1, Double.POSITIVE_INFINITY);
        series.add(2, 1.5);
        assertEquals(1, series.size());
    }

    @Test
    void clearEmptiesSeries() {
        BoundedSeries series = new BoundedSeries("loss", 8);
        for (int step = 0; step < 20; step++) {
            series.add(step, step);
        }
        series.clear();
        assertEquals(0, series.size());
        series.add(5, 1);
        assertEquals(1, series.size());
    }
}
