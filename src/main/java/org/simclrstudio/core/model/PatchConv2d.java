package org.simclrstudio.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A 2-D convolution without padding for the first layer of an encoder, computed on the CPU as patch
 * extraction plus a 1x1 convolution, with an output whose memory is channels-last.
 *
 * <p>libtorch 2.7.1's oneDNN kernels handle a convolution over three input channels poorly. In a profile
 * on a 2-core AVX-512 machine, the weight gradient of the Keras encoder's first layer ran at about
 * 40 GFLOP/s, and with NCHW activations the backward passes of the first three convolutions copied their
 * output gradients to another layout. Here a fixed one-hot convolution, which needs no gradient, lays the
 * {@code C*kh*kw} values of each output pixel's receptive field side by side in channels-last memory, and a
 * 1x1 convolution with bias maps them to the filters. Its output is channels-last too, so the next
 * convolutions run on oneDNN's channels-last kernels and their backward passes copy nothing. On that
 * machine the pretraining step went from 222-227 to 251-262 views/s (Training speed on the benchmarks page).
 *
 * <p>Parameters, their shapes and the saved format are those of {@link Conv2d}, so checkpoints do not
 * change. On a GPU, and with padding, dilation, groups or no bias, it runs as a plain {@link Conv2d}.
 */
public final class PatchConv2d extends Conv2d {

    private PatchConv2d(Conv2d.Builder builder) {
        super(builder);
    }

    /**
     * Creates an unpadded convolution with a bias.
     *
     * @param kernel side of the square kernel
     * @param stride step between output pixels in both directions
     * @param filters number of output channels
     */
    public static PatchConv2d create(int kernel, int stride, int filters) {
        return new PatchConv2d(Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .setFilters(filters));
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        if (input.getDevice().isGpu() || !isPlain()) {
            return super.forwardInternal(parameterStore, inputs, training, params);
        }
        NDArray kernelWeights = parameterStore.getValue(weight, input.getDevice(), training);
        NDArray biasValues = parameterStore.getValue(bias, input.getDevice(), training);
        Shape shape = input.getShape();
        long images = shape.get(0);
        long channels = shape.get(1);
        long height = shape.get(2);
        long width = shape.get(3);
        long kernelHeight = kernelShape.get(0);
        long kernelWidth = kernelShape.get(1);
        int patchSize = Math.toIntExact(channels * kernelHeight * kernelWidth);

        // Each intermediate is closed before returning: libtorch keeps what the backward pass needs.
        try (NDManager scope = input.getManager().newSubManager()) {
            // Channels-last input: a view when it already is, one copy of the (small) image batch otherwise.
            NDArray inputView = input.transpose(0, 2, 3, 1);
            inputView.attach(scope);
            NDArray channelsLast = inputView.reshape(images, height * width * channels)
                    .reshape(images, height, width, channels).transpose(0, 3, 1, 2);
            // Output channel j of the one-hot kernel copies input value j of the receptive field, in the
            // (channel, row, column) order of the weight, so the weight needs no reordering.
            float[] oneHot = new float[patchSize * patchSize];
            for (int j = 0; j < patchSize; j++) {
                oneHot[j * patchSize + j] = 1f;
            }
            NDArray extractor = scope.create(oneHot, new Shape(patchSize, channels, kernelHeight, kernelWidth))
                    .toType(input.getDataType(), false);
            NDArray patches = Conv2d.conv2d(channelsLast, extractor, null, stride).singletonOrThrow();
            NDArray pointWeights = kernelWeights.reshape(filters, patchSize, 1, 1);
            pointWeights.attach(scope);
            NDArray output = Conv2d.conv2d(patches, pointWeights, biasValues).singletonOrThrow();
            output.attach(input.getManager());
            return new NDList(output);
        }
    }

    private boolean isPlain() {
        return groups == 1 && includeBias && padding.get(0) == 0 && padding.get(1) == 0
                && dilation.get(0) == 1 && dilation.get(1) == 1;
    }
}
