package org.simclrstudio.ui.evaluation;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.simclrstudio.core.data.DatasetException;
import org.simclrstudio.core.explore.Evaluation;
import org.simclrstudio.ui.common.FxImages;
import org.simclrstudio.ui.common.Ui;

/**
 * The Evaluation workspace: choose a run (and a second one to compare), evaluate it on a labelled
 * split, and read the confusion-matrix heatmap, the per-class accuracy bars and the gallery of
 * misclassified images, which enlarge on click.
 */
public final class EvaluationView extends BorderPane {

    /** Most misclassified images shown in the gallery. */
    static final int MAX_GALLERY = 200;

    private final EvaluationViewModel model;
    private final ResultPanel primary;
    private final ResultPanel compared;
    private final TilePane gallery = new TilePane(6, 6);

    /** Builds the view and binds it to {@code model}. */
    public EvaluationView(EvaluationViewModel model) {
        this.model = model;
        this.primary = new ResultPanel("primary");
        this.compared = new ResultPanel("compared");
        getStyleClass().add("workspace");
        setId("evaluation-view");
        setTop(buildHeader());
        setCenter(buildCenter());
        setRight(buildDetail());
        model.evaluationProperty().addListener((observable, old, value) ->
                primary.show(model.selectedRunProperty().get(), value));
        model.comparisonProperty().addListener((observable, old, value) ->
                compared.show(model.comparedRunProperty().get(), value));
        model.misclassified().addListener((ListChangeListener<Integer>) change -> fillGallery());
    }

    /** Returns the heatmap of the selected run, for tests. */
    ConfusionMatrixChart primaryMatrix() {
        return primary.matrix;
    }

    /** Returns the accuracy bars of the selected run, for tests. */
    ClassAccuracyBars primaryBars() {
        return primary.bars;
    }

    /** Returns the heatmap of the compared run, for tests. */
    ConfusionMatrixChart comparedMatrix() {
        return compared.matrix;
    }

    /** Returns the gallery of misclassified images, for tests. */
    TilePane gallery() {
        return gallery;
    }

