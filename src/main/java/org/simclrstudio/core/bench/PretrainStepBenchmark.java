package org.simclrstudio.core.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.util.Random;

/**
 * Measures the bare pretraining step: random uint8 views already in memory, scaled to [0, 1] on the
 * device, then forward, NT-Xent, backward and Adam. Reading and augmentation are left out.
 */
public final class PretrainStepBenchmark {

    private PretrainStepBenchmark() {
    }

    /**
     * Runs {@code warmupSteps} untimed and {@code steps} timed steps on batches of {@code batchSize}
     * image pairs ({@code 2 * batchSize} views) of {@code imageSize} pixels.
     */
    public static StepTiming measure(NDManager parent, TrainingStep step, int batchSize, int imageSize,
            int warmupSteps, int steps) {
        int views = 2 * batchSize;
        byte[] pixels = new byte[views * 3 * imageSize * imageSize];
        new Random(7).nextBytes(pixels);
        ByteBuffer buffer = ByteBuffer.allocateDirect(pixels.length);
        buffer.put(pixels).flip();
        Shape shape = new Shape(views, 3, imageSize, imageSize);
        double[] seconds = new double[steps];
        for (int i = -warmupSteps; i < steps; i++) {
            long start = System.nanoTime();
            try (NDManager stepManager = parent.newSubManager()) {
                NDArray raw = stepManager.create(buffer.duplicate(), shape, DataType.UINT8);
                NDArray input = raw.toType(DataType.FLOAT32, false).div(255f);
                step.run(stepManager, input);
            }
            if (i >= 0) {
                seconds[i] = (System.nanoTime() - start) / 1e9;
            }
        }
        return new StepTiming(views, seconds);
    }
}
