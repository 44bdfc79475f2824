package org.simclrstudio.core.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.simclrstudio.core.augment.Augmenter;
import org.simclrstudio.core.data.Dataset;
import org.simclrstudio.core.data.DatasetException;
import org.simclrstudio.core.data.DatasetFormat;
import org.simclrstudio.core.data.DatasetSplit;
import org.simclrstudio.core.data.Datasets;
import org.simclrstudio.core.model.Devices;
import org.simclrstudio.core.model.SimclrNetwork;

/** Measures a network's classification accuracy on a labelled split: overall, per class, and the confusion matrix. */
public final class Evaluator {

    /** Images per forward pass. */
    public static final int BATCH_SIZE = 256;

    private Evaluator() {
    }

    /**
     * Result of an evaluation.
     *
     * @param accuracy share of images whose top class is their label, in [0, 1]
     * @param perClassAccuracy accuracy of the images of each class, NaN for a class without images
     * @param confusionMatrix counts with rows = true class and columns = predicted class
     * @param classNames class of each row and column
     * @param count number of images evaluated
     */
    public record Evaluation(double accuracy, double[] perClassAccuracy, long[][] confusionMatrix,
            List<String> classNames, int count) {

        /** Returns the per-class accuracies by class name, in class order. */
        public Map<String, Double> perClass() {
            Map<String, Double> map = new LinkedHashMap<>();
            for (int i = 0; i < classNames.size(); i++) {
                map.put(classNames.get(i), perClassAccuracy[i]);
            }
            return map;
        }
    }

    /**
     * Evaluates the network's linear head on every image of {@code split} (resized to the network's input
     * size, no augmentation, inference mode).
     *
     * @throws DatasetException when an image cannot be read
     * @throws IllegalArgumentException when the split is unlabelled or empty
     */
    public static Evaluation evaluate(SimclrNetwork network, DatasetSplit split, List<String> classNames)
            throws DatasetException {
        if (!split.isLabelled() || split.size() == 0) {
            throw new IllegalArgumentException("Split '" + split.name() + "' has no labelled images to evaluate on");
        }
        int classes = network.classes();
        long[][] confusion = new long[classes][classes];
        int correct = 0;
        for (int start = 0; start < split.size(); start += BATCH_SIZE) {
            int end = Math.min(split.size(), start + BATCH_SIZE);
            int[] indices = new int[end - start];
            for (int i = 0; i < indices.length; i++) {
                indices[i] = start + i;
            }
            HostBatch batch = HostBatch.read(split, indices, true, network.imageSize());
            long[] predicted;
            try (NDManager manager = network.manager().newSubManager()) {
                NDArray images = Augmenter.resize(batch.images(manager), network.imageSize());
                NDArray logits = network.logits(network.features(images, false), false);
                predicted = logits.argMax(1).toLongArray();
            }
            for (int i = 0; i < predicted.length; i++) {
                int truth = (int) batch.labels()[i];
                if (truth < 0 || truth >= classes) {
                    throw new IllegalArgumentException("Image " + indices[i] + " of split '" + split.name()
                            + "' has label " + truth + ", but the model knows " + classes + " classes");
                }
                confusion[truth][(int) predicted[i]]++;
                if (truth == predicted[i]) {
                    correct++;
                }
            }
        }
        double[] perClass = new double[classes];
        for (int c = 0; c < classes; c++) {
            long total = 0;
            for (long count : confusion[c]) {
                total += count;
            }
            perClass[c] = total == 0 ? Double.NaN : confusion[c][c] / (double) total;
        }
        return new Evaluation(correct / (double) split.size(), perClass, confusion, classNames, split.size());
    }

    /**
     * Evaluates the model of a run folder on a split of a dataset.
     *
     * @param format dataset format, or null to detect it
     * @param splitName such as {@code test}
     * @param device {@code auto}, {@code cpu} or {@code gpu}
     * @throws IOException when the run has no usable model
     * @throws DatasetException when the dataset or split cannot be read
     */
    public static Evaluation evaluateRun(Path runDir, Path dataDir, DatasetFormat format, String splitName,
            String device) throws IOException, DatasetException {
        Device resolved = Devices.resolve(device);
        try (Dataset dataset = Datasets.open(dataDir, format);
                TrainedModels.Loaded loaded = TrainedModels.load(runDir, resolved)) {
            DatasetSplit split = dataset.split(splitName).orElseThrow(() -> new DatasetException(
                    "Dataset " + dataDir + " has no '" + splitName + "' split"));
            List<String> names = loaded.info().classNames();
            if (names.size() != dataset.classNames().size()) {
                throw new DatasetException("Model of " + runDir + " has " + names.size() + " classes, dataset "
                        + dataDir + " has " + dataset.classNames().size());
            }
            return evaluate(loaded.network(), split, names);
        }
    }
}
