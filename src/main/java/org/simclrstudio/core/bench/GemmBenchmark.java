package org.simclrstudio.core.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Measures the engine's float32 matrix multiplication throughput, the ceiling for convolution-heavy
 * training on a CPU.
 */
public final class GemmBenchmark {

    private GemmBenchmark() {
    }

    /**
     * Multiplies two {@code size x size} float32 matrices {@code repetitions} times after two warm-up
     * products and returns the best rate in GFLOP/s (2 size^3 floating-point operations per product).
     */
    public static double measureGflops(NDManager parent, int size, int repetitions) {
        if (size < 1 || repetitions < 1) {
            throw new IllegalArgumentException("size and repetitions must be positive, got " + size + " and " + repetitions);
        }
        try (NDManager manager = parent.newSubManager()) {
            NDArray a = manager.randomUniform(-1f, 1f, new Shape(size, size));
            NDArray b = manager.randomUniform(-1f, 1f, new Shape(size, size));
            double flop = 2.0 * size * size * (double) size;
            for (int i = 0; i < 2; i++) {
                multiply(a, b);
            }
            double bestSeconds = Double.MAX_VALUE;
            for (int i = 0; i < repetitions; i++) {
                long start = System.nanoTime();
                multiply(a, b);
                bestSeconds = Math.min(bestSeconds, (System.nanoTime() - start) / 1e9);
            }
            return flop / bestSeconds / 1e9;
        }
    }

    private static void multiply(NDArray a, NDArray b) {
        try (NDArray product = a.matMul(b)) {
            // Reading one element waits for the product on engines that run asynchronously.
            product.getFloat(0, 0);
        }
    }
}
