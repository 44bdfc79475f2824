package org.simclrstudio.core.bench;

/**
 * Floating-point operation counts of the Keras example encoder (four Conv2D 128 3x3 stride 2 without
 * padding, Dense 128) with its projection head (Dense 128, Dense 128).
 */
public final class KerasEncoderFlops {

    /** Backward costs about twice the forward pass, so a training step costs about three forwards. */
    public static final double TRAINING_TO_FORWARD = 3.0;

    private KerasEncoderFlops() {
    }

    /** Returns the multiply-add FLOP (2 per multiply-accumulate) of one forward pass of one image. */
    public static double forwardFlopPerImage(int imageSize) {
        double flop = 0;
        int side = imageSize;
        int channels = 3;
        for (int layer = 0; layer < 4; layer++) {
            if (side < 3) {
                throw new IllegalArgumentException("Image size " + imageSize + " is too small for four 3x3 stride-2 convolutions; use 31 or more");
            }
            side = (side - 3) / 2 + 1;
            flop += 2.0 * channels * 9 * 128 * side * side;
            channels = 128;
        }
        flop += 2.0 * 128 * side * side * 128;
        flop += 2.0 * 2 * 128 * 128;
        return flop;
    }

    /** Returns the FLOP of one training step per view: forward, backward and weight gradients. */
    public static double trainingFlopPerView(int imageSize) {
        return TRAINING_TO_FORWARD * forwardFlopPerImage(imageSize);
    }
}
