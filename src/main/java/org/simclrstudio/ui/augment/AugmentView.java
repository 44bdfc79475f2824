package org.simclrstudio.ui.augment;

import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.simclrstudio.core.augment.ViewPairPreview.ViewPair;
import org.simclrstudio.core.data.RgbImage;
import org.simclrstudio.ui.common.FxImages;
import org.simclrstudio.ui.common.ParameterControls;
import org.simclrstudio.ui.common.Ui;

/**
 * The Augmentations workspace: every augmentation parameter on the left, and for each sample picture
 * the original beside the two augmented views the training augmenter makes of it.
 */
public final class AugmentView extends BorderPane {

    /** Side in pixels at which each view is drawn. */
    static final double TILE = 120;

    private final AugmentViewModel model;
    private final FlowPane pairsPane = new FlowPane(12, 12);

    /** Builds the view and binds it to {@code model}. */
    public AugmentView(AugmentViewModel model) {
        this.model = model;
        getStyleClass().add("workspace");
        setId("augment-view");
        setTop(buildHeader());
        setLeft(buildParameters());
        setCenter(buildPreview());
        model.pairs().addListener((ListChangeListener<ViewPair>) change -> showPairs());
        showPairs();
    }

    private Node buildHeader() {
        ComboBox<AugmentPreset> presets = new ComboBox<>();
        presets.getItems().setAll(AugmentPreset.values());
        presets.setId("preset-choice");
        presets.setPromptText("Custom");
        presets.setPrefWidth(190);
        presets.valueProperty().addListener((observable, old, value) -> {
            if (value != null && value != model.presetProperty().get()) {
                model.applyPreset(value);
            }
        });
        model.presetProperty().addListener((observable, old, value) -> presets.setValue(value));
        presets.setValue(model.presetProperty().get());

        Button reseed = Ui.button("Reseed", MaterialDesignD.DICE_5);
        reseed.setId("reseed");
        reseed.setTooltip(new Tooltip("Draw new random augmentations with the same parameters"));
        reseed.setOnAction(event -> model.reseed());
        Button shuffle = Ui.button("Other pictures", MaterialDesignS.SHUFFLE_VARIANT);
        shuffle.setId("shuffle-samples");
        shuffle.setOnAction(event -> model.shuffleSamples());
        ComboBox<Integer> size = new ComboBox<>();
        size.getItems().setAll(28, 32, 48, 64, 96);
        size.setId("view-size");
        size.valueProperty().addListener((observable, old, value) -> {
            if (value != null) {
                model.viewSizeProperty().set(value);
            }
        });
        model.viewSizeProperty().addListener((observable, old, value) -> size.setValue(value.intValue()));
        size.setValue(model.viewSizeProperty().get());
        Label sizeLabel = new Label("View size");
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(20, 20);
        busy.visibleProperty().bind(model.renderingProperty());
        Label presetLabel = new Label("Preset");
        return Ui.header("Augmentations", "Two random views of each picture, exactly as the training augmenter makes "
                + "them", busy, presetLabel, presets, sizeLabel, size, reseed, shuffle);
    }

