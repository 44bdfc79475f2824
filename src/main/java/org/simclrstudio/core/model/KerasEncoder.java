package org.simclrstudio.core.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;

/**
 * The encoder of the Keras SimCLR example: four 3x3 convolutions with 128 filters, stride 2, no padding
 * and ReLU, then flatten and a 128-unit dense layer with ReLU. At 96x96 the maps go 96-47-23-11-5.
 */
public final class KerasEncoder implements Backbone {

    /** Command-line name. */
    public static final String NAME = "keras";

    private static final int WIDTH = 128;
    private static final int CONVOLUTIONS = 4;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int featureSize() {
        return WIDTH;
    }

    @Override
    public void checkImageSize(int imageSize) {
        if (mapSize(imageSize) < 1) {
            throw new IllegalArgumentException("Image size " + imageSize + " is too small for the keras encoder "
                    + "(four unpadded stride-2 3x3 convolutions): use at least 31");
        }
    }

    /** Returns the side of the last feature map for an input of {@code imageSize} pixels. */
    public static int mapSize(int imageSize) {
        int size = imageSize;
        for (int i = 0; i < CONVOLUTIONS; i++) {
            size = size < 3 ? 0 : (size - 3) / 2 + 1;
        }
        return size;
    }

    @Override
    public Block newEncoder() {
        SequentialBlock block = new ReleasingSequentialBlock();
        // The first layer is a patch convolution: its channels-last output puts the other three on
        // oneDNN's faster kernels. The parameters and saved format are those of Conv2d.
        block.add(PatchConv2d.create(3, 2, WIDTH));
        block.add(Activation.reluBlock());
        for (int i = 1; i < CONVOLUTIONS; i++) {
            block.add(Conv2d.builder()
                    .setKernelShape(new Shape(3, 3))
                    .optStride(new Shape(2, 2))
                    .setFilters(WIDTH)
                    .build());
            block.add(Activation.reluBlock());
        }
        block.add(Blocks.batchFlattenBlock());
        block.add(Linear.builder().setUnits(WIDTH).build());
        block.add(Activation.reluBlock());
        return block;
    }
}
