package org.simclrstudio.core.explore;

import java.util.ArrayList;
import java.util.List;

/**
 * Results of a classifier on a labelled split: the predicted class of every image, the confusion
 * matrix and per-class accuracy. Rows of the confusion matrix are true classes, columns predicted
 * ones.
 *
 * @param splitName name of the evaluated split
 * @param classNames class names, indexed by class
 * @param indices split index of each evaluated image
 * @param labels true class of each evaluated image
 * @param predictions predicted class of each evaluated image
 * @param confidences softmax probability of each predicted class
 * @param confusion {@code confusion[true][predicted]} image counts
 */
public record Evaluation(String splitName, List<String> classNames, int[] indices, int[] labels, int[] predictions,
        float[] confidences, int[][] confusion) {

    /**
     * Builds the evaluation from per-image logits, one row per image of a labelled split.
     *
     * @throws IllegalArgumentException when an image has no label, or the logits do not have one
     *     column per class
     */
    public static Evaluation fromLogits(FeatureMatrix logits, List<String> classNames) {
        int classes = classNames.size();
        if (logits.dimension() != classes) {
            throw new IllegalArgumentException("The model has " + logits.dimension() + " classes but the dataset has "
                    + classes + "; evaluate it on the dataset it was trained on");
        }
        int rows = logits.rows();
        int[] predictions = new int[rows];
        float[] confidences = new float[rows];
        int[][] confusion = new int[classes][classes];
        float[] values = logits.values();
        for (int row = 0; row < rows; row++) {
            int label = logits.labels()[row];
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("Image " + logits.indices()[row] + " of split '" + logits.splitName()
                        + "' has no class label; evaluate a labelled split such as test");
            }
            int offset = row * classes;
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (values[offset + c] > values[offset + best]) {
                    best = c;
                }
            }
            // Softmax probability of the winner, computed relative to the largest logit for stability.
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(values[offset + c] - values[offset + best]);
            }
            predictions[row] = best;
            confidences[row] = (float) (1.0 / sum);
            confusion[label][best]++;
        }
        return new Evaluation(logits.splitName(), List.copyOf(classNames), logits.indices(), logits.labels(),
                predictions, confidences, confusion);
    }

    /** Returns the number of evaluated images. */
    public int size() {
        return indices.length;
    }

    /** Returns the fraction of images classified correctly, 0..1 (0 for no images). */
    public double accuracy() {
        long correct = 0;
        for (int c = 0; c < confusion.length; c++) {
            correct += confusion[c][c];
        }
        return size() == 0 ? 0 : (double) correct / size();
    }

    /** Returns the accuracy of each true class, 0..1, or NaN for a class with no images. */
    public double[] perClassAccuracy() {
        double[] accuracy = new double[confusion.length];
        for (int c = 0; c < confusion.length; c++) {
            long total = 0;
            for (int count : confusion[c]) {
                total += count;
            }
            accuracy[c] = total == 0 ? Double.NaN : (double) confusion[c][c] / total;
        }
        return accuracy;
    }

    /** Returns the rows whose prediction is wrong, most confident mistakes first. */
    public List<Integer> misclassifiedRows() {
        List<Integer> wrong = new ArrayList<>();
        for (int row = 0; row < size(); row++) {
            if (predictions[row] != labels[row]) {
                wrong.add(row);
            }
        }
        wrong.sort((a, b) -> Float.compare(confidences[b], confidences[a]));
        return wrong;
    }
}
