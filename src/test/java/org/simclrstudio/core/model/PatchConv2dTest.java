package org.simclrstudio.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatchConv2dTest {

    private static NDArray random(NDManager manager, Shape shape, long seed) {
        float[] values = new float[Math.toIntExact(shape.size())];
        Random random = new Random(seed);
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat() * 2 - 1;
        }
        return manager.create(values, shape);
    }

    /** Runs forward and backward of {@code sum(output * mask)} and returns the output and both gradients. */
    private static float[][] run(Conv2d block, NDArray images, NDArray weight, NDArray bias, long maskSeed) {
        NDManager manager = images.getManager();
        block.getParameters().get("weight").getArray().set(weight.toFloatArray());
        block.getParameters().get("bias").getArray().set(bias.toFloatArray());
        NDArray output;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            output = block.forward(new ParameterStore(manager, false), new NDList(images), true).singletonOrThrow();
            NDArray mask = random(manager, output.getShape(), maskSeed);
            collector.backward(output.mul(mask).sum());
        }
        return new float[][] {
            output.toFloatArray(),
            block.getParameters().get("weight").getArray().getGradient().toFloatArray(),
            block.getParameters().get("bias").getArray().getGradient().toFloatArray(),
        };
    }

    @ParameterizedTest
    @CsvSource({"3, 2, 3, 17", "3, 1, 3, 9", "2, 2, 4, 12"})
    void matchesConv2d(int kernel, int stride, int channels, int size) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Shape input = new Shape(2, channels, size, size);
            PatchConv2d patch = PatchConv2d.create(kernel, stride, 5);
            Conv2d plain = Conv2d.builder().setKernelShape(new Shape(kernel, kernel))
                    .optStride(new Shape(stride, stride)).setFilters(5).build();
            patch.initialize(manager, DataType.FLOAT32, input);
            plain.initialize(manager, DataType.FLOAT32, input);
            NDArray images = random(manager, input, 1);
            NDArray weight = random(manager, new Shape(5, channels, kernel, kernel), 2);
            NDArray bias = random(manager, new Shape(5), 3);

            float[][] expected = run(plain, images, weight, bias, 4);
            float[][] actual = run(patch, images, weight, bias, 4);

            long side = (size - kernel) / stride + 1;
            assertEquals(2 * 5 * side * side, actual[0].length);
            assertArrayEquals(expected[0], actual[0], 1e-4f, "output");
            assertArrayEquals(expected[1], actual[1], 1e-3f, "weight gradient");
            assertArrayEquals(expected[2], actual[2], 1e-3f, "bias gradient");
        }
    }
}
