package org.simclrstudio.ui.datasets;

import java.io.File;
import java.util.function.Consumer;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

import org.controlsfx.control.GridCell;
import org.controlsfx.control.GridView;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.simclrstudio.ui.common.FxImages;
import org.simclrstudio.ui.common.ThumbnailCache;
import org.simclrstudio.ui.common.Ui;

/**
 * The Datasets workspace: a dataset picker, split and class filters, a virtualized thumbnail grid
 * (only the visible cells exist; their pictures decode off the FX thread into a bounded cache) and
 * a detail pane with the selected image enlarged.
 */
public final class DatasetsView extends BorderPane {

    /** Side of a grid cell in pixels. */
    static final double CELL_SIZE = 104;
    /** Memory budget of the thumbnail cache: about 700 STL-10 thumbnails at 96×96, several screens. */
    private static final long CACHE_BYTES = 48L * 1024 * 1024;

    private final DatasetsViewModel model;
    private final ThumbnailCache cache = new ThumbnailCache(CACHE_BYTES, 2);
    private final GridView<Integer> grid = new GridView<>();

    /** Builds the view and binds it to {@code model}. */
    public DatasetsView(DatasetsViewModel model) {
        this.model = model;
        getStyleClass().add("workspace");
        setId("datasets-view");
        setTop(buildHeader());
        setCenter(buildGrid());
        setRight(buildDetail());
        model.selectedSplitProperty().addListener((observable, old, value) -> cache.clear());
    }

    private VBox buildHeader() {
        ComboBox<DatasetSource> sources = new ComboBox<>(model.sources());
        sources.setId("dataset-source");
        sources.setPromptText("Choose a dataset");
        sources.setPrefWidth(220);
        model.activeSourceProperty().addListener((observable, old, source) -> {
            if (source != null && !model.sources().contains(source)) {
                model.sources().add(source);
            }
            sources.setValue(source);
        });
        sources.setOnAction(event -> {
            DatasetSource source = sources.getValue();
            if (source != null && source != model.activeSourceProperty().get()) {
                model.open(source);
            }
        });
        Button openFolder = Ui.button("Open STL-10 folder…", MaterialDesignF.FOLDER_OPEN);
        openFolder.setId("open-stl10");
        openFolder.setTooltip(new Tooltip("Open an extracted stl10_binary folder (or IDX files, or class folders)"));
        openFolder.setOnAction(event -> chooseFolder(getScene() == null ? null : getScene().getWindow(),
                model::openFolder));
        Button download = Ui.button("Download STL-10", MaterialDesignD.DOWNLOAD);
        download.setId("download-stl10");
        download.disableProperty().bind(model.downloadAvailableProperty().not());
        download.setTooltip(new Tooltip("Downloads the 2.6 GB STL-10 archive from Stanford, checks it and "
                + "extracts it to " + model.stl10DownloadFolder()));
        download.setOnAction(event -> confirmDownload());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(20, 20);
        busy.visibleProperty().bind(model.busyProperty());

        HBox header = Ui.header("Datasets", "Browse the images SimCLR learns from", busy, sources, openFolder,
                download);

        ComboBox<String> splits = new ComboBox<>(model.splitNames());
        splits.setId("split-choice");
        splits.valueProperty().bindBidirectional(model.selectedSplitProperty());
        ComboBox<String> classes = new ComboBox<>(model.classChoices());
        classes.setId("class-choice");
        classes.setPrefWidth(180);
        classes.valueProperty().bindBidirectional(model.selectedClassProperty());
        classes.disableProperty().bind(Bindings.createBooleanBinding(
                () -> model.classChoices().size() <= 1, model.classChoices()));
        Label summary = new Label();
        summary.setId("dataset-summary");
        summary.getStyleClass().add("muted");
        summary.textProperty().bind(model.summaryProperty());
        Label splitLabel = new Label("Split");
        Label classLabel = new Label("Class");
        HBox filters = new HBox(10, splitLabel, splits, classLabel, classes, Ui.spacer(), summary);
        filters.setAlignment(Pos.CENTER_LEFT);
        filters.setPadding(new Insets(10, 20, 10, 20));
        Label error = Ui.errorBanner(model.errorProperty());
        VBox.setMargin(error, new Insets(0, 20, 8, 20));
        VBox top = new VBox(header, filters, error);
        return top;
    }

    private StackPane buildGrid() {
        grid.setItems(model.images());
        grid.setId("thumbnail-grid");
        grid.getStyleClass().add("thumbnail-grid");
        grid.setCellWidth(CELL_SIZE);
        grid.setCellHeight(CELL_SIZE);
        grid.setHorizontalCellSpacing(4);
        grid.setVerticalCellSpacing(4);
        grid.setCellFactory(view -> new ThumbnailCell());
        var empty = Ui.emptyState(MaterialDesignI.IMAGE_MULTIPLE, "No dataset open",
                "Open the built-in Fashion-MNIST sample, a Fashion-MNIST folder or an extracted STL-10 folder.");
        empty.visibleProperty().bind(Bindings.isEmpty(model.images()).and(model.busyProperty().not()));
        return new StackPane(grid, empty);
    }

