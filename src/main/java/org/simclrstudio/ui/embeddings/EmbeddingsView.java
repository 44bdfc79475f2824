package org.simclrstudio.ui.embeddings;

import java.io.File;
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
import javafx.scene.control.Spinner;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignG;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.simclrstudio.core.data.DatasetException;
import org.simclrstudio.core.explore.Neighbor;
import org.simclrstudio.core.explore.ProjectionMethod;
import org.simclrstudio.ui.common.FxImages;
import org.simclrstudio.ui.common.Ui;

/**
 * The Embeddings workspace. Its controls encode a split with a run's encoder, and the scatter plot
 * shows the projected features with a class legend. The side panel shows the hovered image, the
 * selected images and the nearest neighbours of a clicked or dropped image.
 */
public final class EmbeddingsView extends BorderPane {

    /** Most thumbnails shown for a selection; more would only slow the panel down. */
    static final int MAX_SELECTION_THUMBNAILS = 120;

    private final EmbeddingsViewModel model;
    private final ScatterPlot plot;
    private final TilePane selectionGrid = new TilePane(4, 4);
    private final TilePane neighborGrid = new TilePane(6, 6);

    /** Builds the view and binds it to {@code model}. */
    public EmbeddingsView(EmbeddingsViewModel model) {
        this.model = model;
        this.plot = new ScatterPlot(model);
        getStyleClass().add("workspace");
        setId("embeddings-view");
        setTop(buildHeader());
        setCenter(buildCenter());
        setRight(buildSidePanel());
        setOnDragOver(this::onDragOver);
        setOnDragDropped(this::onDragDropped);
    }

    /** Returns the scatter plot, for tests. */
    ScatterPlot plot() {
        return plot;
    }

    /** Returns the number of selection thumbnails shown, for tests. */
    int selectionCount() {
        return selectionGrid.getChildren().size();
    }

    /** Returns the neighbour thumbnails, for tests. */
    TilePane neighborGrid() {
        return neighborGrid;
    }

    private VBox buildHeader() {
        ComboBox<Path> runs = new ComboBox<>(model.runs());
        runs.setId("embedding-run");
        runs.setPromptText("Choose a run");
        runs.setPrefWidth(220);
        runs.setButtonCell(new RunCell());
        runs.setCellFactory(list -> new RunCell());
        runs.valueProperty().bindBidirectional(model.selectedRunProperty());
        Button refresh = Ui.button("", MaterialDesignR.REFRESH);
        refresh.setTooltip(new Tooltip("List the training runs again"));
        refresh.setOnAction(event -> model.refreshRuns());

        ComboBox<String> splits = new ComboBox<>(model.splitNames());
        splits.setId("embedding-split");
        splits.valueProperty().bindBidirectional(model.selectedSplitProperty());
        Spinner<Integer> limit = new Spinner<>(100, 100_000, model.limitProperty().get(), 500);
        limit.setId("embedding-limit");
        limit.setEditable(true);
        limit.setPrefWidth(110);
        limit.setTooltip(new Tooltip("Images to encode, spread evenly over the split. t-SNE slows down beyond 10,000."));
        limit.valueProperty().addListener((observable, old, value) -> model.limitProperty().set(value));

        ToggleGroup methods = new ToggleGroup();
        ToggleButton pca = new ToggleButton("PCA");
        pca.setId("method-pca");
        pca.setUserData(ProjectionMethod.PCA);
        ToggleButton tsne = new ToggleButton("t-SNE");
        tsne.setId("method-tsne");
        tsne.setUserData(ProjectionMethod.TSNE);
        pca.setToggleGroup(methods);
        tsne.setToggleGroup(methods);
        methods.selectToggle(model.methodProperty().get() == ProjectionMethod.TSNE ? tsne : pca);
        methods.selectedToggleProperty().addListener((observable, old, toggle) -> {
            if (toggle == null) {
                methods.selectToggle(old);
                return;
            }
            model.methodProperty().set((ProjectionMethod) toggle.getUserData());
            if (model.projectionProperty().get() != null) {
                model.reproject();
            }
        });
        HBox methodBox = new HBox(0, pca, tsne);

        Button compute = Ui.accentButton("Compute", MaterialDesignG.GRAIN);
        compute.setId("compute-embeddings");
        compute.disableProperty().bind(model.busyProperty());
        compute.setOnAction(event -> model.compute());
        Button cancel = Ui.button("Cancel", MaterialDesignC.CLOSE);
        cancel.setId("cancel-embeddings");
        cancel.disableProperty().bind(model.busyProperty().not());
        cancel.setOnAction(event -> model.cancel());

        HBox header = Ui.header("Embeddings", "What the encoder learned: similar images should land close together",
                runs, refresh, compute, cancel);

        ProgressBar progress = new ProgressBar();
        progress.setPrefWidth(180);
        progress.progressProperty().bind(model.progressProperty());
        progress.visibleProperty().bind(model.busyProperty());
        Label status = new Label();
        status.setId("embedding-status");
        status.getStyleClass().add("muted");
        status.textProperty().bind(model.statusProperty());
        status.setMinWidth(0);
        HBox.setHgrow(status, Priority.ALWAYS);
        HBox controls = new HBox(10, new Label("Split"), splits, new Label("Images"), limit, new Label("Projection"),
                methodBox, progress, status);
        // Only the status text may shrink; labels and choices keep their preferred width.
        controls.getChildren().stream().filter(node -> node != status && node instanceof Region)
                .forEach(node -> ((Region) node).setMinWidth(Region.USE_PREF_SIZE));
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.setPadding(new Insets(10, 20, 10, 20));
        Label error = Ui.errorBanner(model.errorProperty());
        VBox.setMargin(error, new Insets(0, 20, 8, 20));
        return new VBox(header, controls, error);
    }

