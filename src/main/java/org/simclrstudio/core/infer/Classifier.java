package org.simclrstudio.core.infer;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.simclrstudio.core.augment.ViewPairPreview;
import org.simclrstudio.core.data.RgbImage;
import org.simclrstudio.core.image.ImageResizer;
import org.simclrstudio.core.model.Devices;
import org.simclrstudio.core.train.RunFolder;
import org.simclrstudio.core.train.RunKind;
import org.simclrstudio.core.train.TrainedModels;

/**
 * Classifies pictures with the model of a run: the classifier of a fine-tuned or baseline run, or the
 * linear probe of a pretraining run. The model stays loaded until {@link #close()}; each call works in
 * its own sub-manager. Calls are serialised, so one instance can be shared between threads.
 */
public final class Classifier implements AutoCloseable {

    private final TrainedModels.Loaded model;

    private Classifier(TrainedModels.Loaded model) {
        this.model = model;
    }

    /**
     * Loads the model of the run in {@code runDir} onto the CPU.
     *
     * @throws IOException when the run has no model or its weights are missing or damaged
     */
    public static Classifier load(Path runDir) throws IOException {
        return load(runDir, Devices.resolve("cpu"));
    }

    /**
     * Loads the model of the run in {@code runDir} onto {@code device}.
     *
     * @throws IOException when the run has no model or its weights are missing or damaged
     */
    public static Classifier load(Path runDir, Device device) throws IOException {
        return new Classifier(TrainedModels.load(runDir, device));
    }

    /** Returns the class names in logit order. */
    public List<String> classNames() {
        return model.info().classNames();
    }

    /** Returns the kind of run that trained the model; a pretraining run classifies with its linear probe. */
    public RunKind kind() {
        return model.info().kind();
    }

    /** Returns the network input size in pixels. */
    public int imageSize() {
        return model.info().imageSize();
    }

    /** Returns the description of the loaded weights. */
    public RunFolder.ModelInfo info() {
        return model.info();
    }

    /**
     * Returns the {@code topK} most probable classes of {@code image}, most probable first. The picture is
     * scaled so its shorter side fits the network input and centre-cropped.
     *
     * @throws IllegalArgumentException when {@code topK} is below 1
     */
    public synchronized List<Prediction> classify(RgbImage image, int topK) {
        if (topK < 1) {
            throw new IllegalArgumentException("Invalid top-k " + topK + ": expected at least 1");
        }
        RgbImage input = ImageResizer.resizeShorterSideAndCenterCrop(image, imageSize());
        float[] probabilities;
        try (NDManager manager = model.network().manager().newSubManager()) {
            NDArray batch = ViewPairPreview.toBatch(manager, input).toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                    .div(255f);
            NDArray logits = model.network().logits(model.network().features(batch, false), false);
            probabilities = logits.softmax(1).toFloatArray();
        }
        List<String> names = classNames();
        Integer[] order = new Integer[probabilities.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> probabilities[i]).reversed());
        List<Prediction> top = new ArrayList<>();
        for (int i = 0; i < Math.min(topK, order.length); i++) {
            top.add(new Prediction(names.get(order[i]), probabilities[order[i]]));
        }
        return top;
    }

    /** Releases the model. */
    @Override
    public synchronized void close() {
        model.close();
    }
}