    private VBox buildDetail() {
        ImageView large = new ImageView();
        large.setFitWidth(288);
        large.setFitHeight(288);
        large.setPreserveRatio(true);
        large.setSmooth(false);
        model.selectedImageProperty().addListener((observable, old, image) ->
                large.setImage(image == null ? null : FxImages.toFx(image)));
        StackPane frame = new StackPane(large);
        frame.setId("detail-image");
        frame.setMinSize(288, 288);
        frame.setStyle("-fx-background-color: #f3f4f6; -fx-background-radius: 8;");
        Label caption = new Label();
        caption.setId("detail-caption");
        caption.setWrapText(true);
        caption.textProperty().bind(model.selectedCaptionProperty());
        Button close = Ui.button("Close", MaterialDesignC.CLOSE);
        close.setOnAction(event -> model.selectedIndexProperty().set(-1));
        VBox detail = new VBox(10, Ui.sectionTitle("Selected image"), frame, caption, close);
        detail.getStyleClass().add("side-panel");
        detail.setPrefWidth(320);
        detail.visibleProperty().bind(model.selectedIndexProperty().greaterThanOrEqualTo(0));
        detail.managedProperty().bind(detail.visibleProperty());
        return detail;
    }

    private void confirmDownload() {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION,
                "Download the STL-10 archive (about 2.6 GB, 3.1 GB once extracted) from ai.stanford.edu into "
                        + model.stl10DownloadFolder() + "? Progress shows in the status bar; a cancelled "
                        + "download resumes on the next attempt.", ButtonType.OK, ButtonType.CANCEL);
        alert.setTitle("Download STL-10");
        alert.setHeaderText("Download STL-10");
        if (getScene() != null) {
            alert.initOwner(getScene().getWindow());
        }
        alert.getDialogPane().getStylesheets().add(Ui.stylesheet());
        if (alert.showAndWait().filter(ButtonType.OK::equals).isPresent()) {
            model.downloadStl10();
        }
    }

    /** Opens a directory chooser and passes the chosen folder on. */
    static void chooseFolder(Window owner, Consumer<java.nio.file.Path> onChosen) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a dataset folder (stl10_binary, IDX files or class folders)");
        File folder = chooser.showDialog(owner);
        if (folder != null) {
            onChosen.accept(folder.toPath());
        }
    }

    /** Returns the grid, for tests. */
    GridView<Integer> grid() {
        return grid;
    }

    /** Returns the thumbnail cache, for tests. */
    ThumbnailCache cache() {
        return cache;
    }

    /** One grid cell: the thumbnail, its class as an overlay, and a click that enlarges it. */
    private final class ThumbnailCell extends GridCell<Integer> {
        private final ImageView view = new ImageView();
        private final Label label = new Label();
        private volatile Object wanted;

        ThumbnailCell() {
            view.setFitWidth(CELL_SIZE - 8);
            view.setFitHeight(CELL_SIZE - 8);
            view.setPreserveRatio(true);
            view.setSmooth(true);
            label.getStyleClass().add("thumbnail-label");
            label.setMaxWidth(CELL_SIZE - 10);
            StackPane.setAlignment(label, Pos.BOTTOM_LEFT);
            StackPane.setMargin(label, new Insets(0, 0, 5, 5));
            StackPane content = new StackPane(view, label);
            content.getStyleClass().add("thumbnail-cell");
            setGraphic(null);
            content.setOnMouseClicked(event -> {
                if (getItem() != null) {
                    model.selectedIndexProperty().set(getItem());
                }
            });
            this.content = content;
        }

        private final StackPane content;

        @Override
        protected void updateItem(Integer index, boolean empty) {
            super.updateItem(index, empty);
            if (empty || index == null) {
                wanted = null;
                view.setImage(null);
                setGraphic(null);
                return;
            }
            Object key = model.thumbnailKey(index);
            wanted = key;
            String text = model.labelOf(index);
            label.setText(text);
            label.setVisible(!text.isEmpty());
            content.getStyleClass().remove("selected-thumbnail");
            if (model.selectedIndexProperty().get() == index) {
                content.getStyleClass().add("selected-thumbnail");
            }
            Image image = cache.request(key, DatasetsViewModel::readThumbnail, () -> wanted == key, loaded -> {
                if (wanted == key) {
                    view.setImage(loaded);
                }
            });
            view.setImage(image);
            setGraphic(content);
        }
    }
}
