package org.simclrstudio.core.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.Random;
import org.simclrstudio.core.train.TrainingSteps;

/**
 * Measures the bare contrastive pretraining step: two batches of random uint8 views already in memory,
 * scaled to [0, 1] on the device, then {@link TrainingSteps#contrastive} (forward, NT-Xent, backward,
 * Adam). Reading and augmentation are left out; {@link EpochBenchmark} includes them.
 */
public final class PretrainStepBenchmark {

    private PretrainStepBenchmark() {
    }

    /**
     * Durations of the timed steps and the process CPU time they used.
     *
     * @param timing duration of each timed step
     * @param cpu user and kernel CPU time of the timed steps alone, where the system reports it. The
     *     warm-up steps are left out because they page-fault in the step's memory for the first time
     */
    public record Result(StepTiming timing, Optional<ProcessCpuTime> cpu) {
    }

    /**
     * Runs {@code warmupSteps} untimed and {@code steps} timed steps on batches of {@code batchSize}
     * image pairs ({@code 2 * batchSize} views) of {@code imageSize} pixels.
     */
    public static Result measure(NDManager parent, TrainingSteps trainingSteps, int batchSize, int imageSize,
            int warmupSteps, int steps) {
        Shape shape = new Shape(batchSize, 3, imageSize, imageSize);
        ByteBuffer first = randomPixels(shape, 1);
        ByteBuffer second = randomPixels(shape, 2);
        double[] seconds = new double[steps];
        Optional<ProcessCpuTime> cpuBefore = Optional.empty();
        for (int i = -warmupSteps; i < steps; i++) {
            if (i == 0) {
                cpuBefore = ProcessCpuTime.now();
            }
            long start = System.nanoTime();
            try (NDManager stepManager = parent.newSubManager()) {
                trainingSteps.contrastive(toViews(stepManager, first, shape), toViews(stepManager, second, shape));
            }
            if (i >= 0) {
                seconds[i] = (System.nanoTime() - start) / 1e9;
            }
        }
        Optional<ProcessCpuTime> cpu = cpuBefore.flatMap(before -> ProcessCpuTime.now().map(after -> after.minus(before)));
        return new Result(new StepTiming(2 * batchSize, seconds), cpu);
    }

    private static ByteBuffer randomPixels(Shape shape, long seed) {
        byte[] pixels = new byte[Math.toIntExact(shape.size())];
        new Random(seed).nextBytes(pixels);
        ByteBuffer buffer = ByteBuffer.allocateDirect(pixels.length);
        buffer.put(pixels).flip();
        return buffer;
    }

    private static NDArray toViews(NDManager manager, ByteBuffer pixels, Shape shape) {
        return manager.create(pixels.duplicate(), shape, DataType.UINT8).toType(DataType.FLOAT32, false).div(255f);
    }
}
