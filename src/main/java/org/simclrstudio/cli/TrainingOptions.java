package org.simclrstudio.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.simclrstudio.core.augment.AugmentParams;
import org.simclrstudio.core.data.DatasetFormat;
import org.simclrstudio.core.train.RunConfig;
import org.simclrstudio.core.train.RunControl;
import org.simclrstudio.core.train.RunFolder;
import org.simclrstudio.core.train.RunKind;
import org.simclrstudio.core.train.RunOutcome;
import org.simclrstudio.core.train.TrainingRun;
import picocli.CommandLine.Option;

/**
 * The options shared by {@code pretrain}, {@code finetune} and {@code baseline}, and the code that turns
 * them into a run. Options left out keep the run defaults, the saved values of a resumed run, or (when
 * fine-tuning) the encoder settings of the pretraining run.
 */
public final class TrainingOptions {

    @Option(names = "--data", paramLabel = "DIR", description = "Dataset folder (STL-10 binary, IDX or image folders); "
            + "required, except with --resume, which reuses the run's folder.")
    Path data;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Dataset format: stl10, idx or folder (default: detected).")
    String format;

    @Option(names = "--out", required = true, paramLabel = "RUN", description = "Run folder to write (or to continue with --resume).")
    Path out;

    @Option(names = "--epochs", paramLabel = "N", description = "Number of epochs (default: 20).")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "N", description = "Images per step (default: 256). When pretraining, "
            + "unlabelled plus labelled images in proportion to the two pools, such as 525 = 500 + 25 on STL-10; "
            + "otherwise labelled images.")
    Integer batchSize;

    @Option(names = "--image-size", paramLabel = "N", description = "Side of the square network input in pixels "
            + "(default: 96; at least 31 for the keras encoder).")
    Integer imageSize;

    @Option(names = "--unlabeled-limit", paramLabel = "N", description = "Use only the first N unlabelled images (default: all).")
    Integer unlabeledLimit;

    @Option(names = "--labels-per-class", paramLabel = "N", description = "Labelled images per class, drawn with the seed "
            + "(default: the whole labelled train split).")
    Integer labelsPerClass;

    @Option(names = "--temperature", paramLabel = "T", description = "NT-Xent temperature (default: 0.1).")
    Double temperature;

    @Option(names = "--learning-rate", paramLabel = "LR", description = "Adam learning rate (default: 0.001).")
    Double learningRate;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of labelled subset, batch order, augmentation and "
            + "initial weights (default: 1).")
    Long seed;

    @Option(names = "--device", paramLabel = "D", description = "auto, cpu or gpu (default: auto, the GPU when the engine sees one).")
    String device;

    @Option(names = "--backbone", paramLabel = "NAME", description = "Encoder: keras or resnet18 (default: keras).")
    String backbone;

    @Option(names = "--steps-per-epoch", paramLabel = "N", description = "Cap on steps per epoch (default: one pass over the training images).")
    Integer stepsPerEpoch;

    @Option(names = "--validation-limit", paramLabel = "N", description = "Validate on the first N test images only (default: all).")
    Integer validationLimit;

    @Option(names = "--augment", paramLabel = "PRESET", description = "Augmentation preset: keras-contrastive, "
            + "keras-classification, simclr-paper or none (default: keras-contrastive when pretraining, "
            + "keras-classification otherwise).")
    String augmentPreset;

    @Option(names = "--min-area", paramLabel = "A", description = "Smallest area fraction of the random square crop, in (0, 1].")
    Double minArea;

    @Option(names = "--brightness", paramLabel = "B", description = "Colour affine brightness, in [0, 1].")
    Double brightness;

    @Option(names = "--jitter", paramLabel = "J", description = "Colour affine jitter, in [0, 1].")
    Double jitter;

    @Option(names = "--resume", description = "Continue the run in --out from its last checkpoint; options given "
            + "replace the saved ones (for example --epochs to train longer).")
    boolean resume;

    /** Returns the configuration of a new run of {@code kind}; {@code fromRun} is the fine-tune source or null. */
    RunConfig toConfig(RunKind kind, Path fromRun) {
        if (data == null) {
            throw new CliException("Missing required option: '--data=DIR'", 2);
        }
        // An absolute path lets --resume find the dataset from any working directory.
        RunConfig.Builder builder = RunConfig.builder(kind).dataDir(data.toAbsolutePath().normalize()).outDir(out)
                .fromRun(fromRun);
        if (fromRun != null) {
            inheritEncoder(builder, fromRun);
        }
        apply(builder, kind);
        return builder.build();
    }

    /** Reads the saved configuration of the run to resume and applies the options given. */
    RunConfig toResumedConfig(RunKind kind) {
        RunConfig saved;
        try {
            saved = TrainingRun.savedConfig(out);
        } catch (IOException e) {
            throw new CliException("Cannot resume: " + e.getMessage(), e);
        }
        if (saved.kind() != kind) {
            throw new CliException("Run " + out + " is a " + saved.kind().cliName() + " run; resume it with '"
                    + saved.kind().cliName() + " --resume'");
        }
        Path dataDir = data != null ? data.toAbsolutePath().normalize() : saved.dataDir();
        RunConfig.Builder builder = saved.toBuilder().dataDir(dataDir).outDir(out);
        apply(builder, kind);
        return builder.build();
    }

    private static void inheritEncoder(RunConfig.Builder builder, Path fromRun) {
        try {
            RunFolder.ModelInfo info = new RunFolder(fromRun).readModelInfo();
            builder.backbone(info.backbone()).imageSize(info.imageSize());
        } catch (IOException e) {
            throw new CliException("Cannot fine-tune from " + fromRun + ": " + e.getMessage(), e);
        }
    }

    private void apply(RunConfig.Builder builder, RunKind kind) {
        if (format != null) {
            builder.format(parseFormat(format));
        }
        if (epochs != null) {
            builder.epochs(epochs);
        }
        if (batchSize != null) {
            builder.batchSize(batchSize);
        }
        if (imageSize != null) {
            builder.imageSize(imageSize);
        }
        if (unlabeledLimit != null) {
            builder.unlabeledLimit(unlabeledLimit);
        }
        if (labelsPerClass != null) {
            builder.labelsPerClass(labelsPerClass);
        }
        if (temperature != null) {
            builder.temperature(temperature);
        }
        if (learningRate != null) {
            builder.learningRate(learningRate);
        }
        if (seed != null) {
            builder.seed(seed);
        }
        if (device != null) {
            builder.device(device);
        }
        if (backbone != null) {
            builder.backbone(backbone);
        }
        if (stepsPerEpoch != null) {
            builder.stepsPerEpoch(stepsPerEpoch);
        }
        if (validationLimit != null) {
            builder.validationLimit(validationLimit);
        }
        AugmentParams augment = augmentPreset != null ? preset(augmentPreset)
                : kind == RunKind.PRETRAIN ? AugmentParams.kerasContrastive() : AugmentParams.kerasClassification();
        if (augmentPreset != null || minArea != null || brightness != null || jitter != null) {
            if (minArea != null) {
                augment = augment.withMinArea(minArea);
            }
            if (brightness != null) {
                augment = augment.withBrightness(brightness);
            }
            if (jitter != null) {
                augment = augment.withJitter(jitter);
            }
            builder.augment(augment);
        }
    }

    private static DatasetFormat parseFormat(String value) {
        for (DatasetFormat candidate : DatasetFormat.values()) {
            if (candidate.cliName().equals(value.toLowerCase(Locale.ROOT))) {
                return candidate;
            }
        }
        throw new CliException("Invalid --format '" + value + "': expected stl10, idx or folder");
    }

    private static AugmentParams preset(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "keras-contrastive" -> AugmentParams.kerasContrastive();
            case "keras-classification" -> AugmentParams.kerasClassification();
            case "simclr-paper" -> AugmentParams.simclrPaper();
            case "none" -> AugmentParams.none();
            default -> throw new CliException("Invalid --augment '" + name
                    + "': expected keras-contrastive, keras-classification, simclr-paper or none");
        };
    }

    /**
     * Runs a training command: builds the configuration, trains with a terminal progress display, prints
     * the outcome and returns the exit status.
     *
     * @throws CliException when the options are invalid or the run fails
     */
    static int runCommand(RunKind kind, TrainingOptions options, Path fromRun, PrintWriter out, PrintWriter err) {
        RunConfig config;
        try {
            config = options.resume ? options.toResumedConfig(kind) : options.toConfig(kind, fromRun);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), 2);
        }
        ConsoleProgress progress = new ConsoleProgress(err, System.console() != null);
        RunControl control = new RunControl();
        CountDownLatch finished = new CountDownLatch(1);
        // Ctrl+C cancels the run after the current step, so the checkpoint of that step is written before exit.
        Thread cancelOnExit = new Thread(() -> {
            control.cancel();
            try {
                finished.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "simclr-cancel-on-exit");
        Runtime.getRuntime().addShutdownHook(cancelOnExit);
        RunOutcome outcome;
        try {
            outcome = TrainingRun.run(config, options.resume, progress, control);
        } finally {
            finished.countDown();
            progress.close();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(cancelOnExit);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down after Ctrl+C.
        }
        if (outcome.status() == RunOutcome.Status.FAILED) {
            throw new CliException(outcome.message());
        }
        out.println(outcome.message());
        out.println("Run folder: " + outcome.runDir());
        out.flush();
        return outcome.status() == RunOutcome.Status.COMPLETED ? 0 : 130;
    }
}
