package org.simclrstudio.ui.embeddings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
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

/** The Embeddings workspace on a real stage (headless Monocle) with the bundled sample. */
@ExtendWith(ApplicationExtension.class)
class EmbeddingsViewTest {

    @TempDir
    static Path temp;

    private AppModel app;
    private EmbeddingsViewModel model;
    private EmbeddingsView view;

    @Start
    void start(Stage stage) throws Exception {
        Path home = Files.createTempDirectory(temp, "home");
        Files.createDirectories(home.resolve("runs/pretrain-1"));
        Files.writeString(home.resolve("runs/pretrain-1/config.json"), "{}");
        app = TestApp.sameThread(home);
        app.setActiveDataset(Datasets.open(BundledSample.extractTo(home.resolve("datasets")), null), "sample", false);
        model = new EmbeddingsViewModel(app, new TestModels(28, 10));
        model.limitProperty().set(300);
        view = new EmbeddingsView(model);
        Scene scene = new Scene(view, 1280, 800);
        scene.getStylesheets().add(Ui.stylesheet());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() {
        model.close();
        app.activeDataset().close();
    }

    @Test
    void computeDrawsOneDotPerImage(FxRobot robot) {
        robot.clickOn("#compute-embeddings");
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(300, view.plot().drawnPoints());
        WritableImage snapshot = snapshotOf(robot);
        assertTrue(colouredPixels(snapshot) > 300, "scatter plot shows no coloured dots");
    }

    @Test
    void clickingDotListsNeighbors(FxRobot robot) {
        robot.clickOn("#compute-embeddings");
        WaitForAsyncUtils.waitForFxEvents();
        Point2D dot = view.plot().positionOf(0);
        Point2D onScreen = view.plot().localToScreen(dot);

        robot.moveTo(onScreen);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(model.hoveredIndexProperty().get() >= 0, "hovering a dot did not hover an image");

        robot.clickOn(onScreen);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(EmbeddingsViewModel.DEFAULT_K, view.neighborGrid().getChildren().size());
        assertEquals(model.queryIndexProperty().get(), model.neighbors().get(0).index());
    }

    private WritableImage snapshotOf(FxRobot robot) {
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> image[0] = view.plot().snapshot(null, null));
        return image[0];
    }

    private static int colouredPixels(WritableImage image) {
        PixelReader reader = image.getPixelReader();
        int count = 0;
        for (int y = 0; y < (int) image.getHeight(); y++) {
            for (int x = 0; x < (int) image.getWidth(); x++) {
                javafx.scene.paint.Color color = reader.getColor(x, y);
                if (color.getSaturation() > 0.25 && color.getOpacity() > 0.5) {
                    count++;
                }
            }
        }
        return count;
    }
}