    private VBox buildHeader() {
        ComboBox<Path> runs = runChoice("evaluation-run", "Choose a run");
        runs.valueProperty().bindBidirectional(model.selectedRunProperty());
        ComboBox<Path> other = runChoice("evaluation-compare", "Compare with…");
        other.valueProperty().bindBidirectional(model.comparedRunProperty());
        other.setTooltip(new Tooltip("Optional: a second run to show side by side"));
        Button clearOther = Ui.button("", MaterialDesignC.CLOSE);
        clearOther.setTooltip(new Tooltip("Show one run only"));
        clearOther.setOnAction(event -> model.comparedRunProperty().set(null));
        Button refresh = Ui.button("", MaterialDesignR.REFRESH);
        refresh.setTooltip(new Tooltip("List the training runs again"));
        refresh.setOnAction(event -> model.refreshRuns());
        ComboBox<String> splits = new ComboBox<>(model.splitNames());
        splits.setId("evaluation-split");
        splits.setPrefWidth(110);
        splits.valueProperty().bindBidirectional(model.selectedSplitProperty());

        Button evaluate = Ui.accentButton("Evaluate", MaterialDesignC.CHECK_DECAGRAM);
        evaluate.setId("evaluate");
        evaluate.disableProperty().bind(model.busyProperty());
        evaluate.setOnAction(event -> model.evaluate());
        Button cancel = Ui.button("Cancel", MaterialDesignC.CLOSE);
        cancel.disableProperty().bind(model.busyProperty().not());
        cancel.setOnAction(event -> model.cancel());
        HBox header = Ui.header("Evaluation", "Where the classifier is right and where it is confused",
                refresh, evaluate, cancel);

        ProgressBar progress = new ProgressBar();
        progress.setPrefWidth(180);
        progress.progressProperty().bind(model.progressProperty());
        progress.visibleProperty().bind(model.busyProperty());
        Label status = new Label();
        status.setId("evaluation-status");
        status.getStyleClass().add("muted");
        status.textProperty().bind(model.statusProperty());
        status.setMinWidth(0);
        HBox.setHgrow(status, Priority.ALWAYS);
        HBox controls = new HBox(10, new Label("Model"), runs, new Label("vs"), other, clearOther, new Label("Split"),
                splits, progress, status);
        // Only the status text may shrink; labels and choices keep their preferred width.
        controls.getChildren().stream().filter(node -> node != status && node instanceof javafx.scene.layout.Region)
                .forEach(node -> ((javafx.scene.layout.Region) node).setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE));
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.setPadding(new Insets(10, 20, 10, 20));
        Label error = Ui.errorBanner(model.errorProperty());
        VBox.setMargin(error, new Insets(0, 20, 8, 20));
        return new VBox(header, controls, error);
    }

    private Node buildCenter() {
        compared.root.visibleProperty().bind(model.comparisonProperty().isNotNull());
        compared.root.managedProperty().bind(compared.root.visibleProperty());
        HBox panels = new HBox(16, primary.root, compared.root);
        HBox.setHgrow(primary.root, Priority.ALWAYS);
        HBox.setHgrow(compared.root, Priority.ALWAYS);

        Label galleryTitle = new Label();
        galleryTitle.getStyleClass().add("section-title");
        model.misclassified().addListener((ListChangeListener<Integer>) change -> galleryTitle.setText(String.format(
                Locale.ROOT, "MISCLASSIFIED: %,d IMAGES%s, MOST CONFIDENT MISTAKES FIRST", model.misclassified().size(),
                model.misclassified().size() > MAX_GALLERY ? " (FIRST " + MAX_GALLERY + " SHOWN)" : "")));
        gallery.setId("misclassified-gallery");
        gallery.setPrefColumns(8);
        VBox galleryCard = new VBox(8, galleryTitle, gallery);
        galleryCard.getStyleClass().add("card");
        galleryCard.visibleProperty().bind(model.evaluationProperty().isNotNull());
        galleryCard.managedProperty().bind(galleryCard.visibleProperty());

        VBox content = new VBox(16, panels, galleryCard);
        content.setPadding(new Insets(0, 16, 16, 20));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setId("evaluation-scroll");
        scroll.setFitToWidth(true);

        Node empty = Ui.emptyState(MaterialDesignC.CHECK_DECAGRAM, "No evaluation yet",
                "Choose a fine-tuned or baseline run (or a pretraining run, judged by its linear probe), then "
                        + "Evaluate. Pick a second run to compare them side by side.");
        empty.visibleProperty().bind(model.evaluationProperty().isNull().and(model.busyProperty().not()));
        empty.setMouseTransparent(true);
        return new StackPane(scroll, empty);
    }

    private Node buildDetail() {
        ImageView large = new ImageView();
        large.setFitWidth(256);
        large.setFitHeight(256);
        large.setPreserveRatio(true);
        large.setSmooth(false);
        model.enlargedImageProperty().addListener((observable, old, image) ->
                large.setImage(image == null ? null : FxImages.toFx(image)));
        StackPane frame = new StackPane(large);
        frame.setMinSize(264, 264);
        frame.setStyle("-fx-background-color: #f3f4f6; -fx-background-radius: 8;");
        Label caption = new Label();
        caption.setId("enlarged-caption");
        caption.setWrapText(true);
        caption.textProperty().bind(model.enlargedCaptionProperty());
        Button close = Ui.button("Close", MaterialDesignC.CLOSE);
        close.setOnAction(event -> model.enlargedRowProperty().set(-1));
        VBox detail = new VBox(10, Ui.sectionTitle("Misclassified image"), frame, caption, close);
        detail.getStyleClass().add("side-panel");
        detail.setPrefWidth(300);
        detail.visibleProperty().bind(model.enlargedRowProperty().greaterThanOrEqualTo(0));
        detail.managedProperty().bind(detail.visibleProperty());
        return detail;
    }

    private void fillGallery() {
        gallery.getChildren().clear();
        Evaluation evaluation = model.evaluationProperty().get();
        if (evaluation == null) {
            return;
        }
        List<Integer> rows = model.misclassified();
        for (int row : rows.subList(0, Math.min(rows.size(), MAX_GALLERY))) {
            ImageView view = new ImageView();
            try {
                view.setImage(FxImages.toFx(model.image(evaluation.indices()[row])));
            } catch (DatasetException e) {
                view.setImage(null);
            }
            view.setFitWidth(64);
            view.setFitHeight(64);
            view.setPreserveRatio(true);
            Label truth = new Label(evaluation.classNames().get(evaluation.labels()[row]));
            truth.setStyle("-fx-font-size: 10px; -fx-text-fill: #15803d;");
            Label predicted = new Label("→ " + evaluation.classNames().get(evaluation.predictions()[row]));
            predicted.setStyle("-fx-font-size: 10px; -fx-text-fill: #b91c1c;");
            VBox cell = new VBox(2, view, truth, predicted);
            cell.setAlignment(Pos.CENTER);
            cell.setPrefWidth(84);
            cell.getStyleClass().add("thumbnail-cell");
            Tooltip.install(cell, new Tooltip(model.caption(row)));
            cell.setOnMouseClicked(event -> model.enlargedRowProperty().set(row));
            gallery.getChildren().add(cell);
        }
    }

    private ComboBox<Path> runChoice(String id, String prompt) {
        ComboBox<Path> choice = new ComboBox<>(model.runs());
        choice.setId(id);
        choice.setPromptText(prompt);
        choice.setPrefWidth(200);
        choice.setButtonCell(new RunCell(prompt));
        choice.setCellFactory(list -> new RunCell(prompt));
        return choice;
    }

    /** Heatmap and bars of one run, with its name and accuracy as title. */
    private static final class ResultPanel {
        final VBox root;
        final Label title = new Label();
        final ConfusionMatrixChart matrix = new ConfusionMatrixChart();
        final ClassAccuracyBars bars = new ClassAccuracyBars();

        ResultPanel(String id) {
            title.setStyle("-fx-font-size: 15px; -fx-font-weight: bold;");
            root = new VBox(10, title, Ui.sectionTitle("Confusion matrix"), matrix,
                    Ui.sectionTitle("Accuracy per class"), bars);
            root.setId("result-" + id);
            root.getStyleClass().add("card");
            root.setMinWidth(360);
        }

        void show(Path run, Evaluation evaluation) {
            title.setText(evaluation == null ? "" : EvaluationViewModel.summary(run, evaluation));
            matrix.setEvaluation(evaluation);
            bars.setEvaluation(evaluation);
        }
    }

    /** Shows a run folder by its name, or the prompt for none. */
    private static final class RunCell extends ListCell<Path> {
        private final String prompt;

        RunCell(String prompt) {
            this.prompt = prompt;
        }

        @Override
        protected void updateItem(Path run, boolean empty) {
            super.updateItem(run, empty);
            setText(empty || run == null ? prompt : run.getFileName().toString());
        }
    }
}