    private Node buildParameters() {
        VBox box = new VBox(10);
        box.getStyleClass().add("side-panel-left");
        box.setPrefWidth(320);
        Node minArea = ParameterControls.slider("min-area", "Crop min area",
                "Smallest fraction of the picture a square crop keeps (zoom and translation)", model.minAreaProperty(),
                0.05, 1, "%.2f");
        minArea.disableProperty().bind(model.randomResizedCropProperty());
        Node scale = ParameterControls.range("crop-scale", "Crop scale",
                "Area fraction range of the random resized crop", model.cropScaleMinProperty(),
                model.cropScaleMaxProperty(), 0.05, 1, "%.2f");
        Node aspect = ParameterControls.range("crop-aspect", "Crop aspect ratio",
                "Width/height range of the random resized crop", model.aspectMinProperty(), model.aspectMaxProperty(),
                0.25, 4, "%.2f");
        scale.disableProperty().bind(model.randomResizedCropProperty().not());
        aspect.disableProperty().bind(model.randomResizedCropProperty().not());
        box.getChildren().addAll(
                Ui.sectionTitle("Geometry"),
                ParameterControls.toggle("flip", "Horizontal flip", "Flip half of the views left to right",
                        model.horizontalFlipProperty()),
                minArea,
                ParameterControls.toggle("random-resized-crop", "Random resized crop (paper)",
                        "Use the SimCLR paper's crop with scale and aspect ranges instead of the square crop",
                        model.randomResizedCropProperty()),
                scale, aspect,
                Ui.sectionTitle("Colour affine (Keras)"),
                ParameterControls.slider("brightness", "Brightness", "Each view is scaled by 1 ± this",
                        model.brightnessProperty(), 0, 1, "%.2f"),
                ParameterControls.slider("jitter", "Jitter", "Random change of each colour-matrix entry",
                        model.jitterProperty(), 0, 1, "%.2f"),
                Ui.sectionTitle("Colour jitter (paper)"),
                ParameterControls.slider("color-jitter-probability", "Probability",
                        "Probability that a view gets colour jitter", model.colorJitterProbabilityProperty(), 0, 1,
                        "%.2f"),
                ParameterControls.slider("color-jitter-brightness", "Brightness", "Brightness factor range 1 ± this",
                        model.colorJitterBrightnessProperty(), 0, 2, "%.2f"),
                ParameterControls.slider("color-jitter-contrast", "Contrast", "Contrast factor range 1 ± this",
                        model.colorJitterContrastProperty(), 0, 2, "%.2f"),
                ParameterControls.slider("color-jitter-saturation", "Saturation", "Saturation factor range 1 ± this",
                        model.colorJitterSaturationProperty(), 0, 2, "%.2f"),
                ParameterControls.slider("color-jitter-hue", "Hue", "Hue shift range ± this, in turns",
                        model.colorJitterHueProperty(), 0, 0.5, "%.2f"),
                Ui.sectionTitle("Grayscale and blur"),
                ParameterControls.slider("grayscale-probability", "Grayscale probability",
                        "Probability that a view loses its colour", model.grayscaleProbabilityProperty(), 0, 1,
                        "%.2f"),
                ParameterControls.slider("blur-probability", "Blur probability",
                        "Probability that a view is blurred", model.blurProbabilityProperty(), 0, 1, "%.2f"),
                ParameterControls.range("blur-sigma", "Blur sigma (px)", "Gaussian blur sigma range in pixels",
                        model.blurSigmaMinProperty(), model.blurSigmaMaxProperty(), 0.1, 5, "%.1f"));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setPrefWidth(330);
        scroll.getStyleClass().add("side-panel-scroll");
        scroll.setMinWidth(300);
        return scroll;
    }

    private Node buildPreview() {
        pairsPane.setId("view-pairs");
        pairsPane.setPadding(new Insets(20));
        Label caption = new Label();
        caption.getStyleClass().add("muted");
        caption.textProperty().bind(model.sampleCaptionProperty());
        Label error = Ui.errorBanner(model.errorProperty());
        VBox content = new VBox(12, caption, error, pairsPane);
        content.setPadding(new Insets(16, 20, 20, 20));
        pairsPane.setPadding(Insets.EMPTY);
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        pairsPane.prefWrapLengthProperty().bind(scroll.widthProperty().subtract(60));
        var empty = Ui.emptyState(MaterialDesignI.IMAGE_MULTIPLE, "No pictures yet",
                "Open a dataset in the Datasets workspace; its first pictures appear here with their augmented views.");
        empty.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(model.originals()));
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(36, 36);
        Label note = new Label("Rendering view pairs… the first render also starts the PyTorch engine.");
        note.getStyleClass().add("busy-note");
        VBox busy = new VBox(12, spinner, note);
        busy.setAlignment(Pos.CENTER);
        busy.setMouseTransparent(true);
        busy.visibleProperty().bind(model.renderingProperty()
                .and(javafx.beans.binding.Bindings.isEmpty(model.pairs())));
        return new StackPane(scroll, empty, busy);
    }

    private void showPairs() {
        pairsPane.getChildren().clear();
        for (int i = 0; i < model.pairs().size() && i < model.originals().size(); i++) {
            ViewPair pair = model.pairs().get(i);
            HBox row = new HBox(10, tile(model.originals().get(i), "Original"),
                    arrow(), tile(pair.first(), "View 1"), tile(pair.second(), "View 2"));
            row.setAlignment(Pos.CENTER_LEFT);
            row.getStyleClass().add("view-pair");
            row.setId("view-pair-" + i);
            pairsPane.getChildren().add(row);
        }
    }

    private static Node arrow() {
        Node icon = Ui.icon(MaterialDesignA.ARROW_RIGHT);
        StackPane box = new StackPane(icon);
        box.setPadding(new Insets(0, 2, 18, 2));
        return box;
    }

    private static VBox tile(RgbImage image, String caption) {
        ImageView view = new ImageView(FxImages.toFx(image));
        view.setFitWidth(TILE);
        view.setFitHeight(TILE);
        view.setPreserveRatio(true);
        view.setSmooth(false);
        view.getStyleClass().add("view-image");
        Label label = new Label(caption);
        label.getStyleClass().add("view-pair-caption");
        VBox box = new VBox(4, view, label);
        box.setAlignment(Pos.CENTER);
        return box;
    }
}
