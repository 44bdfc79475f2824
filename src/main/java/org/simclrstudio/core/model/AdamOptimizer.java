package org.simclrstudio.core.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam over a fixed list of parameters, with its moment estimates kept here so a checkpoint can save and
 * restore them. Defaults follow Keras: beta1 0.9, beta2 0.999, epsilon 1e-7.
 *
 * <p>Each {@link #step} reads the gradients that the last backward pass accumulated, updates the weights
 * in place and sets the gradients back to zero (libtorch accumulates them otherwise). The moments live in
 * the manager given at construction; every temporary array lives in a sub-manager closed before returning.
 */
public final class AdamOptimizer implements AutoCloseable {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-7f;
    private static final int STATE_VERSION = 1;

    private final List<Parameter> parameters;
    private final NDManager stateManager;
    private final List<NDArray> firstMoments = new ArrayList<>();
    private final List<NDArray> secondMoments = new ArrayList<>();
    private float learningRate;
    private long updates;

    /**
     * Creates an optimizer for the trainable ones among {@code parameters}.
     *
     * @param manager manager on the parameters' device that owns the moment arrays
     * @throws IllegalArgumentException when the learning rate is not a finite number above 0
     */
    public AdamOptimizer(List<Parameter> parameters, NDManager manager, double learningRate) {
        setLearningRate(learningRate);
        this.parameters = new ArrayList<>();
        this.stateManager = manager.newSubManager();
        for (Parameter parameter : parameters) {
            if (parameter.requiresGradient()) {
                this.parameters.add(parameter);
                firstMoments.add(stateManager.zeros(parameter.getArray().getShape()));
                secondMoments.add(stateManager.zeros(parameter.getArray().getShape()));
            }
        }
    }

    /** Sets the learning rate of later steps. */
    public void setLearningRate(double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("Invalid learning rate " + learningRate
                    + ": expected a number above 0, such as 0.001");
        }
        this.learningRate = (float) learningRate;
    }

    /** Returns the number of updates so far, restored by {@link #load}. */
    public long updates() {
        return updates;
    }

    /** Returns the number of parameter arrays this optimizer updates. */
    public int size() {
        return parameters.size();
    }

    /** Applies one Adam update from the accumulated gradients, then zeroes the gradients. */
    public void step() {
        updates++;
        float correction1 = 1 - (float) Math.pow(BETA1, updates);
        float correction2 = 1 - (float) Math.pow(BETA2, updates);
        float stepSize = learningRate * (float) Math.sqrt(correction2) / correction1;
        float epsilon = EPSILON * (float) Math.sqrt(correction2);
        try (NDManager temporary = stateManager.newSubManager()) {
            for (int i = 0; i < parameters.size(); i++) {
                NDArray weight = parameters.get(i).getArray();
                NDArray gradient = weight.getGradient();
                gradient.attach(temporary);
                NDArray first = firstMoments.get(i);
                NDArray second = secondMoments.get(i);
                first.muli(BETA1).addi(gradient.mul(1 - BETA1));
                second.muli(BETA2).addi(gradient.square().mul(1 - BETA2));
                NDArray denominator = second.sqrt();
                denominator.attach(temporary);
                NDArray update = first.div(denominator.addi(epsilon));
                update.attach(temporary);
                weight.subi(update.muli(stepSize));
                gradient.set(new NDIndex("..."), 0);
            }
        }
    }

    /** Sets every gradient to zero without updating, as after a step that was rejected. */
    public void zeroGradients() {
        try (NDManager temporary = stateManager.newSubManager()) {
            for (Parameter parameter : parameters) {
                NDArray gradient = parameter.getArray().getGradient();
                gradient.attach(temporary);
                gradient.set(new NDIndex("..."), 0);
            }
        }
    }

    /** Writes the update count and both moments of every parameter. */
    public void save(DataOutputStream out) throws IOException {
        out.writeInt(STATE_VERSION);
        out.writeLong(updates);
        out.writeInt(parameters.size());
        for (int i = 0; i < parameters.size(); i++) {
            writeArray(out, firstMoments.get(i));
            writeArray(out, secondMoments.get(i));
        }
    }

    /**
     * Restores what {@link #save} wrote for an optimizer over the same parameters.
     *
     * @throws MalformedModelException when the saved state belongs to other parameters
     */
    public void load(DataInputStream in) throws IOException, MalformedModelException {
        int version = in.readInt();
        if (version != STATE_VERSION) {
            throw new MalformedModelException("Unsupported optimizer state version " + version);
        }
        long savedUpdates = in.readLong();
        int count = in.readInt();
        if (count != parameters.size()) {
            throw new MalformedModelException("Optimizer state has " + count + " parameters, the model " + parameters.size());
        }
        for (int i = 0; i < count; i++) {
            readArray(in, firstMoments.get(i));
            readArray(in, secondMoments.get(i));
        }
        updates = savedUpdates;
    }

    private static void writeArray(DataOutputStream out, NDArray array) throws IOException {
        float[] values = array.toFloatArray();
        out.writeInt(values.length);
        for (float value : values) {
            out.writeFloat(value);
        }
    }

    private static void readArray(DataInputStream in, NDArray target) throws IOException, MalformedModelException {
        int length = in.readInt();
        if (length != target.size()) {
            throw new MalformedModelException("Optimizer state array of " + length + " values, expected " + target.size());
        }
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = in.readFloat();
        }
        // Assigning through an index: NDArray.set(float[]) makes libtorch print a deprecation warning.
        try (NDArray source = target.getManager().create(values, target.getShape())) {
            target.set(new NDIndex("..."), source);
        }
    }

    /** Releases the moment arrays. */
    @Override
    public void close() {
        stateManager.close();
    }
}
