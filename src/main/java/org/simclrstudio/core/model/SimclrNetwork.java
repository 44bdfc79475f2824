package org.simclrstudio.core.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The blocks of one run on one device: an encoder, an optional projection head and a linear head with one
 * logit per class (the linear probe of a pretraining run, the classifier of a fine-tuned or baseline run).
 *
 * <p>Parameters are initialised with a batch of one image, so creation runs no full-size forward pass.
 * Arrays passed to the forward methods must live on {@link #device()}; their outputs are attached to the
 * inputs' managers, so a step's sub-manager frees them.
 */
public final class SimclrNetwork implements AutoCloseable {

    private static final int FORMAT_VERSION = 1;

    private final Backbone backbone;
    private final int imageSize;
    private final int classes;
    private final NDManager manager;
    private final Block encoder;
    private final Block projectionHead;
    private final Block head;
    private final ParameterStore parameterStore;

    private SimclrNetwork(Backbone backbone, int imageSize, int classes, boolean withProjectionHead, Device device) {
        backbone.checkImageSize(imageSize);
        if (classes < 1) {
            throw new IllegalArgumentException("A network needs at least one class, got " + classes);
        }
        this.backbone = backbone;
        this.imageSize = imageSize;
        this.classes = classes;
        this.manager = NDManager.newBaseManager(device);
        this.encoder = backbone.newEncoder();
        this.projectionHead = withProjectionHead ? ProjectionHead.newBlock() : null;
        this.head = ProjectionHead.newLinear(classes);
        this.parameterStore = new ParameterStore(manager, false);
        encoder.initialize(manager, DataType.FLOAT32, new Shape(1, 3, imageSize, imageSize));
        Shape features = new Shape(1, backbone.featureSize());
        if (projectionHead != null) {
            projectionHead.initialize(manager, DataType.FLOAT32, features);
        }
        head.initialize(manager, DataType.FLOAT32, features);
    }

    /**
     * Creates a network with freshly initialised parameters.
     *
     * @param withProjectionHead whether to add the projection head (pretraining only)
     * @throws IllegalArgumentException when the backbone does not work at {@code imageSize}
     */
    public static SimclrNetwork create(Backbone backbone, int imageSize, int classes, boolean withProjectionHead,
            Device device) {
        return new SimclrNetwork(Objects.requireNonNull(backbone, "backbone"), imageSize, classes, withProjectionHead,
                Objects.requireNonNull(device, "device"));
    }

    /** Returns the encoder architecture. */
    public Backbone backbone() {
        return backbone;
    }

    /** Returns the side of the square input images in pixels. */
    public int imageSize() {
        return imageSize;
    }

    /** Returns the number of classes of the linear head. */
    public int classes() {
        return classes;
    }

    /** Returns whether the network has a projection head. */
    public boolean hasProjectionHead() {
        return projectionHead != null;
    }

    /** Returns the device of every parameter. */
    public Device device() {
        return manager.getDevice();
    }

    /** Returns the long-lived manager that owns the parameters; optimizers keep their state under it. */
    public NDManager manager() {
        return manager;
    }

    /** Returns the encoder features {@code [N, featureSize]} of float images {@code [N, 3, S, S]} in [0, 1]. */
    public NDArray features(NDArray images, boolean training) {
        return encoder.forward(parameterStore, new NDList(images), training).singletonOrThrow();
    }

    /** Returns the projection {@code [N, 128]} of encoder features. */
    public NDArray project(NDArray features, boolean training) {
        if (projectionHead == null) {
            throw new IllegalStateException("This network has no projection head");
        }
        return projectionHead.forward(parameterStore, new NDList(features), training).singletonOrThrow();
    }

    /** Returns the class logits {@code [N, classes]} of encoder features. */
    public NDArray logits(NDArray features, boolean training) {
        return head.forward(parameterStore, new NDList(features), training).singletonOrThrow();
    }

    /** Returns the parameters of the encoder. */
    public List<Parameter> encoderParameters() {
        return parameters(encoder);
    }

    /** Returns the parameters of the projection head, or none. */
    public List<Parameter> projectionParameters() {
        return projectionHead == null ? List.of() : parameters(projectionHead);
    }

    /** Returns the parameters of the linear head (probe or classifier). */
    public List<Parameter> headParameters() {
        return parameters(head);
    }

    private static List<Parameter> parameters(Block block) {
        List<Parameter> list = new ArrayList<>();
        for (Pair<String, Parameter> pair : block.getParameters()) {
            list.add(pair.getValue());
        }
        return list;
    }

    /** Returns whether every parameter value is a finite number. */
    public boolean parametersFinite() {
        List<Parameter> all = new ArrayList<>(encoderParameters());
        all.addAll(projectionParameters());
        all.addAll(headParameters());
        for (Parameter parameter : all) {
            try (NDManager temporary = manager.newSubManager()) {
                NDArray bad = parameter.getArray().isNaN().logicalOr(parameter.getArray().isInfinite()).any();
                bad.attach(temporary);
                if (bad.getBoolean()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Writes the parameters of every block (encoder, projection head if any, linear head). */
    public void saveParameters(DataOutputStream out) throws IOException {
        out.writeInt(FORMAT_VERSION);
        out.writeBoolean(projectionHead != null);
        encoder.saveParameters(out);
        if (projectionHead != null) {
            projectionHead.saveParameters(out);
        }
        head.saveParameters(out);
    }

    /**
     * Reads what {@link #saveParameters} wrote.
     *
     * @param readHead false to keep this network's own linear head (reading an encoder for fine-tuning;
     *     the saved head is skipped)
     * @throws MalformedModelException when the saved blocks do not match this network
     */
    public void loadParameters(DataInputStream in, boolean readHead) throws IOException, MalformedModelException {
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new MalformedModelException("Unsupported weights format version " + version);
        }
        boolean savedProjection = in.readBoolean();
        encoder.loadParameters(manager, in);
        if (savedProjection) {
            if (projectionHead != null) {
                projectionHead.loadParameters(manager, in);
            } else {
                Block skipped = ProjectionHead.newBlock();
                skipped.initialize(manager, DataType.FLOAT32, new Shape(1, backbone.featureSize()));
                skipped.loadParameters(manager, in);
                skipped.getParameters().forEach(pair -> pair.getValue().close());
            }
        }
        if (readHead) {
            head.loadParameters(manager, in);
        }
        // Loading replaces the parameter arrays with new ones that do not record gradients yet.
        List<Parameter> all = new ArrayList<>(encoderParameters());
        all.addAll(projectionParameters());
        all.addAll(headParameters());
        for (Parameter parameter : all) {
            if (parameter.requiresGradient() && !parameter.getArray().hasGradient()) {
                parameter.getArray().setRequiresGradient(true);
            }
        }
    }

    /** Releases every parameter. */
    @Override
    public void close() {
        manager.close();
    }
}
