package org.simclrstudio.core.train;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.nio.file.Path;
import java.util.Objects;
import org.simclrstudio.core.augment.AugmentParams;
import org.simclrstudio.core.data.DatasetFormat;
import org.simclrstudio.core.model.KerasEncoder;
import org.simclrstudio.core.model.NtXentLoss;

/**
 * Everything a run needs, stored as {@code config.json} in its folder so the run can be repeated or resumed.
 * Build one with {@link #builder(RunKind)}; the constructor validates every value.
 *
 * @param kind pretrain, fine-tune or baseline
 * @param dataDir dataset folder
 * @param format dataset format, or null to detect it
 * @param outDir run folder to write
 * @param fromRun pretraining run folder whose encoder a fine-tune starts from; null otherwise
 * @param epochs number of epochs, at least 1
 * @param batchSize images per step: when pretraining, unlabelled plus labelled images in proportion to the
 *     two pools (the Keras example's 525 = 500 + 25 on STL-10); when fine-tuning or training the baseline,
 *     labelled images
 * @param imageSize side of the square network input in pixels
 * @param unlabeledLimit use only the first N unlabelled images; 0 for all
 * @param labelsPerClass labelled images per class drawn with the seed; 0 for the whole labelled train split
 * @param temperature NT-Xent temperature
 * @param learningRate Adam learning rate of every optimizer
 * @param seed seed of the labelled subset, batch order, augmentation and initial weights
 * @param device {@code auto}, {@code cpu} or {@code gpu}
 * @param backbone encoder name, {@code keras} or {@code resnet18}
 * @param augment augmentation of the training views (contrastive when pretraining, classification otherwise)
 * @param stepsPerEpoch cap on steps per epoch; 0 for one pass over the training pool
 * @param validationLimit use only the first N test images for validation; 0 for all
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunConfig(
        RunKind kind,
        Path dataDir,
        DatasetFormat format,
        Path outDir,
        Path fromRun,
        int epochs,
        int batchSize,
        int imageSize,
        int unlabeledLimit,
        int labelsPerClass,
        double temperature,
        double learningRate,
        long seed,
        String device,
        String backbone,
        AugmentParams augment,
        int stepsPerEpoch,
        int validationLimit) {

    /** Validates every value; messages name the option and the valid range. */
    public RunConfig {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(augment, "augment");
        if (dataDir == null) {
            throw new IllegalArgumentException("Missing dataset folder (--data)");
        }
        if (outDir == null) {
            throw new IllegalArgumentException("Missing run folder (--out)");
        }
        if (kind == RunKind.FINETUNE && fromRun == null) {
            throw new IllegalArgumentException("Fine-tuning needs a pretraining run folder (--from)");
        }
        requireAtLeast("--epochs", epochs, 1);
        requireAtLeast("--batch-size", batchSize, kind == RunKind.PRETRAIN ? 2 : 1);
        requireAtLeast("--image-size", imageSize, 8);
        requireAtLeast("--unlabeled-limit", unlabeledLimit, 0);
        requireAtLeast("--labels-per-class", labelsPerClass, 0);
        requireAtLeast("--steps-per-epoch", stepsPerEpoch, 0);
        requireAtLeast("--validation-limit", validationLimit, 0);
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("Invalid --temperature " + temperature + ": expected a number above 0, such as 0.1");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("Invalid --learning-rate " + learningRate
                    + ": expected a number above 0, such as 0.001");
        }
        device = device == null ? "auto" : device;
        backbone = backbone == null ? KerasEncoder.NAME : backbone;
    }

    private static void requireAtLeast(String option, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException("Invalid " + option + " " + value + ": expected at least " + min);
        }
    }

    /** Returns a builder with the defaults of {@code kind}. */
    public static Builder builder(RunKind kind) {
        return new Builder(kind);
    }

    /** Returns a builder that starts from this configuration. */
    public Builder toBuilder() {
        Builder builder = new Builder(kind);
        builder.dataDir = dataDir;
        builder.format = format;
        builder.outDir = outDir;
        builder.fromRun = fromRun;
        builder.epochs = epochs;
        builder.batchSize = batchSize;
        builder.imageSize = imageSize;
        builder.unlabeledLimit = unlabeledLimit;
        builder.labelsPerClass = labelsPerClass;
        builder.temperature = temperature;
        builder.learningRate = learningRate;
        builder.seed = seed;
        builder.device = device;
        builder.backbone = backbone;
        builder.augment = augment;
        builder.stepsPerEpoch = stepsPerEpoch;
        builder.validationLimit = validationLimit;
        return builder;
    }

    /**
     * Builds a {@link RunConfig}. Defaults: 20 epochs, batch 256, image size 96, all images, temperature 0.1,
     * learning rate 0.001, seed 1, device auto, the keras encoder, and the Keras contrastive augmentation
     * when pretraining or the Keras classification augmentation otherwise.
     */
    public static final class Builder {
        private final RunKind kind;
        private Path dataDir;
        private DatasetFormat format;
        private Path outDir;
        private Path fromRun;
        private int epochs = 20;
        private int batchSize = 256;
        private int imageSize = 96;
        private int unlabeledLimit;
        private int labelsPerClass;
        private double temperature = NtXentLoss.DEFAULT_TEMPERATURE;
        private double learningRate = 1e-3;
        private long seed = 1;
        private String device = "auto";
        private String backbone = KerasEncoder.NAME;
        private AugmentParams augment;
        private int stepsPerEpoch;
        private int validationLimit;

        private Builder(RunKind kind) {
            this.kind = Objects.requireNonNull(kind, "kind");
            this.augment = kind == RunKind.PRETRAIN ? AugmentParams.kerasContrastive() : AugmentParams.kerasClassification();
        }

        /** Sets the dataset folder. */
        public Builder dataDir(Path value) {
            dataDir = value;
            return this;
        }

        /** Sets the dataset format, null to detect it. */
        public Builder format(DatasetFormat value) {
            format = value;
            return this;
        }

        /** Sets the run folder. */
        public Builder outDir(Path value) {
            outDir = value;
            return this;
        }

        /** Sets the pretraining run a fine-tune starts from. */
        public Builder fromRun(Path value) {
            fromRun = value;
            return this;
        }

        /** Sets the number of epochs. */
        public Builder epochs(int value) {
            epochs = value;
            return this;
        }

        /** Sets the images per step. */
        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        /** Sets the network input size in pixels. */
        public Builder imageSize(int value) {
            imageSize = value;
            return this;
        }

        /** Sets the cap on unlabelled images, 0 for all. */
        public Builder unlabeledLimit(int value) {
            unlabeledLimit = value;
            return this;
        }

        /** Sets the labelled images per class, 0 for the whole labelled train split. */
        public Builder labelsPerClass(int value) {
            labelsPerClass = value;
            return this;
        }

        /** Sets the NT-Xent temperature. */
        public Builder temperature(double value) {
            temperature = value;
            return this;
        }

        /** Sets the Adam learning rate. */
        public Builder learningRate(double value) {
            learningRate = value;
            return this;
        }

        /** Sets the seed. */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** Sets the device: {@code auto}, {@code cpu} or {@code gpu}. */
        public Builder device(String value) {
            device = value;
            return this;
        }

        /** Sets the encoder: {@code keras} or {@code resnet18}. */
        public Builder backbone(String value) {
            backbone = value;
            return this;
        }

        /** Sets the augmentation of the training views. */
        public Builder augment(AugmentParams value) {
            augment = value;
            return this;
        }

        /** Sets the cap on steps per epoch, 0 for a full pass. */
        public Builder stepsPerEpoch(int value) {
            stepsPerEpoch = value;
            return this;
        }

        /** Sets the cap on validation images, 0 for the whole test split. */
        public Builder validationLimit(int value) {
            validationLimit = value;
            return this;
        }

        /**
         * Returns the configuration.
         *
         * @throws IllegalArgumentException when a value is invalid
         */
        public RunConfig build() {
            return new RunConfig(kind, dataDir, format, outDir, fromRun, epochs, batchSize, imageSize, unlabeledLimit,
                    labelsPerClass, temperature, learningRate, seed, device, backbone, augment, stepsPerEpoch,
                    validationLimit);
        }
    }
}
