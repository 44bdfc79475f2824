package org.simclrstudio.core.explore;

/**
 * An encoder that turns batches of images into feature vectors, for example the encoder of a
 * pretraining, fine-tuning or baseline run. Implementations own their native memory and free each
 * batch's arrays before {@link #encode} returns.
 *
 * <p>Implementations need not be thread-safe: call {@link #encode} from one thread at a time.
 */
public interface FeatureEncoder extends AutoCloseable {

    /** Returns the length of one feature vector. */
    int featureSize();

    /**
     * Returns the square image side the encoder works at, or -1 when it takes any size. Pictures of
     * varying size are resized to it before they are batched.
     */
    int inputSize();

    /**
     * Encodes {@code count} images stored back to back in {@code planar} as planar RGB bytes
     * ({@code channel * height * width + y * width + x} within each image). Images of another size
     * than {@link #inputSize()} are resized to it (centred square, bilinear), as for evaluation.
     *
     * @return {@code count * featureSize()} values, one feature vector after the other
     */
    float[] encode(byte[] planar, int count, int height, int width);

    /** Frees the encoder's parameters and native memory. */
    @Override
    void close();
}