    private Node buildCenter() {
        FlowPane legend = new FlowPane(12, 4);
        legend.setId("embedding-legend");
        Runnable fillLegend = () -> {
            legend.getChildren().clear();
            List<String> names = model.classNames();
            for (int label = 0; label < names.size(); label++) {
                Label entry = new Label(names.get(label), new Circle(5, ClassPalette.of(label)));
                legend.getChildren().add(entry);
            }
        };
        model.classNames().addListener((ListChangeListener<String>) change -> fillLegend.run());
        fillLegend.run();

        Node empty = Ui.emptyState(MaterialDesignG.GRAIN, "No embeddings yet",
                "Choose a run and a split, then Compute. Each dot is one image placed by its encoder features; "
                        + "hover a dot to see the image, drag to select several, click one for its nearest neighbours.");
        empty.visibleProperty().bind(model.projectionProperty().isNull().and(model.busyProperty().not()));
        empty.setMouseTransparent(true);
        StackPane plotArea = new StackPane(plot, empty);
        VBox.setVgrow(plotArea, Priority.ALWAYS);
        VBox center = new VBox(8, plotArea, legend);
        center.setPadding(new Insets(0, 16, 16, 20));
        return center;
    }

    private Node buildSidePanel() {
        ImageView hovered = new ImageView();
        hovered.setFitWidth(96);
        hovered.setFitHeight(96);
        hovered.setPreserveRatio(true);
        Label hoveredCaption = new Label();
        hoveredCaption.setId("hovered-caption");
        hoveredCaption.textProperty().bind(model.hoveredCaptionProperty());
        model.hoveredIndexProperty().addListener((observable, old, index) ->
                hovered.setImage(index.intValue() < 0 ? null : thumbnailImage(index.intValue())));
        HBox hoverBox = new HBox(10, frame(hovered, 96), hoveredCaption);
        hoverBox.setAlignment(Pos.CENTER_LEFT);

        Label selectionCount = new Label();
        selectionCount.getStyleClass().add("muted");
        selectionGrid.setId("selection-grid");
        selectionGrid.setPrefColumns(6);
        model.selectedIndices().addListener((ListChangeListener<Integer>) change -> {
            List<Integer> selected = model.selectedIndices();
            selectionCount.setText(selected.isEmpty() ? "Drag a rectangle on the plot to select images"
                    : String.format(Locale.ROOT, "%,d images selected%s", selected.size(),
                            selected.size() > MAX_SELECTION_THUMBNAILS ? ", first " + MAX_SELECTION_THUMBNAILS
                                    + " shown" : ""));
            selectionGrid.getChildren().clear();
            for (int index : selected.subList(0, Math.min(selected.size(), MAX_SELECTION_THUMBNAILS))) {
                selectionGrid.getChildren().add(thumbnail(index, 44, null));
            }
        });
        selectionCount.setText("Drag a rectangle on the plot to select images");
        ScrollPane selectionScroll = new ScrollPane(selectionGrid);
        selectionScroll.setFitToWidth(true);
        selectionScroll.setPrefViewportHeight(150);

        ImageView query = new ImageView();
        query.setFitWidth(72);
        query.setFitHeight(72);
        query.setPreserveRatio(true);
        model.queryImageProperty().addListener((observable, old, image) ->
                query.setImage(image == null ? null : FxImages.toFx(image)));
        Label queryHint = new Label("Click a dot, or drop a picture here, to find the most similar images by cosine "
                + "similarity of encoder features.");
        queryHint.setWrapText(true);
        queryHint.setMinHeight(Region.USE_PREF_SIZE);
        queryHint.getStyleClass().add("muted");
        Button chooseFile = Ui.button("Choose picture…", MaterialDesignI.IMAGE_SEARCH);
        chooseFile.setId("neighbors-file");
        chooseFile.disableProperty().bind(model.projectionProperty().isNull());
        chooseFile.setOnAction(event -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Find images similar to a picture");
            File file = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
            if (file != null) {
                model.findNeighbors(file.toPath());
            }
        });
        Spinner<Integer> k = new Spinner<>(2, 100, model.kProperty().get());
        k.setPrefWidth(80);
        k.setMinWidth(80);
        k.valueProperty().addListener((observable, old, value) -> {
            model.kProperty().set(value);
            if (model.queryIndexProperty().get() >= 0) {
                model.findNeighbors(model.queryIndexProperty().get());
            }
        });
        // k moves below the button when the panel is too narrow for both on one line.
        HBox kBox = new HBox(8, new Label("k"), k);
        kBox.setAlignment(Pos.CENTER_LEFT);
        FlowPane queryControls = new FlowPane(8, 6, chooseFile, kBox);
        queryControls.setPrefWrapLength(160);
        queryControls.setAlignment(Pos.CENTER_LEFT);
        VBox queryText = new VBox(6, queryHint, queryControls);
        // A small preferred width lets the hint wrap to the panel instead of widening the row past it.
        queryText.setPrefWidth(1);
        queryText.setMinWidth(0);
        HBox.setHgrow(queryText, Priority.ALWAYS);
        HBox queryRow = new HBox(10, frame(query, 72), queryText);
        queryRow.setAlignment(Pos.TOP_LEFT);
        queryRow.getStyleClass().add("drop-zone");
        queryRow.setStyle("-fx-alignment: top-left; -fx-padding: 10;");

