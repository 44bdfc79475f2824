package org.simclrstudio.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;

import io.fair_acc.dataset.DataSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.simclrstudio.core.data.BundledSample;
import org.simclrstudio.core.data.Dataset;
import org.simclrstudio.core.data.Datasets;
import org.simclrstudio.core.data.RgbImage;
import org.simclrstudio.core.train.RunConfig;
import org.simclrstudio.core.train.RunKind;
import org.simclrstudio.core.train.RunOutcome;
import org.simclrstudio.core.train.TrainingRun;
import org.simclrstudio.ui.classify.ClassifyView;
import org.simclrstudio.ui.common.FxTaskExecutor;
import org.simclrstudio.ui.common.SettingsStore;
import org.simclrstudio.ui.common.Workspace;
import org.simclrstudio.ui.training.TrainingState;
import org.simclrstudio.ui.training.TrainingViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Tests the Training and Classify workspaces in the real window on headless Monocle. A tiny run on the
 * bundled sample draws chart points while it trains and is then cancelled. Files go to the drop handler.
 */
@ExtendWith(ApplicationExtension.class)
class TrainingClassifyFxTest {

    private static final int TIMEOUT_SECONDS = 120;
    private static Path home;
    private static Path sample;

    private StudioShell shell;
    private FxTaskExecutor executor;

    @BeforeAll
    static void trainTinyBaseline() throws Exception {
        Path base = Files.createDirectories(Path.of(System.getProperty("simclr.home", "target/test-home"))
                .toAbsolutePath());
        home = Files.createTempDirectory(base, "workspaces-");
        sample = BundledSample.extractTo(home.resolve("datasets"));
        RunConfig config = RunConfig.builder(RunKind.BASELINE).dataDir(sample)
                .outDir(home.resolve("runs").resolve("baseline-tiny")).epochs(1).batchSize(16).imageSize(32)
                .labelsPerClass(5).stepsPerEpoch(2).validationLimit(32).device("cpu").build();
        RunOutcome outcome = TrainingRun.run(config, false, null, null);
        assertEquals(RunOutcome.Status.COMPLETED, outcome.status(), outcome.message());
    }

    @Start
    void start(Stage stage) {
        executor = new FxTaskExecutor();
        shell = StudioShell.create(new SettingsStore(home.resolve("settings.json")), executor, home.resolve("runs"),
                home.resolve("datasets"));
        shell.app().deviceProperty().set("cpu");
        shell.show(stage);
    }

    @AfterEach
    void closeExecutor() {
        executor.close();
    }

    @Test
    void tinyRunDrawsPointsThenCancels(FxRobot robot) throws Exception {
        robot.clickOn("#nav-training");
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> shell.app().activeDataset() != null);
        TrainingViewModel training = shell.training();
        robot.interact(() -> {
            training.kindProperty().set(RunKind.PRETRAIN);
            training.epochsProperty().set(20);
            training.batchSizeProperty().set(16);
            training.imageSizeProperty().set(32);
            training.labelsPerClassProperty().set(5);
            training.stepsPerEpochProperty().set(50);
            training.validationLimitProperty().set(32);
        });
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> training.canStartBinding().get());

        robot.clickOn("#start-training");
        DataSet loss = training.lossSeries().dataSet();
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> loss.lock().readLockGuard(loss::getDataCount) >= 3);
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> !robot.lookup("#metric-loss").queryAs(Label.class).getText().equals("–"));
        assertEquals(TrainingState.RUNNING, training.stateProperty().get());
        assertTrue(robot.lookup("#training-progress").queryAs(ProgressBar.class).getProgress() > 0);
        assertTrue(robot.lookup("#loss-chart").tryQuery().isPresent());

        robot.clickOn("#cancel-training");
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> training.stateProperty().get() == TrainingState.IDLE);
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> training.runs().stream()
                .anyMatch(run -> run.kind() == RunKind.PRETRAIN && run.outcome() != null
                        && run.outcome().status() == RunOutcome.Status.CANCELLED));
        int points = loss.lock().readLockGuard(loss::getDataCount);
        assertTrue(points < 1000, "the run stopped long before its 1,000 steps: " + points);
        assertEquals("", training.errorProperty().get());
    }

    @Test
    void droppedFilesAreClassified(FxRobot robot) throws Exception {
        Path png = writeSamplePng(home, 5);
        Path broken = Files.writeString(home.resolve("broken.png"), "not a PNG at all");
        robot.clickOn("#nav-classify");
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> shell.classify().modelProperty().get() != null);
        assertFalse(robot.lookup("#no-model").queryAs(javafx.scene.Node.class).isVisible());
        ClassifyView view = (ClassifyView) shell.mainView().viewOf(Workspace.CLASSIFY);

        robot.interact(() -> view.dropFiles(List.of(png.toFile(), broken.toFile())));

        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> robot.lookup("#picture-card-1").tryQuery().isPresent());
        HBox good = findCard(robot, "sample-5.png");
        assertEquals(5, robot.from(good).lookup(".prediction-bar").queryAll().size(), "top-5 confidence bars");
        HBox bad = findCard(robot, "broken.png");
        assertTrue(robot.from(bad).lookup(".prediction-bar").queryAll().isEmpty());
        Label message = (Label) ((javafx.scene.layout.VBox) bad.getChildren().get(1)).getChildren().get(1);
        assertFalse(message.getText().isBlank());
        assertFalse(message.getText().contains("Exception"), message.getText());
    }

    private static HBox findCard(FxRobot robot, String name) {
        return robot.lookup(".prediction-card").queryAllAs(HBox.class).stream()
                .filter(card -> robot.from(card).lookup((Label label) -> name.equals(label.getText()))
                        .tryQuery().isPresent())
                .findFirst().orElseThrow(() -> new AssertionError("no card for " + name));
    }

    private static Path writeSamplePng(Path folder, int index) throws Exception {
        try (Dataset dataset = Datasets.open(sample, null)) {
            RgbImage image = dataset.split(Dataset.TEST).orElseThrow().image(index);
            BufferedImage buffered = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < image.height(); y++) {
                for (int x = 0; x < image.width(); x++) {
                    buffered.setRGB(x, y, image.rgb(x, y));
                }
            }
            File file = folder.resolve("sample-" + index + ".png").toFile();
            ImageIO.write(buffered, "png", file);
            return file.toPath();
        }
    }
}
