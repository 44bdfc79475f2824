package org.simclrstudio.core.train;

/**
 * Metrics of one finished epoch, sent to listeners and written as one row of {@code metrics.csv}. Values
 * that do not apply to the run kind are NaN.
 *
 * @param epoch epoch number, from 1
 * @param step global step number at the end of the epoch
 * @param meanLoss mean training loss over the epoch's steps
 * @param contrastiveAccuracy mean contrastive accuracy (pretraining)
 * @param probeAccuracy mean linear probe batch accuracy on the labelled images (pretraining)
 * @param trainAccuracy mean classifier batch accuracy on the labelled images (fine-tune, baseline)
 * @param validationAccuracy accuracy on the test split: of the linear probe when pretraining, else of the classifier
 * @param imagesPerSecond source images per second over the epoch
 * @param elapsedSeconds seconds since the run (or its resumption) started
 */
public record EpochMetrics(
        int epoch,
        long step,
        double meanLoss,
        double contrastiveAccuracy,
        double probeAccuracy,
        double trainAccuracy,
        double validationAccuracy,
        double imagesPerSecond,
        double elapsedSeconds) {

    /** Header line of {@code metrics.csv}, in field order. */
    public static final String CSV_HEADER = "epoch,step,loss,contrastive_accuracy,probe_accuracy,train_accuracy,"
            + "validation_accuracy,images_per_second,elapsed_seconds";

    /** Returns this row as a {@code metrics.csv} line without line break. */
    public String toCsv() {
        return epoch + "," + step + "," + number(meanLoss) + "," + number(contrastiveAccuracy) + ","
                + number(probeAccuracy) + "," + number(trainAccuracy) + "," + number(validationAccuracy) + ","
                + number(imagesPerSecond) + "," + number(elapsedSeconds);
    }

    /**
     * Parses a {@code metrics.csv} line.
     *
     * @throws IllegalArgumentException when the line has the wrong number of fields or a field is not a number
     */
    public static EpochMetrics fromCsv(String line) {
        String[] fields = line.split(",", -1);
        if (fields.length != 9) {
            throw new IllegalArgumentException("Expected 9 fields in metrics row, got " + fields.length + ": " + line);
        }
        return new EpochMetrics(Integer.parseInt(fields[0]), Long.parseLong(fields[1]), parse(fields[2]),
                parse(fields[3]), parse(fields[4]), parse(fields[5]), parse(fields[6]), parse(fields[7]),
                parse(fields[8]));
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "" : Double.toString(value);
    }

    private static double parse(String field) {
        return field.isEmpty() ? Double.NaN : Double.parseDouble(field);
    }
}
