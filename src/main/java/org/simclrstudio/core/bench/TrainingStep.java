package org.simclrstudio.core.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** One contrastive pretraining step as the benchmark drives it. */
public interface TrainingStep extends AutoCloseable {

    /**
     * Runs forward, NT-Xent, backward and the optimizer update on one batch of view pairs and returns
     * the loss. {@code views} holds 2N float images in [0, 1], NCHW, the first N paired with the last N.
     * Arrays the step creates belong to {@code stepManager}, which the caller closes after the step.
     */
    float run(NDManager stepManager, NDArray views);

    /** Returns the training FLOP per view of the model behind this step (forward and backward). */
    double flopPerView();

    /** Releases the model, trainer and optimizer state. */
    @Override
    void close();
}
