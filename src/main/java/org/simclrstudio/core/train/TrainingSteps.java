package org.simclrstudio.core.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import org.simclrstudio.core.model.AdamOptimizer;
import org.simclrstudio.core.model.NtXentLoss;
import org.simclrstudio.core.model.SimclrNetwork;

/**
 * The single optimisation steps of every run kind over one {@link SimclrNetwork}: the contrastive step
 * (encoder and projection head, NT-Xent), the linear probe step (probe only, on frozen encoder features)
 * and the supervised step (encoder and classifier head, cross-entropy).
 *
 * <p>Each step computes its loss, checks that it is finite and only then updates the weights, so a NaN
 * or infinite loss leaves the weights as they were and raises {@link NonFiniteLossException}. Arrays
 * created by a step are attached to the managers of its inputs: callers run each step inside a
 * sub-manager they close afterwards.
 */
public final class TrainingSteps implements AutoCloseable {

    private final SimclrNetwork network;
    private final NtXentLoss contrastiveLoss;
    private final AdamOptimizer mainOptimizer;
    private final AdamOptimizer probeOptimizer;

    private TrainingSteps(SimclrNetwork network, NtXentLoss loss, AdamOptimizer main, AdamOptimizer probe) {
        this.network = network;
        this.contrastiveLoss = loss;
        this.mainOptimizer = main;
        this.probeOptimizer = probe;
    }

    /**
     * Creates the steps of a pretraining run: Adam over encoder and projection head for NT-Xent, and a
     * separate Adam over the linear probe.
     */
    public static TrainingSteps forPretraining(SimclrNetwork network, double learningRate, double temperature) {
        if (!network.hasProjectionHead()) {
            throw new IllegalArgumentException("Pretraining needs a network with a projection head");
        }
        List<Parameter> contrastive = new ArrayList<>(network.encoderParameters());
        contrastive.addAll(network.projectionParameters());
        AdamOptimizer main = new AdamOptimizer(contrastive, network.manager(), learningRate);
        AdamOptimizer probe = new AdamOptimizer(network.headParameters(), network.manager(), learningRate);
        return new TrainingSteps(network, new NtXentLoss(temperature), main, probe);
    }

    /** Creates the steps of a fine-tuning or baseline run: one Adam over encoder and classifier head. */
    public static TrainingSteps forClassification(SimclrNetwork network, double learningRate) {
        List<Parameter> all = new ArrayList<>(network.encoderParameters());
        all.addAll(network.headParameters());
        return new TrainingSteps(network, null, new AdamOptimizer(all, network.manager(), learningRate), null);
    }

    /**
     * Loss and accuracy of one step.
     *
     * @param loss mean loss of the batch
     * @param accuracy fraction in [0, 1]: contrastive accuracy for the contrastive step, else the share of
     *     images whose top class is their label
     */
    public record StepResult(double loss, double accuracy) {
    }

    /** Returns the network. */
    public SimclrNetwork network() {
        return network;
    }

    /** Returns the optimizer of the encoder (and projection head or classifier head). */
    public AdamOptimizer mainOptimizer() {
        return mainOptimizer;
    }

    /** Returns the optimizer of the linear probe, or null for classification runs. */
    public AdamOptimizer probeOptimizer() {
        return probeOptimizer;
    }

    /**
     * Runs one contrastive step on two views of the same images.
     *
     * @param first float images {@code [N, 3, S, S]}
     * @param second float images {@code [N, 3, S, S]}, row i another view of row i of {@code first}
     * @throws NonFiniteLossException when the loss is NaN or infinite (weights unchanged)
     */
    public StepResult contrastive(NDArray first, NDArray second) {
        if (contrastiveLoss == null) {
            throw new IllegalStateException("These steps were created for classification");
        }
        NtXentLoss.Result result;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray views = first.concat(second, 0);
            NDArray projections = network.project(network.features(views, true), true);
            long n = first.getShape().get(0);
            result = contrastiveLoss.compute(projections.get("0:" + n), projections.get(n + ":"));
            collector.backward(result.loss());
        }
        double loss = result.loss().getFloat();
        double accuracy = result.correct().getFloat() / result.views();
        finish(mainOptimizer, loss, "contrastive");
        return new StepResult(loss, accuracy);
    }

    /**
     * Runs one linear probe step: encoder features in inference mode with gradients stopped, then
     * cross-entropy on the probe alone. No encoder weight changes.
     *
     * @param images float images {@code [N, 3, S, S]}
     * @param labels int64 class indices {@code [N]}
     * @throws NonFiniteLossException when the loss is NaN or infinite (weights unchanged)
     */
    public StepResult probe(NDArray images, NDArray labels) {
        if (probeOptimizer == null) {
            throw new IllegalStateException("These steps have no linear probe");
        }
        NDArray features = network.features(images, false).stopGradient();
        return classificationStep(features, labels, probeOptimizer, "linear probe", false);
    }

    /**
     * Runs one supervised step of encoder and classifier head.
     *
     * @param images float images {@code [N, 3, S, S]}
     * @param labels int64 class indices {@code [N]}
     * @throws NonFiniteLossException when the loss is NaN or infinite (weights unchanged)
     */
    public StepResult supervised(NDArray images, NDArray labels) {
        if (contrastiveLoss != null) {
            throw new IllegalStateException("These steps were created for pretraining");
        }
        return classificationStep(images, labels, mainOptimizer, "classification", true);
    }

    private StepResult classificationStep(NDArray input, NDArray labels, AdamOptimizer optimizer, String what,
            boolean throughEncoder) {
        NDArray loss;
        NDArray correct;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray features = throughEncoder ? network.features(input, true) : input;
            NDArray logits = network.logits(features, true);
            loss = crossEntropy(logits, labels);
            correct = correctCount(logits, labels);
            collector.backward(loss);
        }
        double lossValue = loss.getFloat();
        double accuracy = correct.getFloat() / labels.getShape().get(0);
        finish(optimizer, lossValue, what);
        return new StepResult(lossValue, accuracy);
    }

    private static void finish(AdamOptimizer optimizer, double loss, String what) {
        if (!Double.isFinite(loss)) {
            optimizer.zeroGradients();
            throw new NonFiniteLossException("The " + what + " loss became " + loss
                    + "; the step was not applied. Lower the learning rate or check the input images");
        }
        optimizer.step();
    }

    /** Returns the mean softmax cross-entropy of logits {@code [N, C]} against int64 labels {@code [N]}. */
    public static NDArray crossEntropy(NDArray logits, NDArray labels) {
        NDArray index = labels.toType(DataType.INT64, false).reshape(-1, 1);
        return logits.logSoftmax(1).gather(index, 1).mean().neg();
    }

    /** Returns how many rows of {@code logits} have their highest value at the label, as a float32 scalar. */
    public static NDArray correctCount(NDArray logits, NDArray labels) {
        return logits.argMax(1).toType(DataType.INT64, false).eq(labels.toType(DataType.INT64, false))
                .toType(DataType.FLOAT32, false).sum();
    }

    /** Releases the optimizer state; the network stays open. */
    @Override
    public void close() {
        mainOptimizer.close();
        if (probeOptimizer != null) {
            probeOptimizer.close();
        }
    }
}
