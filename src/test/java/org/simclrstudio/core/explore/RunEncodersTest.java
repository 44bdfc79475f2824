package org.simclrstudio.core.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simclrstudio.cli.SimclrCli;
import org.simclrstudio.core.data.BundledSample;
import org.simclrstudio.core.data.Dataset;
import org.simclrstudio.core.data.DatasetSplit;
import org.simclrstudio.core.data.Datasets;
import org.simclrstudio.core.train.Evaluator;
import org.simclrstudio.core.train.RunConfig;
import org.simclrstudio.core.train.RunKind;
import org.simclrstudio.core.train.RunOutcome;
import org.simclrstudio.core.train.TrainingRun;
import picocli.CommandLine;

/** A real, tiny pretraining run on the bundled sample, explored through its saved encoder. */
class RunEncodersTest {

    @TempDir
    static Path temp;

    private static Path data;
    private static Path run;
    private static Dataset dataset;
    private static DatasetSplit test;

    @BeforeAll
    static void pretrain() throws Exception {
        data = BundledSample.extractTo(temp.resolve("datasets"));
        run = temp.resolve("runs/pretrain");
        RunConfig config = RunConfig.builder(RunKind.PRETRAIN).dataDir(data).outDir(run).epochs(1).batchSize(16)
                .imageSize(32).unlabeledLimit(96).labelsPerClass(2).stepsPerEpoch(2).validationLimit(32)
                .device("cpu").seed(5).build();
        RunOutcome outcome = TrainingRun.run(config, false, null, null);
        assertEquals(RunOutcome.Status.COMPLETED, outcome.status(), String.valueOf(outcome));
        dataset = Datasets.open(data, null);
        test = dataset.split(Dataset.TEST).orElseThrow();
    }

    @AfterAll
    static void close() {
        dataset.close();
    }

    @Test
    void pretrainedEncoderFindsImageFirst() throws Exception {
        try (FeatureEncoder encoder = RunEncoders.open(run, "cpu")) {
            assertEquals(32, encoder.inputSize());
            FeatureMatrix features = FeatureExtractor.extract(test, FeatureExtractor.evenlySpaced(test.size(), 200),
                    encoder, 32, new RecordingContext());
            assertEquals(200, features.rows());
            assertEquals(encoder.featureSize(), features.dimension());

            List<Neighbor> neighbors = new NearestNeighbors(features).ofImage(features.indices()[9], 4);
            assertEquals(features.indices()[9], neighbors.get(0).index());
            assertEquals(1.0, neighbors.get(0).similarity(), 1e-9);
            assertEquals(4, neighbors.size());
        }
    }

    @Test
    void probeLogitsGiveEvaluation() throws Exception {
        try (FeatureEncoder classifier = RunEncoders.openClassifier(run, "cpu")) {
            FeatureMatrix logits = FeatureExtractor.extract(test, FeatureExtractor.evenlySpaced(test.size(), 100),
                    classifier, 50, new RecordingContext());
            Evaluation evaluation = Evaluation.fromLogits(logits, dataset.classNames());
            assertEquals(100, evaluation.size());
            assertTrue(evaluation.accuracy() >= 0, "accuracy " + evaluation.accuracy());
            assertTrue(evaluation.accuracy() <= 1, "accuracy " + evaluation.accuracy());
        }
    }

    @Test
    void evaluationMatchesEngineEvaluator() throws Exception {
        Evaluator.Evaluation engine = Evaluator.evaluateRun(run, data, null, Dataset.TEST, "cpu");
        Evaluation explored;
        try (FeatureEncoder classifier = RunEncoders.openClassifier(run, "cpu")) {
            FeatureMatrix logits = FeatureExtractor.extract(test, classifier, new RecordingContext());
            explored = Evaluation.fromLogits(logits, dataset.classNames());
        }

        assertEquals(engine.accuracy(), explored.accuracy(), 1e-9);
        for (int truth = 0; truth < explored.confusion().length; truth++) {
            for (int predicted = 0; predicted < explored.confusion().length; predicted++) {
                assertEquals(engine.confusionMatrix()[truth][predicted], explored.confusion()[truth][predicted],
                        "confusion[" + truth + "][" + predicted + "]");
            }
        }
    }

    @Test
    void runWithoutModelIsOneLineError() throws Exception {
        Path empty = Files.createDirectories(temp.resolve("runs/empty"));
        IOException error = assertThrows(IOException.class, () -> RunEncoders.open(empty, "cpu"));
        assertTrue(error.getMessage().contains(empty.toString()), error.getMessage());
    }

    @Test
    void neighborsCommandReadsRealRun() throws Exception {
        CommandLine commandLine = SimclrCli.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute("neighbors", "--model", run.toString(), "--data", data.toString(),
                "--index", "3", "--k", "3", "--json", "--device", "cpu");
        assertEquals(0, exitCode, err.toString());
        JsonNode neighbors = new ObjectMapper().readTree(out.toString()).get("neighbors");
        assertEquals(3, neighbors.size());
        assertEquals(3, neighbors.get(0).get("index").asInt());
        assertEquals(1.0, neighbors.get(0).get("similarity").asDouble(), 1e-9);
    }
}
