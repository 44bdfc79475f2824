package org.simclrstudio.ui.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.simclrstudio.core.data.BundledSample;
import org.simclrstudio.core.data.Datasets;
import org.simclrstudio.core.explore.TestModels;
import org.simclrstudio.ui.common.AppModel;
import org.simclrstudio.ui.common.TestApp;
import org.simclrstudio.ui.common.Ui;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Evaluation workspace on a real stage (headless Monocle) with the bundled sample. */
@ExtendWith(ApplicationExtension.class)
class EvaluationViewTest {

    @TempDir
    static Path temp;

    private AppModel app;
    private EvaluationViewModel model;
    private EvaluationView view;

    @Start
    void start(Stage stage) throws Exception {
        Path home = Files.createTempDirectory(temp, "home");
        for (String run : new String[] {"finetune-1", "baseline-1"}) {
            Files.createDirectories(home.resolve("runs").resolve(run));
            Files.writeString(home.resolve("runs").resolve(run).resolve("config.json"), "{}");
        }
        app = TestApp.sameThread(home);
        app.setActiveDataset(Datasets.open(BundledSample.extractTo(home.resolve("datasets")), null), "sample", false);
        model = new EvaluationViewModel(app, new TestModels(28, 10));
        view = new EvaluationView(model);
        Scene scene = new Scene(view, 1280, 800);
        scene.getStylesheets().add(Ui.stylesheet());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() {
        app.activeDataset().close();
    }

    @Test
    void evaluationDrawsHeatmapsBarsAndGallery(FxRobot robot) {
        robot.interact(() -> {
            model.selectedRunProperty().set(model.runs().get(0));
            model.comparedRunProperty().set(model.runs().get(1));
        });
        robot.clickOn("#evaluate");
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals("", model.errorProperty().get());
        assertEquals(100, view.primaryMatrix().drawnCells());
        assertEquals(100, view.comparedMatrix().drawnCells());
        assertEquals(10, view.primaryBars().barCount());
        assertEquals(Math.min(EvaluationView.MAX_GALLERY, model.misclassified().size()),
                view.gallery().getChildren().size());
        assertTrue(robot.lookup("#result-compared").query().isVisible(), "compared run hidden");
    }

    @Test
    void clickingMistakeEnlargesIt(FxRobot robot) {
        robot.clickOn("#evaluate");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(view.gallery().getChildren().isEmpty(), "no misclassified images shown");
        Node first = view.gallery().getChildren().get(0);
        ScrollPane scroll = robot.lookup("#evaluation-scroll").queryAs(ScrollPane.class);
        robot.interact(() -> {
            Node content = scroll.getContent();
            double top = content.sceneToLocal(first.localToScene(first.getBoundsInLocal())).getMinY();
            double range = content.getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
            scroll.setVvalue(Math.min(1, top / range));
        });
        WaitForAsyncUtils.waitForFxEvents();

        robot.clickOn(first);
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(model.misclassified().get(0), model.enlargedRowProperty().get());
        assertTrue(model.enlargedCaptionProperty().get().contains("true: "), model.enlargedCaptionProperty().get());
    }
}
