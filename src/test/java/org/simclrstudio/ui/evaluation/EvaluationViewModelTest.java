package org.simclrstudio.ui.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simclrstudio.core.data.BundledSample;
import org.simclrstudio.core.data.Dataset;
import org.simclrstudio.core.data.Datasets;
import org.simclrstudio.core.explore.Evaluation;
import org.simclrstudio.core.explore.TestModels;
import org.simclrstudio.core.task.SameThreadExecutor;
import org.simclrstudio.ui.common.AppModel;
import org.simclrstudio.ui.common.Settings;

/** The Evaluation ViewModel on the bundled sample, run on the test thread. */
class EvaluationViewModelTest {

    @TempDir
    Path temp;

    private AppModel app;
    private EvaluationViewModel model;
    private Path finetune;
    private Path baseline;

    @BeforeEach
    void setUp() throws Exception {
        Path runs = Files.createDirectories(temp.resolve("runs"));
        finetune = Files.createDirectories(runs.resolve("finetune-1"));
        baseline = Files.createDirectories(runs.resolve("baseline-1"));
        Files.writeString(finetune.resolve("config.json"), "{}");
        Files.writeString(baseline.resolve("config.json"), "{}");
        SameThreadExecutor executor = new SameThreadExecutor();
        app = new AppModel(executor, executor, Runnable::run, new Settings(), runs, temp.resolve("datasets"));
        Dataset dataset = Datasets.open(BundledSample.extractTo(temp.resolve("datasets")), null);
        app.setActiveDataset(dataset, "Fashion-MNIST sample", false);
        model = new EvaluationViewModel(app, new TestModels(28, 10));
    }

    @AfterEach
    void tearDown() {
        app.activeDataset().close();
    }

    @Test
    void offersLabelledSplitsOnly() {
        assertEquals(2, model.runs().size());
        assertEquals(Dataset.TEST, model.selectedSplitProperty().get());
        assertFalse(model.splitNames().contains(Dataset.UNLABELED));
    }

    @Test
    void evaluateFillsConfusionMatrix() {
        model.selectedRunProperty().set(finetune);
        model.evaluate();

        Evaluation evaluation = model.evaluationProperty().get();
        assertNotNull(evaluation, model.errorProperty().get());
        assertEquals(1000, evaluation.size());
        int total = Arrays.stream(evaluation.confusion()).flatMapToInt(Arrays::stream).sum();
        assertEquals(1000, total);
        long wrong = java.util.stream.IntStream.range(0, evaluation.size())
                .filter(row -> evaluation.predictions()[row] != evaluation.labels()[row]).count();
        assertEquals(wrong, model.misclassified().size());
        assertEquals(1.0 - wrong / 1000.0, evaluation.accuracy(), 1e-9);
        assertNull(model.comparisonProperty().get());
        assertTrue(model.statusProperty().get().startsWith("finetune-1: "), model.statusProperty().get());
    }

    @Test
    void comparedRunIsEvaluatedToo() {
        model.selectedRunProperty().set(finetune);
        model.comparedRunProperty().set(baseline);
        model.evaluate();

        assertNotNull(model.comparisonProperty().get(), model.errorProperty().get());
        assertEquals(1000, model.comparisonProperty().get().size());
        assertTrue(model.statusProperty().get().contains("baseline-1: "), model.statusProperty().get());
    }

    @Test
    void enlargingMistakeShowsTrueAndPredicted() {
        model.evaluate();
        assertFalse(model.misclassified().isEmpty(), "a random model classified every image correctly");
        int row = model.misclassified().get(0);
        model.enlargedRowProperty().set(row);

        assertNotNull(model.enlargedImageProperty().get());
        Evaluation evaluation = model.evaluationProperty().get();
        String expected = "true: " + evaluation.classNames().get(evaluation.labels()[row]) + ", predicted: "
                + evaluation.classNames().get(evaluation.predictions()[row]);
        assertTrue(model.enlargedCaptionProperty().get().contains(expected), model.enlargedCaptionProperty().get());
    }
}
