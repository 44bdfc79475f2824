package org.simclrstudio.core.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.List;

/**
 * ResNet-18 adapted to small images as in SimCLR's CIFAR-10 setup: a 3x3 stride-1 stem without max
 * pooling, four stages of two basic residual blocks (64, 128, 256, 512 filters; stride 1, 2, 2, 2) with
 * batch normalisation, and global average pooling to 512 features.
 */
public final class ResNet18Small implements Backbone {

    /** Command-line name. */
    public static final String NAME = "resnet18";

    private static final int[] STAGE_WIDTHS = {64, 128, 256, 512};

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int featureSize() {
        return STAGE_WIDTHS[STAGE_WIDTHS.length - 1];
    }

    @Override
    public void checkImageSize(int imageSize) {
        if (imageSize < 8) {
            throw new IllegalArgumentException("Image size " + imageSize + " is too small for resnet18: use at least 8");
        }
    }

    @Override
    public Block newEncoder() {
        SequentialBlock block = new SequentialBlock();
        block.add(convolution(STAGE_WIDTHS[0], 3, 1));
        block.add(BatchNorm.builder().build());
        block.add(Activation.reluBlock());
        int inputWidth = STAGE_WIDTHS[0];
        for (int stage = 0; stage < STAGE_WIDTHS.length; stage++) {
            int width = STAGE_WIDTHS[stage];
            int stride = stage == 0 ? 1 : 2;
            block.add(residual(width, stride, inputWidth != width || stride != 1));
            block.add(residual(width, 1, false));
            inputWidth = width;
        }
        block.add(Pool.globalAvgPool2dBlock());
        block.add(Blocks.batchFlattenBlock());
        return block;
    }

    private static Block residual(int width, int stride, boolean projectShortcut) {
        SequentialBlock main = new SequentialBlock()
                .add(convolution(width, 3, stride))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(convolution(width, 3, 1))
                .add(BatchNorm.builder().build());
        Block shortcut = projectShortcut
                ? new SequentialBlock().add(convolution(width, 1, stride)).add(BatchNorm.builder().build())
                : Blocks.identityBlock();
        return new ParallelBlock(
                outputs -> new NDList(outputs.get(0).singletonOrThrow().add(outputs.get(1).singletonOrThrow())
                        .maximum(0f)),
                List.of(main, shortcut));
    }

    private static Block convolution(int filters, int kernel, int stride) {
        int padding = kernel / 2;
        return Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding, padding))
                .setFilters(filters)
                .optBias(false)
                .build();
    }
}
