package org.simclrstudio.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import org.junit.jupiter.api.Test;

class ReleasingSequentialBlockTest {

    private static SequentialBlock build(SequentialBlock block, NDManager manager) {
        block.add(Linear.builder().setUnits(6).build())
                .add(Activation.reluBlock())
                .add(list -> list) // passes its input through unchanged
                .add(Linear.builder().setUnits(2).build());
        block.setInitializer(new ConstantInitializer(0.1f), ai.djl.nn.Parameter.Type.WEIGHT);
        block.initialize(manager, DataType.FLOAT32, new Shape(3, 4));
        return block;
    }

    /** Returns the output and the gradient of the first weight after backward of the output's sum. */
    private static float[][] train(SequentialBlock block, NDManager manager, NDArray input) {
        try (NDManager step = manager.newSubManager()) {
            NDArray stepInput = input.duplicate();
            stepInput.attach(step);
            NDArray output;
            int managed;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                output = block.forward(new ParameterStore(manager, false), new NDList(stepInput), true)
                        .singletonOrThrow();
                managed = step.getManagedArrays().size();
                collector.backward(output.sum());
            }
            assertFalse(stepInput.isReleased(), "the block's input stays open");
            NDArray gradient = block.getChildren().get(0).getValue().getParameters().get("weight").getArray()
                    .getGradient();
            return new float[][] {output.toFloatArray(), gradient.toFloatArray(), {managed}};
        }
    }

    @Test
    void closesConsumedIntermediates() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray input = manager.create(new float[] {1, -2, 3, 4, 0.5f, -1, 2, 2, -3, 1, 0, 1}, new Shape(3, 4));
            float[][] plain = train(build(new SequentialBlock(), manager), manager, input);
            float[][] releasing = train(build(new ReleasingSequentialBlock(), manager), manager, input);

            assertArrayEquals(plain[0], releasing[0], 1e-6f, "output");
            assertArrayEquals(plain[1], releasing[1], 1e-6f, "gradient of the first weight");
            // The first Linear's output and the ReLU's output are closed once consumed.
            assertEquals(plain[2][0] - 2, releasing[2][0], "arrays left in the step's manager");
        }
    }
}
