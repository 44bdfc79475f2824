package org.simclrstudio.core.model;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;

/** The SimCLR projection head of the Keras example: Dense(128, ReLU) then Dense(128), applied to encoder features. */
public final class ProjectionHead {

    /** Width of both dense layers and of the projection the loss sees. */
    public static final int WIDTH = 128;

    private ProjectionHead() {
    }

    /** Builds a new, uninitialised projection head. */
    public static Block newBlock() {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(WIDTH).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(WIDTH).build());
    }

    /** Builds a new, uninitialised linear layer with one logit per class: the linear probe or classifier head. */
    public static Block newLinear(int classes) {
        return Linear.builder().setUnits(classes).build();
    }
}
