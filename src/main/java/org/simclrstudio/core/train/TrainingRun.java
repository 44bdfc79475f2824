package org.simclrstudio.core.train;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.BufferedWriter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.simclrstudio.core.augment.AugmentParams;
import org.simclrstudio.core.augment.Augmenter;
import org.simclrstudio.core.augment.ViewPairPreview;
import org.simclrstudio.core.data.Dataset;
import org.simclrstudio.core.data.DatasetException;
import org.simclrstudio.core.data.DatasetSplit;
import org.simclrstudio.core.data.DatasetSplits;
import org.simclrstudio.core.data.Datasets;
import org.simclrstudio.core.data.LabelledSubset;
import org.simclrstudio.core.model.Backbone;
import org.simclrstudio.core.model.CheckpointFile;
import org.simclrstudio.core.model.Devices;
import org.simclrstudio.core.model.SimclrNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one pretraining, fine-tuning or baseline run to its end on the calling thread.
 *
 * <p>Each step runs in its own sub-manager, closed when the step ends, so only parameters and optimizer
 * state outlive a step. A background thread reads the next batches' bytes (a few steps ahead) while the
 * current step trains; augmentation runs on the training device. After every epoch the run measures
 * validation accuracy on the test split, appends a row to {@code metrics.csv}, writes the checkpoint and
 * the model. A NaN or infinite loss stops the run without writing anything, so the last good checkpoint
 * stays. Pretraining trains the linear probe on classification-augmented labelled images
 * ({@link AugmentParams#kerasClassification()}) with its own optimizer.
 */
public final class TrainingRun {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);
    private static final int PREFETCH_STEPS = 3;
    private static final int CHECKPOINT_VERSION = 1;

    private final RunConfig config;
    private final boolean resume;
    private final TrainingListener listener;
    private final RunControl control;
    private final RunFolder folder;

    private DatasetSplit pool;
    private DatasetSplit labelled;
    private DatasetSplit validation;
    private List<String> classNames;
    private int poolBatch;
    private int probeBatch;
    private int stepsPerEpoch;
    private SimclrNetwork network;
    private TrainingSteps steps;
    private long globalStep;
    private int epoch;
    private int stepInEpoch;
    private long lastCheckpointStep = -1;
    private double lastValidation = Double.NaN;
    private long lastStepEnd;
    private double imagesPerSecond;

    private TrainingRun(RunConfig config, boolean resume, TrainingListener listener, RunControl control) {
        this.config = config;
        this.resume = resume;
        this.listener = listener == null ? new TrainingListener() { } : listener;
        this.control = control == null ? new RunControl() : control;
        this.folder = new RunFolder(config.outDir());
    }

    /**
     * Runs {@code config} to its end: all epochs, a cancel, or an error. Returns instead of throwing for bad input,
     * a failed run or an unexpected runtime error. The outcome describes the result, and {@link TrainingListener#onFinished} receives it too.
     *
     * @param resume continue the run in {@code config.outDir()} from its last checkpoint; otherwise the
     *     folder must not hold a run yet
     * @param listener receives step and epoch events; may be null
     * @param control pauses and cancels the run from another thread; may be null
     */
    public static RunOutcome run(RunConfig config, boolean resume, TrainingListener listener, RunControl control) {
        // PyTorch's grad mode is per thread, and DJL turns it off only on the thread that loaded the engine.
        // On any other thread (a GUI worker) the optimizer's in-place weight update would be rejected.
        ai.djl.engine.Engine.getInstance();
        ai.djl.pytorch.jni.JniUtils.setGradMode(false);
        return new TrainingRun(config, resume, listener, control).execute();
    }

    /**
     * Returns the configuration stored in a run folder, for {@code --resume}.
     *
     * @throws IOException when the folder contains no readable run
     */
    public static RunConfig savedConfig(Path runDir) throws IOException {
        return new RunFolder(runDir).readManifest().config();
    }

    private RunOutcome execute() {
        boolean started = false;
        RunOutcome outcome;
        try (Dataset dataset = openDataset()) {
            preparePools(dataset);
            Device device = Devices.resolve(config.device());
            Engine.getInstance().setRandomSeed((int) config.seed());
            createNetwork(device);
            try {
                if (resume) {
                    readCheckpoint();
                    requireEpochsLeft();
                    updateManifest();
                } else {
                    writeManifest();
                }
                started = true;
                outcome = train(device);
            } finally {
                steps.close();
                network.close();
            }
        } catch (DatasetException | IOException | IllegalArgumentException | IllegalStateException e) {
            outcome = failure(e.getMessage());
            // Invalid input, such as a missing folder: the outcome carries the message to the command line
            // or the Training workspace, so the stack trace goes to the log file only.
            LOG.info("Run {} failed: {}", config.outDir(), e.getMessage(), e);
        } catch (NonFiniteLossException e) {
            String kept = lastCheckpointStep > 0 || Files.exists(folder.lastCheckpoint())
                    ? "the last good checkpoint is kept in " + folder.lastCheckpoint()
                    : "no checkpoint was written yet";
            outcome = failure(e.getMessage() + " (step " + (globalStep + 1) + ", epoch " + epoch + "). Run stopped; "
                    + kept);
            LOG.warn("Run {} stopped on a non-finite loss: {}", config.outDir(), outcome.message());
        } catch (EngineException e) {
            outcome = failure("Training failed in the PyTorch engine: " + RunFolder.firstLine(e.getMessage()));
            LOG.error("Run {} failed in the engine", config.outDir(), e);
        } catch (RuntimeException e) {
            outcome = failure("Training failed: " + RunFolder.firstLine(String.valueOf(e.getMessage()))
                    + " (details in the log)");
            LOG.error("Run {} failed", config.outDir(), e);
        }
        if (started) {
            try {
                RunJson.writeAtomically(folder.outcomeFile(), outcome);
            } catch (IOException e) {
                LOG.warn("Cannot write {}: {}", folder.outcomeFile(), e.getMessage());
            }
        }
        listener.onFinished(outcome);
        return outcome;
    }

    private RunOutcome failure(String message) {
        return new RunOutcome(RunOutcome.Status.FAILED, message, config.outDir(), globalStep, epoch, lastValidation);
    }

    private Dataset openDataset() throws DatasetException {
        if (!resume && folder.exists()) {
            throw new IllegalArgumentException("Run folder " + config.outDir() + " already contains a run; choose "
                    + "another --out, or pass --resume to continue it");
        }
        if (resume && !Files.isRegularFile(folder.lastCheckpoint())) {
            throw new IllegalArgumentException("Cannot resume " + config.outDir() + ": it has no checkpoint "
                    + "(checkpoints/last.ckpt); start a new run instead");
        }
        return Datasets.open(config.dataDir(), config.format());
    }

    private void preparePools(Dataset dataset) throws DatasetException {
        classNames = dataset.classNames();
        DatasetSplit train = dataset.split(Dataset.TRAIN).filter(DatasetSplit::isLabelled).orElse(null);
        if (train != null) {
            labelled = config.labelsPerClass() > 0
                    ? LabelledSubset.perClass(dataset, config.labelsPerClass(), config.seed())
                    : train;
        }
        validation = dataset.split(Dataset.TEST).filter(DatasetSplit::isLabelled)
                .map(split -> config.validationLimit() > 0 ? DatasetSplits.limit(split, config.validationLimit()) : split)
                .orElse(null);
        if (config.kind() == RunKind.PRETRAIN) {
            pool = DatasetSplits.unlabeledPool(dataset);
            if (config.unlabeledLimit() > 0) {
                pool = DatasetSplits.limit(pool, config.unlabeledLimit());
            }
            if (pool.size() < 1) {
                throw new DatasetException("Dataset " + config.dataDir() + " has no images to pretrain on");
            }
            int labelledCount = labelled == null ? 0 : labelled.size();
            probeBatch = labelledCount == 0 ? 0 : (int) Math.max(1, Math.round(
                    config.batchSize() * (double) labelledCount / (pool.size() + labelledCount)));
            probeBatch = Math.min(probeBatch, config.batchSize() - 1);
            poolBatch = config.batchSize() - probeBatch;
        } else {
            if (labelled == null || labelled.size() == 0) {
                throw new DatasetException("Dataset " + config.dataDir() + " has no labelled train images to "
                        + config.kind().cliName() + " on");
            }
            pool = labelled;
            poolBatch = Math.min(config.batchSize(), pool.size());
            probeBatch = 0;
        }
        stepsPerEpoch = (pool.size() + poolBatch - 1) / poolBatch;
        if (config.stepsPerEpoch() > 0) {
            stepsPerEpoch = Math.min(stepsPerEpoch, config.stepsPerEpoch());
        }
        LOG.info("Run {}: {} images in the training pool, {} per step plus {} labelled for the probe, {} steps per epoch",
                config.outDir(), pool.size(), poolBatch, probeBatch, stepsPerEpoch);
    }

    private void createNetwork(Device device) throws IOException {
        Backbone backbone = Backbone.byName(config.backbone());
        backbone.checkImageSize(config.imageSize());
        boolean pretrain = config.kind() == RunKind.PRETRAIN;
        network = SimclrNetwork.create(backbone, config.imageSize(), classNames.size(), pretrain, device);
        steps = pretrain
                ? TrainingSteps.forPretraining(network, config.learningRate(), config.temperature())
                : TrainingSteps.forClassification(network, config.learningRate());
        if (config.kind() == RunKind.FINETUNE && !resume) {
            RunFolder source = new RunFolder(config.fromRun());
            RunFolder.ModelInfo info = source.readModelInfo();
            if (!info.backbone().equals(config.backbone()) || info.imageSize() != config.imageSize()) {
                throw new IllegalArgumentException("Pretraining run " + config.fromRun() + " has a " + info.backbone()
                        + " encoder at image size " + info.imageSize() + "; pass --backbone " + info.backbone()
                        + " --image-size " + info.imageSize());
            }
            TrainedModels.readWeights(source, network, false);
            LOG.info("Fine-tuning the encoder of {} (step {})", config.fromRun(), info.step());
        }
    }

    private void writeManifest() throws IOException {
        Files.createDirectories(config.outDir());
        RunJson.writeAtomically(folder.configFile(), new RunFolder.Manifest(config, classNames,
                RunFolder.currentVersions(), Instant.now().toString()));
        Files.writeString(folder.metricsFile(), EpochMetrics.CSV_HEADER + "\n", StandardCharsets.UTF_8);
        Files.deleteIfExists(folder.stepsFile());
    }

    /** Rewrites {@code config.json} with the configuration of the resumed run, such as a raised epoch count. */
    private void updateManifest() throws IOException {
        RunFolder.Manifest saved = folder.readManifest();
        if (!saved.config().equals(config)) {
            RunJson.writeAtomically(folder.configFile(), new RunFolder.Manifest(config, classNames,
                    RunFolder.currentVersions(), saved.created()));
            LOG.info("Resumed run {} with a changed configuration; config.json updated", config.outDir());
        }
    }

    /** Step counters and architecture stored at the start of a checkpoint. */
    record CheckpointState(long step, int epoch, int stepInEpoch, RunKind kind, String backbone, int imageSize,
            int classes, double validationAccuracy) {
    }

    private void writeCheckpoint() throws IOException {
        if (!network.parametersFinite()) {
            throw new NonFiniteLossException("The weights became NaN or infinite");
        }
        CheckpointState state = new CheckpointState(globalStep, epoch, stepInEpoch, config.kind(), config.backbone(),
                config.imageSize(), classNames.size(), lastValidation);
        CheckpointFile.write(folder.lastCheckpoint(), out -> writeCheckpointPayload(out, state));
        lastCheckpointStep = globalStep;
        listener.onCheckpoint(folder.lastCheckpoint(), globalStep);
    }

    private void writeCheckpointPayload(DataOutputStream out, CheckpointState state) throws IOException {
        out.writeInt(CHECKPOINT_VERSION);
        byte[] json = RunJson.mapper().writeValueAsBytes(state);
        out.writeInt(json.length);
        out.write(json);
        network.saveParameters(out);
        steps.mainOptimizer().save(out);
        if (steps.probeOptimizer() != null) {
            steps.probeOptimizer().save(out);
        }
    }

    private void readCheckpoint() throws IOException {
        CheckpointState state = CheckpointFile.read(folder.lastCheckpoint(), this::readCheckpointPayload);
        globalStep = state.step();
        epoch = state.epoch();
        stepInEpoch = state.stepInEpoch();
        lastValidation = state.validationAccuracy();
        lastCheckpointStep = globalStep;
        LOG.info("Resuming {} after step {} (epoch {}, step {} of {})", config.outDir(), globalStep, epoch,
                stepInEpoch, stepsPerEpoch);
    }

    /**
     * Rejects a resume with nothing left to train, before the saved configuration changes. An epoch counts
     * as finished when its step count reaches the current steps per epoch, which may be lower than before.
     */
    private void requireEpochsLeft() {
        int finished = stepInEpoch >= stepsPerEpoch ? epoch : epoch - 1;
        if (finished >= config.epochs()) {
            throw new IllegalArgumentException("Run " + config.outDir() + " has already trained " + epochs(finished)
                    + "; pass --epochs above " + finished + " to continue it");
        }
    }

    private static String epochs(int count) {
        return count + (count == 1 ? " epoch" : " epochs");
    }

    private CheckpointState readCheckpointPayload(DataInputStream in) throws IOException {
        int version = in.readInt();
        if (version != CHECKPOINT_VERSION) {
            throw new IOException("Checkpoint " + folder.lastCheckpoint() + " has unsupported version " + version);
        }
        byte[] json = new byte[in.readInt()];
        in.readFully(json);
        CheckpointState state = RunJson.mapper().readValue(json, CheckpointState.class);
        if (state.kind() != config.kind() || !state.backbone().equals(config.backbone())
                || state.imageSize() != config.imageSize() || state.classes() != classNames.size()) {
            throw new IllegalArgumentException("Checkpoint " + folder.lastCheckpoint() + " is a " + state.kind().cliName()
                    + " run of " + state.backbone() + " at image size " + state.imageSize()
                    + ", which does not match the run configuration");
        }
        try {
            network.loadParameters(in, true);
            steps.mainOptimizer().load(in);
            if (steps.probeOptimizer() != null) {
                steps.probeOptimizer().load(in);
            }
        } catch (MalformedModelException e) {
            throw new IOException("Checkpoint " + folder.lastCheckpoint() + " does not fit the model: " + e.getMessage(), e);
        }
        return state;
    }

    /** Host bytes of one step: the training pool's images and, when pretraining with labels, the probe's. */
    private record StepBatch(HostBatch pool, HostBatch probe) {
    }

    private RunOutcome train(Device device) throws IOException, DatasetException {
        if (stepInEpoch >= stepsPerEpoch) {
            stepInEpoch = 0;
        } else if (epoch > 0) {
            epoch--;
        }
        // Steps done so far plus those left: a resumed run may have changed its steps per epoch.
        long totalSteps = globalStep + (stepsPerEpoch - stepInEpoch)
                + (long) stepsPerEpoch * (config.epochs() - epoch - 1);
        listener.onRunStarted(new TrainingListener.RunStarted(config, config.outDir(), globalStep, totalSteps,
                classNames, device.toString()));
        Augmenter viewAugmenter = new Augmenter(config.augment(), config.imageSize());
        Augmenter probeAugmenter = new Augmenter(AugmentParams.kerasClassification(), config.imageSize());
        long startNanos = System.nanoTime();
        long sessionSteps = 0;
        ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "simclr-batch-reader");
            thread.setDaemon(true);
            return thread;
        });
        try (BufferedWriter stepLog = Files.newBufferedWriter(folder.stepsFile(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (epoch = epoch + 1; epoch <= config.epochs(); epoch++) {
                EpochTotals totals = new EpochTotals();
                long epochStart = System.nanoTime();
                int[] poolOrder = permutation(pool.size(), config.seed() * 31 + epoch);
                int[] probeOrder = probeBatch > 0 ? permutation(labelled.size(), config.seed() * 37 + epoch) : null;
                Deque<Future<StepBatch>> pending = new ArrayDeque<>();
                int nextToRead = stepInEpoch;
                while (stepInEpoch < stepsPerEpoch) {
                    while (nextToRead < stepsPerEpoch && pending.size() < PREFETCH_STEPS) {
                        int index = nextToRead++;
                        pending.add(reader.submit(() -> readStep(index, poolOrder, probeOrder)));
                    }
                    if (!control.awaitRunnable()) {
                        pending.forEach(future -> future.cancel(true));
                        return cancelled();
                    }
                    StepBatch batch = await(pending.removeFirst());
                    StepMetrics metrics = runStep(batch, viewAugmenter, probeAugmenter, totalSteps, startNanos,
                            sessionSteps);
                    sessionSteps++;
                    totals.add(metrics, batch.pool().count());
                    stepLog.write(RunJson.mapper().writer().without(
                            com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(metrics));
                    stepLog.newLine();
                    stepLog.flush();
                    listener.onStep(metrics);
                }
                finishEpoch(totals, startNanos, epochStart);
                stepInEpoch = 0;
            }
        } finally {
            reader.shutdownNow();
        }
        epoch = config.epochs();
        return new RunOutcome(RunOutcome.Status.COMPLETED, "Finished " + epochs(config.epochs()) + " (" + globalStep
                + " steps); validation accuracy " + formatAccuracy(lastValidation), config.outDir(), globalStep,
                epoch, lastValidation);
    }

    private StepMetrics runStep(StepBatch batch, Augmenter viewAugmenter, Augmenter probeAugmenter, long totalSteps,
            long startNanos, long sessionSteps) {
        long step = globalStep + 1;
        double loss;
        double contrastiveAccuracy = Double.NaN;
        double probeLoss = Double.NaN;
        double probeAccuracy = Double.NaN;
        double trainAccuracy = Double.NaN;
        try (NDManager stepManager = network.manager().newSubManager()) {
            NDArray images = batch.pool().images(stepManager);
            if (config.kind() == RunKind.PRETRAIN) {
                NDArray first = viewAugmenter.augment(images, ViewPairPreview.viewSeed(config.seed(), step, 0));
                NDArray second = viewAugmenter.augment(images, ViewPairPreview.viewSeed(config.seed(), step, 1));
                TrainingSteps.StepResult result = steps.contrastive(first, second);
                loss = result.loss();
                contrastiveAccuracy = result.accuracy();
                if (batch.probe() != null) {
                    NDArray probeImages = probeAugmenter.augment(batch.probe().images(stepManager),
                            ViewPairPreview.viewSeed(config.seed(), step, 2));
                    TrainingSteps.StepResult probe = steps.probe(probeImages, batch.probe().labelArray(stepManager));
                    probeLoss = probe.loss();
                    probeAccuracy = probe.accuracy();
                }
            } else {
                NDArray view = viewAugmenter.augment(images, ViewPairPreview.viewSeed(config.seed(), step, 0));
                TrainingSteps.StepResult result = steps.supervised(view, batch.pool().labelArray(stepManager));
                loss = result.loss();
                trainAccuracy = result.accuracy();
            }
        }
        globalStep = step;
        stepInEpoch++;
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        double secondsPerStep = elapsed / (sessionSteps + 1);
        long now = System.nanoTime();
        double current = batch.pool().count() / Math.max(1e-9, (now - (lastStepEnd == 0 ? startNanos : lastStepEnd)) / 1e9);
        // An exponential moving average over about ten steps keeps the displayed rate steady.
        imagesPerSecond = imagesPerSecond == 0 ? current : 0.9 * imagesPerSecond + 0.1 * current;
        lastStepEnd = now;
        double eta = secondsPerStep * (totalSteps - globalStep);
        return new StepMetrics(globalStep, epoch, stepInEpoch, stepsPerEpoch, totalSteps, loss, contrastiveAccuracy,
                probeLoss, probeAccuracy, trainAccuracy, imagesPerSecond, elapsed, eta);
    }

    private void finishEpoch(EpochTotals totals, long startNanos, long epochStart) throws IOException, DatasetException {
        double epochSeconds = (System.nanoTime() - epochStart) / 1e9;
        boolean hasHead = config.kind() != RunKind.PRETRAIN || probeBatch > 0;
        if (validation != null && hasHead) {
            lastValidation = Evaluator.evaluate(network, validation, classNames).accuracy();
        }
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        EpochMetrics metrics = new EpochMetrics(epoch, globalStep, totals.mean(totals.loss),
                totals.mean(totals.contrastive), totals.mean(totals.probe), totals.mean(totals.train), lastValidation,
                totals.images / Math.max(1e-9, epochSeconds), elapsed);
        writeCheckpoint();
        TrainedModels.save(folder, network, new RunFolder.ModelInfo(config.kind(), config.backbone(),
                config.imageSize(), classNames, false, globalStep, epoch, lastValidation));
        Files.writeString(folder.metricsFile(), metrics.toCsv() + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        LOG.info("Epoch {}/{} of {}: loss {}, validation accuracy {}", epoch, config.epochs(), config.outDir(),
                String.format("%.4f", metrics.meanLoss()), formatAccuracy(lastValidation));
        listener.onEpoch(metrics);
    }

    private RunOutcome cancelled() throws IOException {
        if (globalStep > lastCheckpointStep && globalStep > 0) {
            writeCheckpoint();
        }
        return new RunOutcome(RunOutcome.Status.CANCELLED, "Cancelled after step " + globalStep + " (epoch " + epoch
                + "); resume with --resume", config.outDir(), globalStep, epoch, lastValidation);
    }

    private StepBatch readStep(int stepIndex, int[] poolOrder, int[] probeOrder) throws DatasetException {
        int start = stepIndex * poolBatch;
        int end = Math.min(pool.size(), start + poolBatch);
        if (start >= end) {
            // A step cap above one pass never happens (it is clamped), but wrap around to be safe.
            start = 0;
            end = Math.min(pool.size(), poolBatch);
        }
        int[] indices = java.util.Arrays.copyOfRange(poolOrder, start, end);
        boolean labels = config.kind() != RunKind.PRETRAIN;
        HostBatch poolBatchBytes = HostBatch.read(pool, indices, labels, config.imageSize());
        HostBatch probe = null;
        if (probeOrder != null) {
            int[] probeIndices = new int[probeBatch];
            for (int i = 0; i < probeBatch; i++) {
                probeIndices[i] = probeOrder[(int) (((long) stepIndex * probeBatch + i) % probeOrder.length)];
            }
            probe = HostBatch.read(labelled, probeIndices, true, config.imageSize());
        }
        return new StepBatch(poolBatchBytes, probe);
    }

    private static StepBatch await(Future<StepBatch> future) throws DatasetException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading a batch", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DatasetException datasetError) {
                throw datasetError;
            }
            throw new IllegalStateException("Reading a batch failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Returns a seeded permutation of {@code 0..n-1} (Fisher-Yates). */
    static int[] permutation(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    private static String formatAccuracy(double accuracy) {
        return Double.isNaN(accuracy) ? "not measured" : String.format("%.2f%%", accuracy * 100);
    }

    /** Sums of the step metrics of one epoch. */
    private static final class EpochTotals {
        int steps;
        long images;
        double loss;
        double contrastive;
        double probe;
        double train;

        void add(StepMetrics metrics, int imageCount) {
            steps++;
            images += imageCount;
            loss += metrics.loss();
            contrastive += metrics.contrastiveAccuracy();
            probe += metrics.probeAccuracy();
            train += metrics.trainAccuracy();
        }

        double mean(double sum) {
            return steps == 0 ? Double.NaN : sum / steps;
        }
    }
}
