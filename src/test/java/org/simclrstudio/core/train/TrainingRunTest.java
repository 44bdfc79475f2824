package org.simclrstudio.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simclrstudio.core.data.BundledSample;
import org.simclrstudio.core.data.Dataset;
import org.simclrstudio.core.data.Datasets;
import org.simclrstudio.core.data.RgbImage;
import org.simclrstudio.core.infer.Classifier;
import org.simclrstudio.core.infer.Prediction;
import org.simclrstudio.core.model.CheckpointFile;

/** Real runs on the bundled Fashion-MNIST sample at 32x32 with a few steps each. */
class TrainingRunTest {

    @TempDir
    static Path shared;

    static Path data;

    @TempDir
    Path runs;

    @BeforeAll
    static void extractSample() throws IOException {
        data = BundledSample.extractTo(shared);
    }

    private RunConfig.Builder tiny(RunKind kind, String name) {
        return RunConfig.builder(kind)
                .dataDir(data)
                .outDir(runs.resolve(name))
                .epochs(1)
                .batchSize(16)
                .imageSize(32)
                .unlabeledLimit(160)
                .labelsPerClass(4)
                .stepsPerEpoch(3)
                .validationLimit(64)
                .device("cpu")
                .seed(3);
    }

    /** Records the events of a run. */
    private static class Recorder implements TrainingListener {
        final List<StepMetrics> steps = new ArrayList<>();
        final List<EpochMetrics> epochs = new ArrayList<>();
        RunStarted started;
        RunOutcome finished;

        @Override
        public void onRunStarted(RunStarted event) {
            started = event;
        }

        @Override
        public void onStep(StepMetrics metrics) {
            steps.add(metrics);
        }

        @Override
        public void onEpoch(EpochMetrics metrics) {
            epochs.add(metrics);
        }

        @Override
        public void onFinished(RunOutcome outcome) {
            finished = outcome;
        }
    }

    private static TrainingRun.CheckpointState readState(Path file) throws IOException {
        return CheckpointFile.read(file, in -> {
            in.readInt();
            byte[] json = new byte[in.readInt()];
            in.readFully(json);
            return RunJson.mapper().readValue(json, TrainingRun.CheckpointState.class);
        });
    }

    @Test
    void pretrainFinetuneEvaluateClassifyChain() throws Exception {
        Recorder pretrainEvents = new Recorder();
        RunConfig pretrain = tiny(RunKind.PRETRAIN, "pretrain").epochs(2).build();
        RunOutcome pretrained = TrainingRun.run(pretrain, false, pretrainEvents, null);
        assertEquals(RunOutcome.Status.COMPLETED, pretrained.status(), pretrained.message());
        assertEquals(6, pretrainEvents.steps.size());
        assertEquals(2, pretrainEvents.epochs.size());
        StepMetrics step = pretrainEvents.steps.get(0);
        assertTrue(Double.isFinite(step.loss()));
        assertTrue(step.contrastiveAccuracy() >= 0);
        assertTrue(step.contrastiveAccuracy() <= 1);
        assertTrue(Double.isFinite(step.probeAccuracy()), "the probe trains while pretraining");
        assertTrue(pretrainEvents.epochs.get(1).validationAccuracy() >= 0);
        assertNotNull(pretrainEvents.finished);

        RunFolder folder = new RunFolder(pretrain.outDir());
        assertEquals(pretrain, folder.readManifest().config(), "config.json round trip");
        assertEquals(2, folder.readEpochs().size());
        assertEquals(6, folder.readSteps().size());
        assertTrue(Files.isRegularFile(folder.lastCheckpoint()));
        assertTrue(folder.hasModel());

        RunConfig finetune = tiny(RunKind.FINETUNE, "finetune").fromRun(pretrain.outDir()).build();
        RunOutcome tuned = TrainingRun.run(finetune, false, null, null);
        assertEquals(RunOutcome.Status.COMPLETED, tuned.status(), tuned.message());
        assertTrue(tuned.validationAccuracy() >= 0);
        assertTrue(tuned.validationAccuracy() <= 1);

        RunConfig baseline = tiny(RunKind.BASELINE, "baseline").build();
        assertEquals(RunOutcome.Status.COMPLETED, TrainingRun.run(baseline, false, null, null).status());
        List<RunStore.RunSummary> listed = RunStore.list(runs);
        assertEquals(3, listed.size());

        Evaluator.Evaluation evaluation = Evaluator.evaluateRun(finetune.outDir(), data, null, Dataset.TEST, "cpu");
        assertEquals(1000, evaluation.count());
        assertEquals(10, evaluation.confusionMatrix().length);
        long total = 0;
        long diagonal = 0;
        for (int i = 0; i < 10; i++) {
            for (long count : evaluation.confusionMatrix()[i]) {
                total += count;
            }
            diagonal += evaluation.confusionMatrix()[i][i];
            assertEquals(100, java.util.Arrays.stream(evaluation.confusionMatrix()[i]).sum(), "test images of class " + i);
        }
        assertEquals(1000, total);
        assertEquals(diagonal / 1000.0, evaluation.accuracy(), 1e-12);

        RgbImage image;
        try (Dataset dataset = Datasets.open(data, null)) {
            image = dataset.split(Dataset.TEST).orElseThrow().image(0);
        }
        try (Classifier classifier = Classifier.load(finetune.outDir())) {
            List<Prediction> top = classifier.classify(image, 5);
            assertEquals(5, top.size());
            assertTrue(top.get(0).probability() >= top.get(4).probability());
            double sum = classifier.classify(image, 10).stream().mapToDouble(Prediction::probability).sum();
            assertEquals(1.0, sum, 1e-4);
        }
        try (Classifier probe = Classifier.load(pretrain.outDir())) {
            assertEquals(RunKind.PRETRAIN, probe.kind());
            assertEquals(3, probe.classify(image, 3).size());
        }
    }

