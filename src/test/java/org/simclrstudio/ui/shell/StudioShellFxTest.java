package org.simclrstudio.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import org.controlsfx.control.GridView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.simclrstudio.core.data.RgbImage;
import org.simclrstudio.ui.common.FxImages;
import org.simclrstudio.ui.common.FxTaskExecutor;
import org.simclrstudio.ui.common.SettingsStore;
import org.simclrstudio.ui.common.Workspace;
import org.testfx.api.FxRobot;
import org.testfx.robot.Motion;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real main window on headless Monocle: navigation, the Datasets grid and the live augmentation preview. */
@ExtendWith(ApplicationExtension.class)
class StudioShellFxTest {

    private static final int TIMEOUT_SECONDS = 60;

    private Path home;
    private StudioShell shell;
    private FxTaskExecutor executor;

    @Start
    void start(Stage stage) throws Exception {
        Path base = Files.createDirectories(Path.of(System.getProperty("simclr.home", "target/test-home"))
                .toAbsolutePath());
        home = Files.createTempDirectory(base, "shell-");
        executor = new FxTaskExecutor();
        shell = StudioShell.create(new SettingsStore(home.resolve("settings.json")), executor, home.resolve("runs"),
                home.resolve("datasets"));
        shell.show(stage);
    }

    @AfterEach
    void closeExecutor() {
        executor.close();
    }

    @Test
    void railNavigatesEveryWorkspace(FxRobot robot) {
        for (Workspace workspace : Workspace.values()) {
            robot.clickOn("#nav-" + workspace.name().toLowerCase(java.util.Locale.ROOT));
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(workspace, shell.app().workspaceProperty().get());
            Node view = shell.mainView().viewOf(workspace);
            assertNotNull(view, workspace + " view built");
            assertTrue(view.isVisible(), workspace + " view shown");
            assertTrue(view.getScene() != null, workspace + " view shown");
        }
    }

    @Test
    void datasetsGridShowsSampleThumbnails(FxRobot robot) throws Exception {
        robot.clickOn("#nav-datasets");
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> !shell.datasets().images().isEmpty());
        GridView<?> grid = robot.lookup("#thumbnail-grid").queryAs(GridView.class);
        assertEquals(shell.datasets().images().size(), grid.getItems().size());
        // Thumbnails decode off the FX thread and then appear in the visible cells.
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> robot.lookup(".thumbnail-cell ImageView")
                .queryAllAs(ImageView.class).stream().anyMatch(view -> view.getImage() != null));
        Label status = robot.lookup("#status-dataset").queryAs(Label.class);
        assertEquals("Fashion-MNIST sample", status.getText());

        // The first visible cell sits at the grid's top-left corner, inside its padding.
        robot.moveTo(grid, Pos.TOP_LEFT, new Point2D(60, 60), Motion.DIRECT).clickOn(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> shell.datasets().selectedImageProperty().get() != null);
        Label caption = robot.lookup("#detail-caption").queryAs(Label.class);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(caption.getText().contains("train #"), caption.getText());
    }

    @Test
    void augmentationEditChangesPreviewPixels(FxRobot robot) throws Exception {
        robot.clickOn("#nav-augmentations");
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> robot.lookup("#view-pair-0").tryQuery().isPresent());
        RgbImage before = firstView(robot);
        long renders = shell.augment().renderCount();

        Slider minArea = robot.lookup("#min-area").queryAs(Slider.class);
        robot.interact(() -> minArea.setValue(1.0));
        Slider brightness = robot.lookup("#brightness").queryAs(Slider.class);
        robot.interact(() -> brightness.setValue(0.0));

        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> shell.augment().renderCount() > renders && !shell.augment().renderingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        RgbImage after = firstView(robot);
        assertEquals(before.width(), after.width());
        assertFalse(java.util.Arrays.equals(before.pixels(), after.pixels()), "the preview shows the new parameters");
    }

    private static RgbImage firstView(FxRobot robot) {
        HBox pair = robot.lookup("#view-pair-0").queryAs(HBox.class);
        VBox viewTile = (VBox) pair.getChildren().get(2);
        ImageView view = (ImageView) viewTile.getChildren().get(0);
        return FxImages.fromFx(view.getImage());
    }
}
