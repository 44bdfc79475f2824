package org.simclrstudio.core.explore;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.nio.ByteBuffer;
import org.simclrstudio.core.augment.Augmenter;

/**
 * A {@link FeatureEncoder} over an initialised DJL {@link Block} that maps a float batch
 * {@code (N, 3, side, side)} with values in 0..1 to features {@code (N, ...)}, flattened per image.
 * The block runs in inference mode, and each batch's arrays live in a sub-manager closed before
 * {@link #encode} returns, so native memory stays flat over any number of batches.
 */
public final class BlockFeatureEncoder implements FeatureEncoder {

    private final Block block;
    private final NDManager manager;
    private final int inputSize;
    private final int featureSize;
    private final boolean ownsManager;

    /**
     * Wraps {@code block}, whose parameters live in {@code manager} (on the device to encode on).
     *
     * @param inputSize the square image side the block was built for
     * @param featureSize length of the flattened output of one image
     * @param ownsManager whether {@link #close} closes {@code manager}
     */
    public BlockFeatureEncoder(Block block, NDManager manager, int inputSize, int featureSize, boolean ownsManager) {
        if (inputSize < 1 || featureSize < 1) {
            throw new IllegalArgumentException("Input size and feature size must be positive, got " + inputSize
                    + " and " + featureSize);
        }
        this.block = block;
        this.manager = manager;
        this.inputSize = inputSize;
        this.featureSize = featureSize;
        this.ownsManager = ownsManager;
    }

    @Override
    public int featureSize() {
        return featureSize;
    }

    @Override
    public int inputSize() {
        return inputSize;
    }

    @Override
    public float[] encode(byte[] planar, int count, int height, int width) {
        try (NDManager batch = manager.newSubManager()) {
            int bytes = count * 3 * height * width;
            ByteBuffer buffer = ByteBuffer.allocateDirect(bytes);
            buffer.put(planar, 0, bytes).flip();
            NDArray bytesArray = batch.create(buffer, new Shape(count, 3, height, width), DataType.UINT8);
            NDArray images = height == inputSize && width == inputSize
                    ? bytesArray.toType(DataType.FLOAT32, false).divi(255f)
                    : Augmenter.resize(bytesArray, inputSize);
            NDList output = block.forward(new ParameterStore(batch, false), new NDList(images), false);
            NDArray features = output.head().reshape(count, -1);
            if (features.getShape().get(1) != featureSize) {
                throw new IllegalStateException("Encoder produced " + features.getShape().get(1)
                        + " features per image, expected " + featureSize);
            }
            return features.toType(DataType.FLOAT32, false).toFloatArray();
        }
    }

    @Override
    public void close() {
        if (ownsManager) {
            manager.close();
        }
    }
}
