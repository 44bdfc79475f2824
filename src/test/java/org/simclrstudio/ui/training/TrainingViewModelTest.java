package org.simclrstudio.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simclrstudio.core.train.RunConfig;
import org.simclrstudio.core.train.RunKind;
import org.simclrstudio.core.train.RunStore.RunSummary;
import org.simclrstudio.ui.common.AppModel;
import org.simclrstudio.ui.common.TestApp;
import org.simclrstudio.ui.datasets.DatasetOpener;
import org.simclrstudio.ui.datasets.DatasetsViewModel;

/** Tiny real runs on the bundled sample: image size 32, batch 16, two steps per epoch. */
class TrainingViewModelTest {

    @TempDir
    Path home;

    private AppModel app;
    private TrainingViewModel model;

    @BeforeEach
    void openSample() {
        app = TestApp.sameThread(home);
        app.deviceProperty().set("cpu");
        new DatasetsViewModel(app, DatasetOpener.core()).openStartupDataset();
        model = new TrainingViewModel(app);
        model.epochsProperty().set(2);
        model.batchSizeProperty().set(16);
        model.stepsPerEpochProperty().set(2);
        model.labelsPerClassProperty().set(5);
        model.validationLimitProperty().set(64);
    }

    @Test
    void formBuildsConfig() {
        model.learningRateProperty().set(0.002);
        RunConfig config = model.buildConfig("run-a");
        assertEquals(RunKind.PRETRAIN, config.kind());
        assertEquals(32, config.imageSize(), "28-pixel images train at the encoder's minimum of 32");
        assertEquals(16, config.batchSize());
        assertEquals(0.002, config.learningRate());
        assertEquals("cpu", config.device());
        assertEquals(app.runsFolder().resolve("run-a"), config.outDir());
        assertEquals(app.activeDataset().location(), config.dataDir());
    }

    @Test
    void fineTuneNeedsPretrainingRun() {
        model.kindProperty().set(RunKind.FINETUNE);
        assertFalse(model.canStartBinding().get());
        model.kindProperty().set(RunKind.BASELINE);
        assertTrue(model.canStartBinding().get());
    }

    @Test
    void pretrainThenFineTuneAndCompare() {
        model.start();

        assertEquals(TrainingState.IDLE, model.stateProperty().get());
        assertEquals("", model.errorProperty().get());
        assertEquals(4, model.lossSeries().size(), "one loss point per step");
        assertEquals(2, model.validationAccuracySeries().size(), "one validation point per epoch");
        assertTrue(model.progressTextProperty().get().contains("step 4/4"), model.progressTextProperty().get());
        assertFalse(model.lossTextProperty().get().equals("–"));
        assertEquals(1, model.runs().size());
        RunSummary pretrained = model.runs().get(0);
        assertEquals(RunKind.PRETRAIN, pretrained.kind());
        assertEquals(pretrained.folder(), model.fromRunProperty().get().folder());

        model.kindProperty().set(RunKind.FINETUNE);
        assertTrue(model.canStartBinding().get());
        model.start();
        model.kindProperty().set(RunKind.BASELINE);
        model.start();

        assertEquals(3, model.runs().size());
        assertEquals("", model.errorProperty().get());
        List<RunSummary> compared = model.runs().stream().filter(run -> run.kind() != RunKind.PRETRAIN).toList();
        model.compare(compared);
        assertEquals(2, model.comparisons().size());
        assertEquals(2, model.comparisons().get(0).size(), "one point per epoch");
    }

    @Test
    void reopenedRunRefillsCharts() {
        model.kindProperty().set(RunKind.BASELINE);
        model.start();
        RunSummary run = model.runs().get(0);
        model.lossSeries().clear();

        model.openRun(run);

        assertEquals(4, model.lossSeries().size());
        assertEquals(2, model.validationAccuracySeries().size());
        assertEquals(run.name(), model.shownRunProperty().get());
        assertEquals(run.folder().dir(), app.selectedRunProperty().get(), "a baseline with weights can classify");
    }

    @Test
    void cancelBeforeStepsEndsRunCancelled() {
        model.kindProperty().set(RunKind.BASELINE);
        model.epochsProperty().set(50);
        app.tasks().countProperty().addListener((observable, old, count) -> {
            if (count.intValue() == 1) {
                model.cancel();
            }
        });
        model.lossSeries().dataSet();
        model.start();
        assertEquals(TrainingState.IDLE, model.stateProperty().get());
        assertTrue(model.lossSeries().size() < 100, "the run stopped early: " + model.lossSeries().size());
        assertNotNull(model.statusProperty().get());
    }

    @Test
    void durationFormat() {
        assertEquals("1:05", TrainingViewModel.formatDuration(65));
        assertEquals("2 h 01 min", TrainingViewModel.formatDuration(7260));
        assertEquals("–", TrainingViewModel.formatDuration(Double.NaN));
    }
}
