package org.simclrstudio.ui.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simclrstudio.core.data.BundledSample;
import org.simclrstudio.core.data.Dataset;
import org.simclrstudio.core.data.Datasets;
import org.simclrstudio.core.data.RgbImage;
import org.simclrstudio.core.train.RunConfig;
import org.simclrstudio.core.train.RunKind;
import org.simclrstudio.core.train.RunOutcome;
import org.simclrstudio.core.train.TrainingRun;
import org.simclrstudio.ui.common.AppModel;
import org.simclrstudio.ui.common.TestApp;
import org.simclrstudio.ui.common.Workspace;

/** Classifies real pictures with a tiny baseline trained once on the bundled sample. */
class ClassifyViewModelTest {

    @TempDir
    static Path shared;

    @TempDir
    Path home;

    private static Path runs;
    private static Path sample;

    @BeforeAll
    static void trainTinyBaseline() throws Exception {
        sample = BundledSample.extractTo(shared.resolve("datasets"));
        runs = shared.resolve("runs");
        RunConfig config = RunConfig.builder(RunKind.BASELINE).dataDir(sample).outDir(runs.resolve("baseline-tiny"))
                .epochs(1).batchSize(16).imageSize(32).labelsPerClass(5).stepsPerEpoch(2).validationLimit(32)
                .device("cpu").build();
        RunOutcome outcome = TrainingRun.run(config, false, null, null);
        assertEquals(RunOutcome.Status.COMPLETED, outcome.status(), outcome.message());
    }

    /** Writes picture {@code index} of the sample's test split as a PNG and returns the file. */
    static Path writeSamplePng(Path folder, int index) throws Exception {
        try (Dataset dataset = Datasets.open(sample, null)) {
            RgbImage image = dataset.split(Dataset.TEST).orElseThrow().image(index);
            BufferedImage buffered = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < image.height(); y++) {
                for (int x = 0; x < image.width(); x++) {
                    buffered.setRGB(x, y, image.rgb(x, y));
                }
            }
            Path file = folder.resolve("sample-" + index + ".png");
            ImageIO.write(buffered, "png", file.toFile());
            return file;
        }
    }

    private AppModel appWithRuns() {
        AppModel source = TestApp.sameThread(home);
        return new AppModel(source.tasks(), source.previews(), Runnable::run, source.settings(), runs,
                home.resolve("datasets"));
    }

    @Test
    void latestModelIsChosen() {
        ClassifyViewModel model = new ClassifyViewModel(appWithRuns());
        assertFalse(model.noModelProperty().get());
        assertNotNull(model.modelProperty().get());
        assertEquals("baseline-tiny", model.modelProperty().get().name());
        assertTrue(model.modelDescriptionProperty().get().contains("baseline"));
    }

    @Test
    void pngGetsTopFiveClasses() throws Exception {
        ClassifyViewModel model = new ClassifyViewModel(appWithRuns());
        Path png = writeSamplePng(home, 3);

        model.classifyFiles(List.of(png));

        assertEquals(1, model.pictures().size());
        ClassifiedPicture picture = model.pictures().get(0);
        assertTrue(picture.succeeded(), picture.error());
        assertEquals("sample-3.png", picture.name());
        assertEquals(28, picture.image().width());
        assertEquals(ClassifyViewModel.TOP_K, picture.top().size());
        double sum = 0;
        for (int i = 0; i < picture.top().size(); i++) {
            double probability = picture.top().get(i).probability();
            sum += probability;
            if (i > 0) {
                assertTrue(probability <= picture.top().get(i - 1).probability(), "sorted by probability");
            }
        }
        assertTrue(sum > 0, "top-5 probabilities sum to " + sum);
        assertTrue(sum <= 1.0001, "top-5 probabilities sum to " + sum);
        model.close();
    }

    @Test
    void largePhotoKeepsOriginalSize() throws Exception {
        ClassifyViewModel model = new ClassifyViewModel(appWithRuns());
        BufferedImage photo = new BufferedImage(2000, 1000, BufferedImage.TYPE_INT_RGB);
        photo.getGraphics().fillOval(200, 100, 1600, 800);
        Path file = home.resolve("wide-photo.png");
        ImageIO.write(photo, "png", file.toFile());

        model.classifyFiles(List.of(file));

        ClassifiedPicture picture = model.pictures().get(0);
        assertTrue(picture.succeeded(), picture.error());
        assertEquals(ClassifyViewModel.DISPLAY_SHORTER_SIDE, picture.image().height(), "shown height");
        assertEquals(2 * ClassifyViewModel.DISPLAY_SHORTER_SIDE, picture.image().width(), "shown width");
        assertEquals(2000, picture.picture().originalWidth(), "original width");
        assertEquals(1000, picture.picture().originalHeight(), "original height");
        model.close();
    }

    @Test
    void unreadableFileGetsOneLineMessage() throws Exception {
        ClassifyViewModel model = new ClassifyViewModel(appWithRuns());
        Path broken = Files.writeString(home.resolve("notes.jpg"), "this is not a JPEG");

        model.classifyFiles(List.of(broken));

        ClassifiedPicture picture = model.pictures().get(0);
        assertFalse(picture.succeeded());
        assertNull(picture.image());
        assertFalse(picture.error().isBlank());
        assertFalse(picture.error().contains("\n"), picture.error());
        assertFalse(picture.error().contains("Exception"), picture.error());
    }

    @Test
    void newestPictureComesFirst() throws Exception {
        ClassifyViewModel model = new ClassifyViewModel(appWithRuns());
        model.classifyFiles(List.of(writeSamplePng(home, 1), writeSamplePng(home, 2)));
        assertEquals("sample-2.png", model.pictures().get(0).name());
        model.clear();
        assertTrue(model.pictures().isEmpty());
        model.close();
    }

    @Test
    void withoutModelOffersTraining() throws Exception {
        AppModel app = TestApp.sameThread(home);
        ClassifyViewModel model = new ClassifyViewModel(app);
        assertTrue(model.noModelProperty().get());

        model.classifyFiles(List.of(writeSamplePng(home, 0)));
        assertTrue(model.pictures().get(0).error().contains("Training"), model.pictures().get(0).error());

        model.goToTraining();
        assertEquals(Workspace.TRAINING, app.workspaceProperty().get());
    }
}
