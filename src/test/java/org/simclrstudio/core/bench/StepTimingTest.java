package org.simclrstudio.core.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class StepTimingTest {

    @Test
    void throughputUsesTotalTime() {
        StepTiming timing = new StepTiming(512, new double[] {2.0, 1.0, 3.0, 2.0});
        assertEquals(256.0, timing.viewsPerSecond(), 1e-9);
        assertEquals(512.0, timing.bestViewsPerSecond(), 1e-9);
        assertEquals(2.0, timing.medianStepSeconds(), 1e-9);
    }

    @Test
    void percentileIsNearestRank() {
        double[] sorted = new double[20];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = i + 1;
        }
        assertEquals(10.0, ClassifyBenchmark.percentile(sorted, 0.50));
        assertEquals(19.0, ClassifyBenchmark.percentile(sorted, 0.95));
        assertEquals(7.0, ClassifyBenchmark.percentile(new double[] {7.0}, 0.95));
    }

    @Test
    void cpuTimeIsReadOnLinux() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "/proc/self/stat exists on Linux only");
        ProcessCpuTime time = ProcessCpuTime.now().orElseThrow();
        assertTrue(time.userSeconds() > 0, "user time " + time.userSeconds());
        assertTrue(time.kernelShare() >= 0, "share " + time.kernelShare());
        assertTrue(time.kernelShare() <= 1, "share " + time.kernelShare());
    }
}
