package org.simclrstudio.ui.classify;

import java.io.File;
import java.util.List;
import java.util.Locale;

import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.simclrstudio.core.infer.Prediction;
import org.simclrstudio.core.train.RunStore.RunSummary;
import org.simclrstudio.ui.common.FxImages;
import org.simclrstudio.ui.common.Ui;

/**
 * The Classify workspace: a drop zone (files can also be pasted or chosen), the model picker, and one
 * card per picture with the picture as decoded and its top classes as confidence bars.
 */
public final class ClassifyView extends BorderPane {

    /** Width of every picture card, so the cards line up in columns. */
    private static final double CARD_WIDTH = 500;

    private final ClassifyViewModel model;
    private final FlowPane cards = new FlowPane(16, 16);

    /** Builds the view and binds it to {@code model}. */
    public ClassifyView(ClassifyViewModel model) {
        this.model = model;
        getStyleClass().add("workspace");
        setId("classify-view");
        setTop(buildHeader());
        setCenter(buildContent());
        model.pictures().addListener((ListChangeListener<ClassifiedPicture>) change -> showCards());
        setOnDragOver(this::acceptDrag);
        setOnDragDropped(this::drop);
    }

    private Node buildHeader() {
        ComboBox<RunSummary> models = new ComboBox<>(model.models());
        models.setId("model-choice");
        models.setPromptText("No trained model");
        models.setPrefWidth(300);
        models.valueProperty().bindBidirectional(model.modelProperty());
        models.setConverter(new StringConverter<>() {
            @Override
            public String toString(RunSummary run) {
                return run == null ? "" : run.name();
            }

            @Override
            public RunSummary fromString(String text) {
                return null;
            }
        });
        models.setOnShowing(event -> model.refreshModels());
        Button open = Ui.button("Open pictures…", MaterialDesignF.FOLDER_OPEN);
        open.setId("open-pictures");
        open.setOnAction(event -> choosePictures());
        Button paste = Ui.button("Paste", MaterialDesignC.CONTENT_PASTE);
        paste.setId("paste-picture");
        paste.setOnAction(event -> paste(Clipboard.getSystemClipboard()));
        Button clear = Ui.button("Clear", MaterialDesignC.CLOSE);
        clear.setOnAction(event -> model.clear());
        Label modelLabel = new Label("Model");
        return Ui.header("Classify", "Drop pictures anywhere on this page to see the model's top 5 classes",
                modelLabel, models, open, paste, clear);
    }

    private Node buildContent() {
        Label dropTitle = new Label("Drop image files here");
        dropTitle.getStyleClass().add("empty-title");
        Label dropHint = new Label("JPEG, PNG, WebP, TIFF, BMP or GIF · or paste with Ctrl+V · or use Open pictures…");
        dropHint.getStyleClass().add("muted");
        Label modelInfo = new Label();
        modelInfo.getStyleClass().add("muted");
        modelInfo.textProperty().bind(javafx.beans.binding.Bindings.concat("Classifying with ",
                model.modelDescriptionProperty()));
        VBox dropZone = new VBox(8, Ui.icon(MaterialDesignI.IMAGE_SEARCH_OUTLINE), dropTitle, dropHint, modelInfo);
        dropZone.getStyleClass().add("drop-zone");
        dropZone.setId("drop-zone");
        ((org.kordamp.ikonli.javafx.FontIcon) dropZone.getChildren().get(0)).setIconSize(40);
        setOnDragEntered(event -> dropZone.getStyleClass().add("drag-over"));
        setOnDragExited(event -> dropZone.getStyleClass().remove("drag-over"));

        cards.setId("prediction-cards");
        cards.setRowValignment(javafx.geometry.VPos.TOP);
        Label error = Ui.errorBanner(model.errorProperty());
        VBox content = new VBox(16, dropZone, error, cards);
        content.setPadding(new Insets(20));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        cards.prefWrapLengthProperty().bind(scroll.widthProperty().subtract(60));

        Button goTrain = Ui.accentButton("Go to Training", MaterialDesignA.ARROW_RIGHT);
        goTrain.setId("go-to-training");
        goTrain.setOnAction(event -> model.goToTraining());
        VBox noModel = Ui.emptyState(MaterialDesignT.TAG_TEXT, "No trained model yet",
                "Classifying needs a trained model. Train a baseline, or pretrain and fine-tune, in the Training "
                        + "workspace; the latest fine-tuned model is used here by default.", goTrain);
        noModel.setId("no-model");
        noModel.visibleProperty().bind(model.noModelProperty());
        scroll.visibleProperty().bind(model.noModelProperty().not());
        return new StackPane(scroll, noModel);
    }

