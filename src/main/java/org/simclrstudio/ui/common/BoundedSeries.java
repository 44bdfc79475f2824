package org.simclrstudio.ui.common;

import io.fair_acc.dataset.DataSet;
import io.fair_acc.dataset.spi.DoubleDataSet;

/**
 * A chart series with a fixed maximum number of points. When it is full it drops every second point
 * and keeps every second new point from then on, so the whole history stays visible at a coarser
 * resolution and memory stays bounded however long a run trains.
 *
 * <p>Append from a worker thread: ChartFX 11.3 data sets lock themselves, and appending from the FX
 * thread while a chart lays out can deadlock. The series holds no JavaFX node, so ViewModels own it.
 */
public final class BoundedSeries {

    private final DoubleDataSet dataSet;
    private final int maxPoints;
    private int stride = 1;
    private long offered;

    /**
     * Creates an empty series.
     *
     * @param name legend name
     * @param maxPoints maximum number of points kept, at least 4
     */
    public BoundedSeries(String name, int maxPoints) {
        if (maxPoints < 4) {
            throw new IllegalArgumentException("maxPoints must be at least 4, got " + maxPoints);
        }
        this.maxPoints = maxPoints;
        this.dataSet = new DoubleDataSet(name, maxPoints);
    }

    /** Returns the ChartFX data set to add to a chart. */
    public DataSet dataSet() {
        return dataSet;
    }

    /** Returns the maximum number of points kept. */
    public int maxPoints() {
        return maxPoints;
    }

    /** Returns the number of points kept now. */
    public int size() {
        return dataSet.lock().readLockGuard(dataSet::getDataCount);
    }

    /** Appends a point, thinning the series first when it is full; NaN and infinite values are skipped. */
    public void add(double x, double y) {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            return;
        }
        synchronized (this) {
            long index = offered++;
            if (index % stride != 0) {
                return;
            }
            dataSet.lock().writeLockGuard(() -> {
                if (dataSet.getDataCount() >= maxPoints) {
                    thin();
                }
                dataSet.add(x, y);
            });
        }
    }

    /** Removes every point. */
    public synchronized void clear() {
        offered = 0;
        stride = 1;
        dataSet.lock().writeLockGuard(() -> {
            dataSet.clearData();
        });
    }

    private void thin() {
        int count = dataSet.getDataCount();
        int kept = (count + 1) / 2;
        double[] xs = new double[kept];
        double[] ys = new double[kept];
        for (int i = 0; i < kept; i++) {
            xs[i] = dataSet.get(DataSet.DIM_X, 2 * i);
            ys[i] = dataSet.get(DataSet.DIM_Y, 2 * i);
        }
        dataSet.set(xs, ys, kept, true);
        stride *= 2;
    }
}
