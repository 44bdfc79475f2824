package org.simclrstudio.ui.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simclrstudio.core.augment.AugmentParams;
import org.simclrstudio.core.augment.ViewPairPreview.ViewPair;
import org.simclrstudio.ui.common.AppModel;
import org.simclrstudio.ui.common.TestApp;
import org.simclrstudio.ui.datasets.DatasetOpener;
import org.simclrstudio.ui.datasets.DatasetsViewModel;

class AugmentViewModelTest {

    @TempDir
    Path home;

    private AppModel app;
    private AugmentViewModel model;

    @BeforeEach
    void openSample() {
        app = TestApp.sameThread(home);
        new DatasetsViewModel(app, DatasetOpener.core()).openStartupDataset();
        model = new AugmentViewModel(app);
    }

    private static byte[] firstView(List<ViewPair> pairs) {
        return pairs.get(0).first().pixels();
    }

    @Test
    void samplePicturesRenderAsPairs() {
        assertEquals(AugmentViewModel.DEFAULT_SAMPLES, model.originals().size());
        assertEquals(model.originals().size(), model.pairs().size());
        assertEquals(32, model.viewSizeProperty().get(), "28-pixel images are shown at the training size 32");
        assertEquals(32, model.pairs().get(0).first().width());
        assertEquals(AugmentPreset.KERAS_CONTRASTIVE, model.presetProperty().get());
        assertEquals("", model.errorProperty().get());
    }

    @Test
    void sameSeedRendersSamePairs() {
        byte[] before = firstView(model.pairs());
        model.refresh();
        assertArrayEquals(before, firstView(model.pairs()));
    }

    @Test
    void reseedChangesViews() {
        byte[] before = firstView(model.pairs());
        model.reseed();
        assertFalse(java.util.Arrays.equals(before, firstView(model.pairs())));
    }

    @Test
    void editingParameterChangesPreviewAndClearsPreset() {
        model.applyPreset(AugmentPreset.KERAS_CONTRASTIVE);
        byte[] before = firstView(model.pairs());
        long renders = model.renderCount();

        model.brightnessProperty().set(0);
        model.jitterProperty().set(0);
        model.minAreaProperty().set(1);

        assertNull(model.presetProperty().get(), "an edit leaves the preset");
        assertTrue(model.renderCount() > renders);
        assertFalse(java.util.Arrays.equals(before, firstView(model.pairs())));
        assertEquals(1.0, model.params().minArea());
    }

    @Test
    void presetSetsEveryParameter() {
        model.applyPreset(AugmentPreset.SIMCLR_PAPER);
        assertEquals(AugmentParams.simclrPaper(), model.params());
        assertEquals(AugmentPreset.SIMCLR_PAPER, model.presetProperty().get());

        model.applyPreset(AugmentPreset.KERAS_CLASSIFICATION);
        assertEquals(AugmentParams.kerasClassification(), model.params());
        assertEquals("KERAS_CLASSIFICATION", app.settings().augmentationPreset);
    }

    @Test
    void invalidRangeShowsErrorKeepsPairs() {
        List<ViewPair> before = List.copyOf(model.pairs());
        model.blurSigmaMinProperty().set(3);
        model.blurSigmaMaxProperty().set(1);

        String error = model.errorProperty().get();
        assertTrue(error.contains("blurSigmaMax"), error);
        assertEquals(before, List.copyOf(model.pairs()));

        model.blurSigmaMaxProperty().set(4);
        assertEquals("", model.errorProperty().get());
    }

    @Test
    void shuffleSamplesPicksOtherPictures() {
        List<Integer> before = List.copyOf(model.sampleIndices());
        model.shuffleSamples();
        assertEquals(AugmentViewModel.DEFAULT_SAMPLES, model.sampleIndices().size());
        assertNotEquals(before, List.copyOf(model.sampleIndices()));
        assertEquals(AugmentViewModel.DEFAULT_SAMPLES, model.pairs().size());
    }
}
