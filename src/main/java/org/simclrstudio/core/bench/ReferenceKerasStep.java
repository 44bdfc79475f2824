package org.simclrstudio.core.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;

/**
 * A self-contained SimCLR step on the Keras example encoder (four 3x3 stride-2 convolutions with 128
 * filters, Dense 128, projection head 128-128), NT-Xent at temperature 0.1 and Adam.
 */
public final class ReferenceKerasStep implements TrainingStep {

    private static final float TEMPERATURE = 0.1f;

    private final Model model;
    private final Trainer trainer;
    private final int imageSize;

    /** Builds and initialises the model for square RGB images of {@code imageSize} pixels. */
    public ReferenceKerasStep(int imageSize) {
        this.imageSize = imageSize;
        SequentialBlock net = new SequentialBlock();
        for (int i = 0; i < 4; i++) {
            net.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optStride(new Shape(2, 2)).setFilters(128).build())
                    .add(Activation::relu);
        }
        net.add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(128).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(128).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(128).build());
        model = Model.newInstance("bench-keras");
        model.setBlock(net);
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                .optOptimizer(Adam.builder().optLearningRateTracker(Tracker.fixed(1e-3f)).build());
        trainer = model.newTrainer(config);
        // Batch 1 keeps initialisation cheap: a full-size forward pass would cost a whole step.
        trainer.initialize(new Shape(1, 3, imageSize, imageSize));
    }

    @Override
    public float run(NDManager stepManager, NDArray views) {
        try (GradientCollector collector = trainer.newGradientCollector()) {
            NDArray projections = trainer.forward(new NDList(views)).singletonOrThrow();
            NDArray loss = ntXent(stepManager, projections);
            collector.backward(loss);
            trainer.step();
            return loss.getFloat();
        }
    }

    private static NDArray ntXent(NDManager manager, NDArray projections) {
        long views = projections.getShape().get(0);
        long half = views / 2;
        NDArray normalized = projections.div(projections.norm(new int[] {1}, true).maximum(1e-12f));
        NDArray similarity = normalized.matMul(normalized.transpose()).div(TEMPERATURE);
        NDArray masked = similarity.sub(manager.eye((int) views).mul(1e9f));
        NDArray partners = manager.arange(half, views, 1, DataType.INT64)
                .concat(manager.arange(0, half, 1, DataType.INT64));
        NDArray logProbabilities = masked.logSoftmax(1);
        return logProbabilities.mul(partners.oneHot((int) views)).sum().neg().div(views);
    }

    @Override
    public double flopPerView() {
        return KerasEncoderFlops.trainingFlopPerView(imageSize);
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