        neighborGrid.setId("neighbor-grid");
        neighborGrid.setPrefColumns(4);
        model.neighbors().addListener((ListChangeListener<Neighbor>) change -> {
            neighborGrid.getChildren().clear();
            for (Neighbor neighbor : model.neighbors()) {
                neighborGrid.getChildren().add(thumbnail(neighbor.index(), 64,
                        String.format(Locale.ROOT, "%.3f", neighbor.similarity())));
            }
        });
        ScrollPane neighborScroll = new ScrollPane(neighborGrid);
        neighborScroll.setFitToWidth(true);
        VBox.setVgrow(neighborScroll, Priority.ALWAYS);

        VBox panel = new VBox(8, Ui.sectionTitle("Under the pointer"), hoverBox, Ui.sectionTitle("Selection"),
                selectionCount, selectionScroll, Ui.sectionTitle("Nearest neighbours"), queryRow, neighborScroll);
        panel.getStyleClass().add("side-panel");
        panel.setPrefWidth(360);
        panel.setMinWidth(300);
        return panel;
    }

    private Node thumbnail(int index, double size, String badge) {
        ImageView view = new ImageView(thumbnailImage(index));
        view.setFitWidth(size);
        view.setFitHeight(size);
        view.setPreserveRatio(true);
        Tooltip.install(view, new Tooltip(model.caption(index)));
        StackPane cell = new StackPane(view);
        cell.getStyleClass().add("thumbnail-cell");
        cell.setStyle("-fx-padding: 2;");
        cell.setOnMouseClicked(event -> model.findNeighbors(index));
        if (badge == null) {
            return cell;
        }
        Label caption = new Label(badge);
        caption.getStyleClass().add("muted");
        caption.setStyle("-fx-font-size: 11px;");
        VBox box = new VBox(2, cell, caption);
        box.setAlignment(Pos.CENTER);
        return box;
    }

    private javafx.scene.image.Image thumbnailImage(int index) {
        try {
            return FxImages.toFx(model.image(index));
        } catch (DatasetException e) {
            return null;
        }
    }

    private static StackPane frame(ImageView view, double size) {
        view.setSmooth(false);
        StackPane frame = new StackPane(view);
        frame.setMinSize(size + 8, size + 8);
        frame.setMaxSize(size + 8, size + 8);
        frame.setStyle("-fx-background-color: #f3f4f6; -fx-background-radius: 8;");
        return frame;
    }

    private void onDragOver(DragEvent event) {
        if (event.getDragboard().hasFiles() && model.projectionProperty().get() != null) {
            event.acceptTransferModes(TransferMode.COPY);
        }
        event.consume();
    }

    private void onDragDropped(DragEvent event) {
        List<File> files = event.getDragboard().getFiles();
        boolean accepted = files != null && !files.isEmpty();
        if (accepted) {
            model.findNeighbors(files.get(0).toPath());
        }
        event.setDropCompleted(accepted);
        event.consume();
    }

    /** Shows a run folder by its name. */
    static final class RunCell extends ListCell<Path> {
        @Override
        protected void updateItem(Path run, boolean empty) {
            super.updateItem(run, empty);
            setText(empty || run == null ? null : run.getFileName().toString());
        }
    }
}
