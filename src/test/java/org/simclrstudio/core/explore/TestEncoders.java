package org.simclrstudio.core.explore;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;

/** Small real DJL encoders for tests: the Keras SimCLR encoder's layout with fewer filters. */
public final class TestEncoders {

    /** Length of the feature vector of {@link #smallConvEncoder}. */
    public static final int FEATURES = 32;

    private TestEncoders() {
    }

    /** Builds a randomly initialised convolutional encoder for {@code side x side} RGB images. */
    public static BlockFeatureEncoder smallConvEncoder(int side, long seed) {
        return smallConvEncoder(side, FEATURES, seed);
    }

    /** Builds a randomly initialised encoder with {@code outputs} values per image, such as one logit per class. */
    public static BlockFeatureEncoder smallConvEncoder(int side, int outputs, long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
        SequentialBlock block = new SequentialBlock()
                .add(Conv2d.builder().setFilters(8).setKernelShape(new Shape(3, 3)).optStride(new Shape(2, 2)).build())
                .add(Activation::relu)
                .add(Conv2d.builder().setFilters(16).setKernelShape(new Shape(3, 3)).optStride(new Shape(2, 2)).build())
                .add(Activation::relu)
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(outputs).build());
        NDManager manager = NDManager.newBaseManager();
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, side, side));
        return new BlockFeatureEncoder(block, manager, side, outputs, true);
    }
}
