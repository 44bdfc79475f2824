package org.simclrstudio.core.infer;

/**
 * One class of a classification result.
 *
 * @param label class name
 * @param probability softmax probability in [0, 1]
 */
public record Prediction(String label, double probability) {
}