    @Test
    void resumeContinuesFromSavedStep() throws Exception {
        RunConfig config = tiny(RunKind.PRETRAIN, "resumed").epochs(2).build();
        RunControl control = new RunControl();
        Recorder first = new Recorder() {
            @Override
            public void onStep(StepMetrics metrics) {
                super.onStep(metrics);
                if (metrics.step() == 4) {
                    control.cancel();
                }
            }
        };
        RunOutcome cancelled = TrainingRun.run(config, false, first, control);
        assertEquals(RunOutcome.Status.CANCELLED, cancelled.status(), cancelled.message());
        assertEquals(4, cancelled.step());
        RunFolder folder = new RunFolder(config.outDir());
        assertEquals(4, readState(folder.lastCheckpoint()).step());

        Recorder second = new Recorder();
        RunOutcome resumed = TrainingRun.run(TrainingRun.savedConfig(config.outDir()), true, second, null);
        assertEquals(RunOutcome.Status.COMPLETED, resumed.status(), resumed.message());
        assertEquals(4, second.started.firstStep());
        assertEquals(5, second.steps.get(0).step());
        assertEquals(2, second.steps.get(0).epoch());
        assertEquals(2, second.steps.get(0).stepInEpoch());
        assertEquals(6, resumed.step());
        assertEquals(List.of(1, 2), folder.readEpochs().stream().map(EpochMetrics::epoch).toList());
    }

    @Test
    void resumeWithNoEpochsLeftIsRejected() throws Exception {
        RunConfig config = tiny(RunKind.BASELINE, "finished").epochs(2).stepsPerEpoch(2).build();
        assertEquals(RunOutcome.Status.COMPLETED, TrainingRun.run(config, false, null, null).status());
        RunFolder folder = new RunFolder(config.outDir());
        byte[] manifest = Files.readAllBytes(folder.configFile());
        byte[] outcomeFile = Files.readAllBytes(folder.outcomeFile());

        RunOutcome again = TrainingRun.run(config.toBuilder().epochs(1).build(), true, null, null);

        assertEquals(RunOutcome.Status.FAILED, again.status());
        assertTrue(again.message().contains("already trained 2 epochs"), again.message());
        assertTrue(again.message().contains("--epochs above 2"), again.message());
        assertArrayEquals(manifest, Files.readAllBytes(folder.configFile()), "config.json unchanged");
        assertArrayEquals(outcomeFile, Files.readAllBytes(folder.outcomeFile()), "outcome.json unchanged");
    }

    @Test
    void resumeWithFewerStepsPerEpoch() throws Exception {
        RunConfig config = tiny(RunKind.BASELINE, "shorter").epochs(1).stepsPerEpoch(3).build();
        assertEquals(RunOutcome.Status.COMPLETED, TrainingRun.run(config, false, null, null).status());

        Recorder recorder = new Recorder();
        RunOutcome resumed = TrainingRun.run(config.toBuilder().epochs(3).stepsPerEpoch(1).build(), true, recorder,
                null);

        assertEquals(RunOutcome.Status.COMPLETED, resumed.status(), resumed.message());
        assertEquals(5, resumed.step(), "3 steps, then one in each of epochs 2 and 3");
        assertEquals(5, recorder.started.totalSteps());
        assertEquals(List.of(4L, 5L), recorder.steps.stream().map(StepMetrics::step).toList());
        assertEquals(5, recorder.steps.get(1).totalSteps());
        assertTrue(resumed.message().startsWith("Finished 3 epochs"), resumed.message());
    }

    @Test
    void nanLossStopsRunAndKeepsCheckpoint() throws Exception {
        RunConfig config = tiny(RunKind.PRETRAIN, "diverged").stepsPerEpoch(2).build();
        assertEquals(RunOutcome.Status.COMPLETED, TrainingRun.run(config, false, null, null).status());
        RunFolder folder = new RunFolder(config.outDir());
        byte[] checkpoint = Files.readAllBytes(folder.lastCheckpoint());
        byte[] weights = Files.readAllBytes(folder.modelWeightsFile());

        RunConfig diverging = config.toBuilder().epochs(3).learningRate(1e30).build();
        RunOutcome outcome = TrainingRun.run(diverging, true, null, null);
        assertEquals(RunOutcome.Status.FAILED, outcome.status());
        assertTrue(outcome.message().contains("NaN") || outcome.message().contains("Infinity"), outcome.message());
        assertTrue(outcome.message().contains("last good checkpoint"), outcome.message());
        assertArrayEquals(checkpoint, Files.readAllBytes(folder.lastCheckpoint()), "checkpoint unchanged");
        assertArrayEquals(weights, Files.readAllBytes(folder.modelWeightsFile()), "model unchanged");
        assertEquals(2, readState(folder.lastCheckpoint()).step());
        assertEquals(RunOutcome.Status.FAILED, folder.readOutcome().status());
    }

    @Test
    void existingRunFolderIsNotOverwritten() {
        RunConfig config = tiny(RunKind.BASELINE, "twice").stepsPerEpoch(1).build();
        assertEquals(RunOutcome.Status.COMPLETED, TrainingRun.run(config, false, null, null).status());
        RunOutcome second = TrainingRun.run(config, false, null, null);
        assertEquals(RunOutcome.Status.FAILED, second.status());
        assertTrue(second.message().contains("already contains a run"), second.message());
        assertFalse(second.message().contains("Exception"), second.message());
    }
}
