package org.simclrstudio.core.model;

import ai.djl.nn.Block;

/** An encoder architecture: builds the block that maps {@code [N, 3, S, S]} images to {@code [N, featureSize]}. */
public interface Backbone {

    /** Returns the command-line name, such as {@code keras} or {@code resnet18}. */
    String name();

    /** Returns the length of the feature vector of one image. */
    int featureSize();

    /**
     * Checks that the encoder works at this image size.
     *
     * @throws IllegalArgumentException with the smallest supported size when it does not
     */
    void checkImageSize(int imageSize);

    /** Builds a new, uninitialised encoder block. */
    Block newEncoder();

    /**
     * Returns the backbone with the command-line name {@code name}.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    static Backbone byName(String name) {
        if (name == null || name.equals(KerasEncoder.NAME)) {
            return new KerasEncoder();
        }
        if (name.equals(ResNet18Small.NAME)) {
            return new ResNet18Small();
        }
        throw new IllegalArgumentException("Unknown backbone '" + name + "': expected " + KerasEncoder.NAME
                + " or " + ResNet18Small.NAME);
    }
}
