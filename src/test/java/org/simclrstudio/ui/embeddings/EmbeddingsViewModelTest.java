package org.simclrstudio.ui.embeddings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simclrstudio.core.data.BundledSample;
import org.simclrstudio.core.data.Dataset;
import org.simclrstudio.core.data.Datasets;
import org.simclrstudio.core.data.RgbImage;
import org.simclrstudio.core.explore.Projection;
import org.simclrstudio.core.explore.ProjectionMethod;
import org.simclrstudio.core.explore.TestModels;
import org.simclrstudio.core.task.SameThreadExecutor;
import org.simclrstudio.ui.common.AppModel;
import org.simclrstudio.ui.common.Settings;

/** The Embeddings ViewModel on the bundled sample, run on the test thread. */
class EmbeddingsViewModelTest {

    @TempDir
    Path temp;

    private AppModel app;
    private EmbeddingsViewModel model;

    @BeforeEach
    void setUp() throws Exception {
        Path runs = Files.createDirectories(temp.resolve("runs"));
        Files.createDirectories(runs.resolve("pretrain-1"));
        Files.writeString(runs.resolve("pretrain-1/config.json"), "{}");
        SameThreadExecutor executor = new SameThreadExecutor();
        app = new AppModel(executor, executor, Runnable::run, new Settings(), runs, temp.resolve("datasets"));
        Dataset dataset = Datasets.open(BundledSample.extractTo(temp.resolve("datasets")), null);
        app.setActiveDataset(dataset, "Fashion-MNIST sample", false);
        model = new EmbeddingsViewModel(app, new TestModels(28, 10));
        model.limitProperty().set(300);
    }

    @AfterEach
    void tearDown() {
        model.close();
        app.activeDataset().close();
    }

    @Test
    void choosesNewestRunAndTestSplit() {
        assertEquals("pretrain-1", model.selectedRunProperty().get().getFileName().toString());
        assertEquals(Dataset.TEST, model.selectedSplitProperty().get());
        assertEquals(10, model.classNames().size());
    }

    @Test
    void computeProjectsOnePointPerImage() {
        model.compute();

        Projection projection = model.projectionProperty().get();
        assertNotNull(projection, model.errorProperty().get());
        assertEquals(300, projection.size());
        assertEquals(ProjectionMethod.PCA, projection.method());
        assertFalse(model.busyProperty().get());
        assertTrue(model.statusProperty().get().contains("300 images"), model.statusProperty().get());
        assertEquals("", model.errorProperty().get());
    }

    @Test
    void reprojectSwitchesToTsne() {
        model.limitProperty().set(120);
        model.compute();
        model.methodProperty().set(ProjectionMethod.TSNE);
        model.reproject();

        Projection projection = model.projectionProperty().get();
        assertNotNull(projection, model.errorProperty().get());
        assertEquals(ProjectionMethod.TSNE, projection.method());
        assertEquals(120, projection.size());
    }

    @Test
    void neighborsOfPointStartWithIt() {
        model.compute();
        int query = model.projectionProperty().get().features().indices()[5];
        model.findNeighbors(query);

        assertEquals(EmbeddingsViewModel.DEFAULT_K, model.neighbors().size());
        assertEquals(query, model.neighbors().get(0).index());
        assertEquals(1.0, model.neighbors().get(0).similarity(), 1e-9);
        assertEquals(query, model.queryIndexProperty().get());
        assertNotNull(model.queryImageProperty().get());
    }

    @Test
    void neighborsOfDroppedFileFindTheSameImage() throws Exception {
        model.compute();
        int target = model.projectionProperty().get().features().indices()[7];
        Path file = temp.resolve("dropped.png");
        ImageIO.write(toBuffered(model.image(target)), "png", file.toFile());

        model.findNeighbors(file);

        assertEquals("", model.errorProperty().get());
        assertEquals(target, model.neighbors().get(0).index());
        assertEquals(1.0, model.neighbors().get(0).similarity(), 1e-5);
        assertEquals(-1, model.queryIndexProperty().get());
    }

    @Test
    void unreadableDroppedFileGivesOneLineError() throws Exception {
        model.compute();
        Path file = Files.writeString(temp.resolve("notes.png"), "not a picture");

        model.findNeighbors(file);

        assertFalse(model.errorProperty().get().isEmpty());
        assertFalse(model.errorProperty().get().contains("\n"), model.errorProperty().get());
        assertFalse(model.busyProperty().get());
    }

    @Test
    void rectangleSelectsPointsInside() {
        model.compute();
        Projection projection = model.projectionProperty().get();
        model.selectRectangle(-1e9, -1e9, 1e9, 1e9);
        assertEquals(projection.size(), model.selectedIndices().size());

        model.selectRectangle(0, 0, 1e9, 1e9);
        long expected = java.util.stream.IntStream.range(0, projection.size())
                .filter(row -> projection.x()[row] >= 0 && projection.y()[row] >= 0).count();
        assertEquals(expected, model.selectedIndices().size());
    }

    @Test
    void hoverShowsIndexAndClass() {
        model.compute();
        model.hover(3);
        assertEquals(3, model.hoveredIndexProperty().get());
        String className = model.classNames().get(app.activeDataset().split(Dataset.TEST).orElseThrow().label(3));
        assertEquals("#3 · " + className, model.hoveredCaptionProperty().get());
    }

    @Test
    void changingSplitClearsPoints() {
        model.compute();
        model.selectedSplitProperty().set(Dataset.TRAIN);
        assertNull(model.projectionProperty().get());
        assertTrue(model.neighbors().isEmpty());
    }

    @Test
    void computeWithoutRunExplainsWhy() throws Exception {
        Files.delete(temp.resolve("runs/pretrain-1/config.json"));
        model.refreshRuns();
        model.compute();
        assertNull(model.projectionProperty().get());
        assertTrue(model.errorProperty().get().startsWith("Choose a training run"), model.errorProperty().get());
    }

    private static BufferedImage toBuffered(RgbImage image) {
        BufferedImage buffered = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                buffered.setRGB(x, y, image.rgb(x, y));
            }
        }
        return buffered;
    }
}
