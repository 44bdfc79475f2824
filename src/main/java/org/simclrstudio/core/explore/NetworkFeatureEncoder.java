package org.simclrstudio.core.explore;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import org.simclrstudio.core.augment.Augmenter;
import org.simclrstudio.core.train.TrainedModels;

/**
 * A {@link FeatureEncoder} over the network saved in a run folder: its encoder features, or the
 * logits of its linear head (the classifier, or the linear probe of a pretraining run). Each batch's
 * arrays live in a sub-manager closed before {@link #encode} returns.
 */
final class NetworkFeatureEncoder implements FeatureEncoder {

    private final TrainedModels.Loaded model;
    private final boolean logits;
    private final int outputSize;

    NetworkFeatureEncoder(TrainedModels.Loaded model, boolean logits) {
        this.model = model;
        this.logits = logits;
        this.outputSize = logits ? model.info().classNames().size() : model.network().backbone().featureSize();
    }

    @Override
    public int featureSize() {
        return outputSize;
    }

    @Override
    public int inputSize() {
        return model.info().imageSize();
    }

    @Override
    public float[] encode(byte[] planar, int count, int height, int width) {
        try (NDManager batch = model.network().manager().newSubManager()) {
            int bytes = count * 3 * height * width;
            ByteBuffer buffer = ByteBuffer.allocateDirect(bytes);
            buffer.put(planar, 0, bytes).flip();
            // The same resize as the engine's evaluation, so features match what the network was trained on.
            NDArray images = Augmenter.resize(batch.create(buffer, new Shape(count, 3, height, width), DataType.UINT8),
                    inputSize());
            NDArray output = model.network().features(images, false);
            if (logits) {
                output = model.network().logits(output, false);
            }
            return output.reshape(count, -1).toType(DataType.FLOAT32, false).toFloatArray();
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
