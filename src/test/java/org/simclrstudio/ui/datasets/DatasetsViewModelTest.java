package org.simclrstudio.ui.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simclrstudio.core.data.Dataset;
import org.simclrstudio.core.data.DatasetSplit;
import org.simclrstudio.core.data.RgbImage;
import org.simclrstudio.ui.common.AppModel;
import org.simclrstudio.ui.common.TestApp;

class DatasetsViewModelTest {

    @TempDir
    Path home;

    private DatasetsViewModel openSample(AppModel app) {
        DatasetsViewModel model = new DatasetsViewModel(app, DatasetOpener.core());
        model.openStartupDataset();
        return model;
    }

    @Test
    void startupOpensBundledSample() {
        AppModel app = TestApp.sameThread(home);
        DatasetsViewModel model = openSample(app);

        assertNotNull(app.activeDataset());
        assertEquals("Fashion-MNIST sample", app.activeDatasetNameProperty().get());
        assertTrue(model.splitNames().contains(Dataset.TRAIN));
        assertEquals(Dataset.TRAIN, model.selectedSplitProperty().get());
        int trainSize = app.activeDataset().split(Dataset.TRAIN).orElseThrow().size();
        assertEquals(trainSize, model.images().size());
        assertTrue(model.summaryProperty().get().contains("images"), model.summaryProperty().get());
        assertEquals("", model.errorProperty().get());
        assertNull(app.settings().lastDatasetPath, "the bundled sample is found anew, not remembered");
    }

    @Test
    void classFilterKeepsOnlyThatClass() {
        AppModel app = TestApp.sameThread(home);
        DatasetsViewModel model = openSample(app);
        DatasetSplit train = app.activeDataset().split(Dataset.TRAIN).orElseThrow();
        String coat = app.activeDataset().classNames().get(4);

        model.selectedClassProperty().set(coat);

        assertFalse(model.images().isEmpty());
        assertTrue(model.images().size() < train.size());
        for (int index : model.images()) {
            assertEquals(4, train.label(index), "image " + index);
        }
        assertEquals(coat, model.labelOf(model.images().get(0)));

        model.selectedClassProperty().set(DatasetsViewModel.ALL_CLASSES);
        assertEquals(train.size(), model.images().size());
    }

    @Test
    void switchingSplitShowsItsImages() {
        AppModel app = TestApp.sameThread(home);
        DatasetsViewModel model = openSample(app);
        int testSize = app.activeDataset().split(Dataset.TEST).orElseThrow().size();

        model.selectedSplitProperty().set(Dataset.TEST);

        assertEquals(testSize, model.images().size());
    }

    @Test
    void selectingImageLoadsIt() {
        AppModel app = TestApp.sameThread(home);
        DatasetsViewModel model = openSample(app);

        model.selectedIndexProperty().set(7);

        RgbImage image = model.selectedImageProperty().get();
        assertNotNull(image);
        assertEquals(28, image.width());
        String caption = model.selectedCaptionProperty().get();
        assertTrue(caption.contains("#7"), caption);
        assertTrue(caption.contains(model.labelOf(7)), caption);

        model.selectedIndexProperty().set(-1);
        assertNull(model.selectedImageProperty().get());
    }

    @Test
    void thumbnailKeyReadsPicture() throws Exception {
        AppModel app = TestApp.sameThread(home);
        DatasetsViewModel model = openSample(app);
        RgbImage thumbnail = DatasetsViewModel.readThumbnail(model.thumbnailKey(3));
        RgbImage direct = app.activeDataset().split(Dataset.TRAIN).orElseThrow().image(3);
        assertEquals(direct.width(), thumbnail.width());
        assertTrue(java.util.Arrays.equals(direct.pixels(), thumbnail.pixels()));
    }

    @Test
    void missingFolderGivesOneLineError() {
        AppModel app = TestApp.sameThread(home);
        DatasetsViewModel model = openSample(app);
        Dataset before = app.activeDataset();
        Path missing = home.resolve("no-such-stl10");

        model.openFolder(missing);

        String error = model.errorProperty().get();
        assertTrue(error.contains(missing.toString()), error);
        assertFalse(error.contains("\n"), error);
        assertTrue(before == app.activeDataset(), "the open dataset stays");
    }

    @Test
    void openedFolderIsRemembered() throws Exception {
        AppModel app = TestApp.sameThread(home);
        DatasetsViewModel model = openSample(app);
        Path copy = org.simclrstudio.core.data.BundledSample.extractTo(home.resolve("elsewhere"));

        model.openFolder(copy);

        assertEquals(copy.toAbsolutePath().toString(), app.settings().lastDatasetPath);
        assertEquals("idx", app.settings().lastDatasetFormat);
        assertEquals(copy, model.activeSourceProperty().get().folder());
    }

    @Test
    void debianFashionMnistIsOfferedWhenPresent() throws Exception {
        Path folder = Files.createDirectories(home.resolve("fashion-mnist"));
        assertEquals(1, DatasetsViewModel.discoverSources(folder).size());

        Files.write(folder.resolve("train-images-idx3-ubyte.gz"), new byte[0]);
        List<DatasetSource> sources = DatasetsViewModel.discoverSources(folder);

        assertEquals(2, sources.size());
        assertEquals(folder, sources.get(1).folder());
    }

    @Test
    void downloadEntryFollowsHook() {
        AppModel app = TestApp.sameThread(home);
        DatasetsViewModel model = new DatasetsViewModel(app, DatasetOpener.core());
        assertFalse(model.downloadAvailableProperty().get());
        int[] calls = {0};
        model.setDownloadAction(() -> calls[0]++);
        assertTrue(model.downloadAvailableProperty().get());
        model.downloadStl10();
        assertEquals(1, calls[0]);
    }
}
