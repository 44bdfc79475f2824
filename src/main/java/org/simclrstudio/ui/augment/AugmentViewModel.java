package org.simclrstudio.ui.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.simclrstudio.core.augment.AugmentParams;
import org.simclrstudio.core.augment.ViewPairPreview;
import org.simclrstudio.core.augment.ViewPairPreview.ViewPair;
import org.simclrstudio.core.data.Dataset;
import org.simclrstudio.core.data.DatasetSplit;
import org.simclrstudio.core.data.RgbImage;
import org.simclrstudio.core.task.TaskObserver;
import org.simclrstudio.ui.common.AppModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State and commands of the Augmentations workspace: one property per augmentation parameter, the
 * sample pictures, the seed, and the view pairs rendered by the training augmenter.
 *
 * <p>Every edit re-renders the preview in the background. Renders are coalesced: while one runs, any
 * number of edits cause exactly one more render with the newest values, so dragging a slider never
 * queues stale work.
 */
public final class AugmentViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(AugmentViewModel.class);

    /** Number of sample pictures shown by default. */
    public static final int DEFAULT_SAMPLES = 8;
    /** Smallest default view size: the training input size of 28-pixel datasets. */
    public static final int MIN_VIEW_SIZE = 32;

    private final AppModel app;

    private final BooleanProperty horizontalFlip = new SimpleBooleanProperty(this, "horizontalFlip");
    private final DoubleProperty minArea = new SimpleDoubleProperty(this, "minArea");
    private final DoubleProperty brightness = new SimpleDoubleProperty(this, "brightness");
    private final DoubleProperty jitter = new SimpleDoubleProperty(this, "jitter");
    private final BooleanProperty randomResizedCrop = new SimpleBooleanProperty(this, "randomResizedCrop");
    private final DoubleProperty cropScaleMin = new SimpleDoubleProperty(this, "cropScaleMin");
    private final DoubleProperty cropScaleMax = new SimpleDoubleProperty(this, "cropScaleMax");
    private final DoubleProperty aspectMin = new SimpleDoubleProperty(this, "aspectMin");
    private final DoubleProperty aspectMax = new SimpleDoubleProperty(this, "aspectMax");
    private final DoubleProperty colorJitterProbability = new SimpleDoubleProperty(this, "colorJitterProbability");
    private final DoubleProperty colorJitterBrightness = new SimpleDoubleProperty(this, "colorJitterBrightness");
    private final DoubleProperty colorJitterContrast = new SimpleDoubleProperty(this, "colorJitterContrast");
    private final DoubleProperty colorJitterSaturation = new SimpleDoubleProperty(this, "colorJitterSaturation");
    private final DoubleProperty colorJitterHue = new SimpleDoubleProperty(this, "colorJitterHue");
    private final DoubleProperty grayscaleProbability = new SimpleDoubleProperty(this, "grayscaleProbability");
    private final DoubleProperty blurProbability = new SimpleDoubleProperty(this, "blurProbability");
    private final DoubleProperty blurSigmaMin = new SimpleDoubleProperty(this, "blurSigmaMin");
    private final DoubleProperty blurSigmaMax = new SimpleDoubleProperty(this, "blurSigmaMax");

    private final ObjectProperty<AugmentPreset> preset = new SimpleObjectProperty<>(this, "preset");
    private final LongProperty seed = new SimpleLongProperty(this, "seed", 1);
    private final IntegerProperty viewSize = new SimpleIntegerProperty(this, "viewSize", 96);
    private final ObservableList<Integer> sampleIndices = FXCollections.observableArrayList();
    private final ObservableList<Integer> sampleIndicesView = FXCollections.unmodifiableObservableList(sampleIndices);
    private final ObservableList<RgbImage> originals = FXCollections.observableArrayList();
    private final ObservableList<RgbImage> originalsView = FXCollections.unmodifiableObservableList(originals);
    private final ObservableList<ViewPair> pairs = FXCollections.observableArrayList();
    private final ObservableList<ViewPair> pairsView = FXCollections.unmodifiableObservableList(pairs);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper rendering = new ReadOnlyBooleanWrapper(this, "rendering");
    private final ReadOnlyStringWrapper sampleCaption = new ReadOnlyStringWrapper(this, "sampleCaption", "");

    private final Random random = new Random();
    private boolean applyingPreset;
    private boolean renderQueued;
    private long renders;

    /** Creates the ViewModel with the Keras contrastive preset and samples from the active dataset. */
    public AugmentViewModel(AppModel app) {
        this.app = app;
        AugmentPreset initial = AugmentPreset.KERAS_CONTRASTIVE;
        String saved = app.settings().augmentationPreset;
        for (AugmentPreset each : AugmentPreset.values()) {
            if (each.name().equals(saved)) {
                initial = each;
            }
        }
        applyPreset(initial);
        for (Observable parameter : parameters()) {
            parameter.addListener(observable -> parameterEdited());
        }
        seed.addListener(observable -> refresh());
        viewSize.addListener(observable -> refresh());
        preset.addListener((observable, old, value) -> app.settings().augmentationPreset =
                value == null ? null : value.name());
        app.activeDatasetProperty().addListener((observable, old, dataset) -> pickDefaultSamples());
        pickDefaultSamples();
    }

    private List<Observable> parameters() {
        return List.of(horizontalFlip, minArea, brightness, jitter, randomResizedCrop, cropScaleMin, cropScaleMax,
                aspectMin, aspectMax, colorJitterProbability, colorJitterBrightness, colorJitterContrast,
                colorJitterSaturation, colorJitterHue, grayscaleProbability, blurProbability, blurSigmaMin,
                blurSigmaMax);
    }

    private void parameterEdited() {
        if (applyingPreset) {
            return;
        }
        preset.set(null);
        refresh();
    }

    /** Sets every parameter to the preset's values and re-renders once. */
    public void applyPreset(AugmentPreset chosen) {
        AugmentParams params = chosen.params();
        applyingPreset = true;
        try {
            horizontalFlip.set(params.horizontalFlip());
            minArea.set(params.minArea());
            brightness.set(params.brightness());
            jitter.set(params.jitter());
            randomResizedCrop.set(params.randomResizedCrop());
            cropScaleMin.set(params.cropScaleMin());
            cropScaleMax.set(params.cropScaleMax());
            aspectMin.set(params.aspectMin());
            aspectMax.set(params.aspectMax());
            colorJitterProbability.set(params.colorJitterProbability());
            colorJitterBrightness.set(params.colorJitterBrightness());
            colorJitterContrast.set(params.colorJitterContrast());
            colorJitterSaturation.set(params.colorJitterSaturation());
            colorJitterHue.set(params.colorJitterHue());
            grayscaleProbability.set(params.grayscaleProbability());
            blurProbability.set(params.blurProbability());
            blurSigmaMin.set(params.blurSigmaMin());
            blurSigmaMax.set(params.blurSigmaMax());
        } finally {
            applyingPreset = false;
        }
        preset.set(chosen);
        refresh();
    }

    /**
     * Returns the parameters as one record.
     *
     * @throws IllegalArgumentException when a value is out of range; the message names it
     */
    public AugmentParams params() {
        return new AugmentParams(horizontalFlip.get(), minArea.get(), brightness.get(), jitter.get(),
                randomResizedCrop.get(), cropScaleMin.get(), cropScaleMax.get(), aspectMin.get(), aspectMax.get(),
                colorJitterProbability.get(), colorJitterBrightness.get(), colorJitterContrast.get(),
                colorJitterSaturation.get(), colorJitterHue.get(), grayscaleProbability.get(), blurProbability.get(),
                blurSigmaMin.get(), blurSigmaMax.get());
    }

    /** Draws a new seed, so every view pair shows new random augmentations. */
    public void reseed() {
        long next;
        do {
            next = random.nextInt(1_000_000);
        } while (next == seed.get());
        seed.set(next);
    }

    /** Picks new random sample pictures from the train split of the active dataset. */
    public void shuffleSamples() {
        DatasetSplit split = sampleSplit();
        if (split == null) {
            return;
        }
        List<Integer> chosen = new ArrayList<>();
        while (chosen.size() < Math.min(DEFAULT_SAMPLES, split.size())) {
            int index = random.nextInt(split.size());
            if (!chosen.contains(index)) {
                chosen.add(index);
            }
        }
        setSamples(chosen);
    }

    /** Shows the given images of the active dataset's train split (the first when none is labelled train). */
    public void setSamples(List<Integer> indices) {
        sampleIndices.setAll(indices);
        loadOriginals();
    }

    private void pickDefaultSamples() {
        DatasetSplit split = sampleSplit();
        if (split == null) {
            sampleIndices.clear();
            originals.clear();
            pairs.clear();
            return;
        }
        if (split.imageWidth() > 0) {
            // Views are shown at the training input size, which is at least 32 (the Keras encoder's minimum).
            viewSize.set(Math.max(MIN_VIEW_SIZE, split.imageWidth()));
        }
        // One picture of each of the first classes, so the preview shows varied content.
        List<Integer> chosen = new ArrayList<>();
        List<Integer> classesSeen = new ArrayList<>();
        int limit = Math.min(split.size(), 2000);
        for (int i = 0; i < limit && chosen.size() < DEFAULT_SAMPLES; i++) {
            int label = split.label(i);
            if (!split.isLabelled() || !classesSeen.contains(label)) {
                classesSeen.add(label);
                chosen.add(i);
            }
        }
        setSamples(chosen);
    }

    private DatasetSplit sampleSplit() {
        Dataset dataset = app.activeDataset();
        if (dataset == null) {
            return null;
        }
        return dataset.split(Dataset.TRAIN).or(() -> dataset.splits().stream().findFirst()).orElse(null);
    }

    private void loadOriginals() {
        DatasetSplit split = sampleSplit();
        List<Integer> indices = List.copyOf(sampleIndices);
        if (split == null) {
            return;
        }
        app.previews().submit("Loading samples", context -> {
            List<RgbImage> images = new ArrayList<>();
            for (int index : indices) {
                images.add(split.image(index));
            }
            return images;
        }, new TaskObserver<>() {
            @Override
            public void onSucceeded(List<RgbImage> images) {
                originals.setAll(images);
                Dataset dataset = app.activeDataset();
                sampleCaption.set(images.size() + " pictures from " + split.name()
                        + (dataset == null ? "" : " of " + app.activeDatasetNameProperty().get()));
                refresh();
            }

            @Override
            public void onFailed(Throwable failure) {
                error.set(failure.getMessage());
            }
        });
    }

    /** Re-renders the view pairs with the current parameters, coalescing requests made while one runs. */
    public void refresh() {
        if (originals.isEmpty()) {
            return;
        }
        if (rendering.get()) {
            renderQueued = true;
            return;
        }
        AugmentParams params;
        try {
            params = params();
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        error.set("");
        List<RgbImage> images = List.copyOf(originals);
        int size = viewSize.get();
        long currentSeed = seed.get();
        rendering.set(true);
        renderQueued = false;
        app.previews().submit("Rendering view pairs",
                context -> ViewPairPreview.render(images, params, size, currentSeed), new TaskObserver<>() {
                    @Override
                    public void onSucceeded(List<ViewPair> result) {
                        renders++;
                        pairs.setAll(result);
                        finishRender();
                    }

                    @Override
                    public void onFailed(Throwable failure) {
                        LOG.warn("Augmentation preview failed", failure);
                        error.set("Preview failed: " + failure.getMessage());
                        finishRender();
                    }

                    @Override
                    public void onCancelled() {
                        finishRender();
                    }
                });
    }

    private void finishRender() {
        rendering.set(false);
        if (renderQueued) {
            refresh();
        }
    }

    /** Returns how many renders completed, for tests and diagnostics. */
    public long renderCount() {
        return renders;
    }

    /** Flip half of the views left to right. */
    public BooleanProperty horizontalFlipProperty() {
        return horizontalFlip;
    }

    /** Smallest image area fraction the square crop keeps (Keras recipe), 0..1. */
    public DoubleProperty minAreaProperty() {
        return minArea;
    }

    /** Colour affine brightness strength, 0..1. */
    public DoubleProperty brightnessProperty() {
        return brightness;
    }

    /** Colour affine jitter strength, 0..1. */
    public DoubleProperty jitterProperty() {
        return jitter;
    }

    /** Switch for the SimCLR paper's random resized crop in place of the square crop. */
    public BooleanProperty randomResizedCropProperty() {
        return randomResizedCrop;
    }

    /** Smallest area fraction of the random resized crop. */
    public DoubleProperty cropScaleMinProperty() {
        return cropScaleMin;
    }

    /** Largest area fraction of the random resized crop. */
    public DoubleProperty cropScaleMaxProperty() {
        return cropScaleMax;
    }

    /** Smallest width/height ratio of the random resized crop. */
    public DoubleProperty aspectMinProperty() {
        return aspectMin;
    }

    /** Largest width/height ratio of the random resized crop. */
    public DoubleProperty aspectMaxProperty() {
        return aspectMax;
    }

    /** Probability that a view gets colour jitter. */
    public DoubleProperty colorJitterProbabilityProperty() {
        return colorJitterProbability;
    }

    /** Colour jitter brightness range. */
    public DoubleProperty colorJitterBrightnessProperty() {
        return colorJitterBrightness;
    }

    /** Colour jitter contrast range. */
    public DoubleProperty colorJitterContrastProperty() {
        return colorJitterContrast;
    }

    /** Colour jitter saturation range. */
    public DoubleProperty colorJitterSaturationProperty() {
        return colorJitterSaturation;
    }

    /** Colour jitter hue range in turns, 0..0.5. */
    public DoubleProperty colorJitterHueProperty() {
        return colorJitterHue;
    }

    /** Probability that a view becomes grayscale. */
    public DoubleProperty grayscaleProbabilityProperty() {
        return grayscaleProbability;
    }

    /** Probability that a view is blurred. */
    public DoubleProperty blurProbabilityProperty() {
        return blurProbability;
    }

    /** Smallest blur sigma in pixels. */
    public DoubleProperty blurSigmaMinProperty() {
        return blurSigmaMin;
    }

    /** Largest blur sigma in pixels. */
    public DoubleProperty blurSigmaMaxProperty() {
        return blurSigmaMax;
    }

    /** Preset the parameters match, or null after an edit ("Custom"). */
    public ObjectProperty<AugmentPreset> presetProperty() {
        return preset;
    }

    /** Seed of the random augmentations; the same seed renders the same view pairs. */
    public LongProperty seedProperty() {
        return seed;
    }

    /** Side of the rendered views in pixels: the training image size. */
    public IntegerProperty viewSizeProperty() {
        return viewSize;
    }

    /** Indices (in the train split) of the sample pictures. */
    public ObservableList<Integer> sampleIndices() {
        return sampleIndicesView;
    }

    /** The sample pictures as stored in the dataset. */
    public ObservableList<RgbImage> originals() {
        return originalsView;
    }

    /** The rendered view pairs, one per sample picture. */
    public ObservableList<ViewPair> pairs() {
        return pairsView;
    }

    /** Last error as one line, empty when none. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Whether a render is running. */
    public ReadOnlyBooleanProperty renderingProperty() {
        return rendering.getReadOnlyProperty();
    }

    /** Where the sample pictures come from, such as "4 pictures from train of Fashion-MNIST sample". */
    public ReadOnlyStringProperty sampleCaptionProperty() {
        return sampleCaption.getReadOnlyProperty();
    }
}