    private void acceptDrag(DragEvent event) {
        if (event.getDragboard().hasFiles() || event.getDragboard().hasImage()) {
            event.acceptTransferModes(TransferMode.COPY);
        }
        event.consume();
    }

    private void drop(DragEvent event) {
        Dragboard board = event.getDragboard();
        boolean done = false;
        if (board.hasFiles()) {
            dropFiles(board.getFiles());
            done = true;
        } else if (board.hasImage()) {
            model.classifyImage("Dropped image", FxImages.fromFx(board.getImage()));
            done = true;
        }
        event.setDropCompleted(done);
        event.consume();
    }

    /** Classifies dropped files: the drop handler's work, also called by the shell for drops elsewhere. */
    public void dropFiles(List<File> files) {
        model.classifyFiles(files.stream().map(File::toPath).toList());
    }

    /** Classifies the clipboard's files or image, if any. */
    public void paste(Clipboard clipboard) {
        if (clipboard.hasFiles()) {
            dropFiles(clipboard.getFiles());
        } else if (clipboard.hasImage()) {
            model.classifyImage("Pasted image", FxImages.fromFx(clipboard.getImage()));
        }
    }

    private void choosePictures() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Choose pictures to classify");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Images", "*.jpg", "*.jpeg", "*.png", "*.webp", "*.tif", "*.tiff",
                        "*.bmp", "*.gif"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        List<File> files = chooser.showOpenMultipleDialog(getScene() == null ? null : getScene().getWindow());
        if (files != null) {
            dropFiles(files);
        }
    }

    private void showCards() {
        cards.getChildren().clear();
        int index = 0;
        for (ClassifiedPicture picture : model.pictures()) {
            Node card = picture.succeeded() ? predictionCard(picture) : errorCard(picture);
            card.setId("picture-card-" + index++);
            cards.getChildren().add(card);
        }
    }

    private static Node predictionCard(ClassifiedPicture picture) {
        ImageView view = new ImageView(FxImages.toFx(picture.image()));
        view.setFitWidth(160);
        view.setFitHeight(160);
        view.setPreserveRatio(true);
        view.setSmooth(true);
        StackPane frame = new StackPane(view);
        frame.setMinSize(160, 160);
        frame.setStyle("-fx-background-color: #f3f4f6; -fx-background-radius: 8;");
        Label name = new Label(picture.name());
        name.setStyle("-fx-font-weight: bold;");
        name.setMaxWidth(280);
        Label size = new Label(picture.picture().originalWidth() + " × " + picture.picture().originalHeight() + " px");
        size.getStyleClass().add("muted");
        GridPane bars = new GridPane();
        bars.setHgap(8);
        bars.setVgap(6);
        int row = 0;
        for (Prediction prediction : picture.top()) {
            Label label = new Label(prediction.label());
            label.getStyleClass().add("prediction-label");
            label.setMinWidth(90);
            ProgressBar bar = new ProgressBar(prediction.probability());
            bar.getStyleClass().add("prediction-bar");
            if (row == 0) {
                bar.getStyleClass().add("top");
                label.setStyle("-fx-font-weight: bold;");
            }
            bar.setPrefWidth(140);
            Label percent = new Label(String.format(Locale.ROOT, "%.1f %%", 100 * prediction.probability()));
            percent.getStyleClass().add("parameter-value");
            percent.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            bars.addRow(row++, label, bar, percent);
        }
        VBox text = new VBox(6, name, size, bars);
        HBox card = new HBox(14, frame, text);
        card.getStyleClass().add("prediction-card");
        card.setAlignment(Pos.CENTER_LEFT);
        card.setPrefWidth(CARD_WIDTH);
        HBox.setHgrow(text, Priority.ALWAYS);
        return card;
    }

    private static Node errorCard(ClassifiedPicture picture) {
        Label name = new Label(picture.name());
        name.setStyle("-fx-font-weight: bold;");
        Label message = new Label(picture.error());
        message.setWrapText(true);
        message.setMaxWidth(CARD_WIDTH - 90);
        message.getStyleClass().add("error-text");
        message.setStyle("-fx-text-fill: #991b1b;");
        VBox text = new VBox(6, name, message);
        org.kordamp.ikonli.javafx.FontIcon icon = Ui.icon(MaterialDesignA.ALERT_CIRCLE_OUTLINE);
        icon.setIconSize(28);
        icon.setIconColor(javafx.scene.paint.Color.web("#b91c1c"));
        HBox card = new HBox(14, icon, text);
        card.getStyleClass().add("prediction-card");
        card.setAlignment(Pos.TOP_LEFT);
        card.setPrefWidth(CARD_WIDTH);
        card.setMaxHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return card;
    }
}
