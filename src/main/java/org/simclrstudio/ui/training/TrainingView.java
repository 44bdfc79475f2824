package org.simclrstudio.ui.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.dataset.DataSet;
import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.simclrstudio.core.train.RunKind;
import org.simclrstudio.core.train.RunOutcome;
import org.simclrstudio.core.train.RunStore.RunSummary;
import org.simclrstudio.ui.common.Charts;
import org.simclrstudio.ui.common.Ui;

/**
 * The Training workspace, with the run form and past runs on the left. The middle shows metric tiles,
 * progress and three live charts: loss, batch accuracies, and validation accuracy with compared runs.
 */
public final class TrainingView extends BorderPane {

    private final TrainingViewModel model;
    /** Keeps the object adapters of bidirectional bindings reachable; the bindings hold them weakly. */
    private final List<Object> adapters = new ArrayList<>();
    private final XYChart lossChart = Charts.lineChart("Step", "Loss", false, false);
    private final XYChart accuracyChart = Charts.lineChart("Step", "Batch accuracy", true, false);
    private final XYChart validationChart = Charts.lineChart("Epoch", "Validation accuracy", true, true);

    /** Builds the view and binds it to {@code model}. */
    public TrainingView(TrainingViewModel model) {
        this.model = model;
        getStyleClass().add("workspace");
        setId("training-view");
        setTop(buildHeader());
        setLeft(buildSidebar());
        setCenter(buildDashboard());
    }

    private Node buildHeader() {
        Button start = Ui.accentButton("Start", MaterialDesignP.PLAY);
        start.setId("start-training");
        start.disableProperty().bind(model.canStartBinding().not());
        start.setOnAction(event -> model.start());
        Button pause = Ui.button("Pause", MaterialDesignP.PAUSE);
        pause.setId("pause-training");
        pause.disableProperty().bind(model.stateProperty().isNotEqualTo(TrainingState.RUNNING));
        pause.setOnAction(event -> model.pause());
        Button resume = Ui.button("Resume", MaterialDesignP.PLAY_PAUSE);
        resume.setId("resume-training");
        resume.disableProperty().bind(model.stateProperty().isNotEqualTo(TrainingState.PAUSED));
        resume.setOnAction(event -> model.resume());
        Button cancel = Ui.button("Cancel", MaterialDesignS.STOP);
        cancel.setId("cancel-training");
        cancel.getStyleClass().add("danger");
        cancel.disableProperty().bind(model.stateProperty().isEqualTo(TrainingState.IDLE)
                .or(model.stateProperty().isEqualTo(TrainingState.STOPPING)));
        cancel.setOnAction(event -> model.cancel());
        return Ui.header("Training", "Pretrain with SimCLR, fine-tune on few labels, compare with a baseline",
                start, pause, resume, cancel);
    }

    private Node buildSidebar() {
        ComboBox<RunKind> kind = new ComboBox<>();
        kind.getItems().setAll(RunKind.values());
        kind.setId("run-kind");
        kind.setConverter(converter(run -> run == null ? "" : TrainingViewModel.kindTitle(run)));
        kind.valueProperty().bindBidirectional(model.kindProperty());
        kind.setMaxWidth(Double.MAX_VALUE);

        ComboBox<RunSummary> from = new ComboBox<>(model.pretrainedRuns());
        from.setId("from-run");
        from.setPromptText("No pretraining run yet");
        from.setConverter(converter(run -> run == null ? "" : run.name()));
        from.valueProperty().bindBidirectional(model.fromRunProperty());
        from.setMaxWidth(Double.MAX_VALUE);
        VBox fromBox = new VBox(4, label("Start from pretraining run"), from);
        fromBox.visibleProperty().bind(model.kindProperty().isEqualTo(RunKind.FINETUNE));
        fromBox.managedProperty().bind(fromBox.visibleProperty());

        ComboBox<String> device = new ComboBox<>();
        device.getItems().setAll("auto", "cpu", "gpu");
        device.setId("device-choice");
        device.valueProperty().bindBidirectional(model.deviceProperty());
        device.setMaxWidth(Double.MAX_VALUE);

        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        int row = 0;
        form.addRow(row++, label("Epochs"), intSpinner("epochs", model.epochsProperty(), 1, 1000, 1));
        form.addRow(row++, label("Batch size"), intSpinner("batch-size", model.batchSizeProperty(), 2, 4096, 16));
        form.addRow(row++, label("Learning rate"),
                doubleSpinner("learning-rate", model.learningRateProperty(), 1e-5, 1, 0.0005, "%.4f"));
        Spinner<Double> temperature = doubleSpinner("temperature", model.temperatureProperty(), 0.01, 2, 0.01, "%.2f");
        temperature.disableProperty().bind(model.kindProperty().isNotEqualTo(RunKind.PRETRAIN));
        form.addRow(row++, label("Temperature"), temperature);
        form.addRow(row++, label("Image size"), intSpinner("image-size", model.imageSizeProperty(), 8, 512, 4));
        form.addRow(row++, label("Labels per class"),
                intSpinner("labels-per-class", model.labelsPerClassProperty(), 0, 100_000, 5));
        form.addRow(row++, label("Steps per epoch"),
                intSpinner("steps-per-epoch", model.stepsPerEpochProperty(), 0, 1_000_000, 10));
        form.addRow(row++, label("Validation images"),
                intSpinner("validation-limit", model.validationLimitProperty(), 0, 1_000_000, 100));
        form.addRow(row, label("Device"), device);
        Label hint = new Label("0 means all: every labelled image per class, one full pass per epoch, the whole "
                + "test split for validation.");
        hint.getStyleClass().add("muted");
        hint.setWrapText(true);

        ListView<RunSummary> runs = new ListView<>(model.runs());
        runs.setId("past-runs");
        runs.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        runs.setCellFactory(list -> new RunCell());
        runs.setPrefHeight(220);
        runs.setPlaceholder(new Label("No runs yet"));
        runs.setOnMouseClicked(event -> {
            if (event.getClickCount() == 2 && runs.getSelectionModel().getSelectedItem() != null) {
                model.openRun(runs.getSelectionModel().getSelectedItem());
            }
        });
        Button open = Ui.button("Open", MaterialDesignF.FOLDER_OPEN);
        open.setId("open-run");
        open.disableProperty().bind(runs.getSelectionModel().selectedItemProperty().isNull());
        open.setOnAction(event -> model.openRun(runs.getSelectionModel().getSelectedItem()));
        Button compare = Ui.button("Compare", MaterialDesignC.COMPARE);
        compare.setId("compare-runs");
        compare.setTooltip(new Tooltip("Overlay the validation accuracy of the selected runs"));
        compare.disableProperty().bind(runs.getSelectionModel().selectedItemProperty().isNull());
        compare.setOnAction(event -> model.compare(List.copyOf(runs.getSelectionModel().getSelectedItems())));
        Button refresh = new Button(null, Ui.icon(MaterialDesignR.REFRESH));
        refresh.setTooltip(new Tooltip("Read the runs folder again"));
        refresh.setOnAction(event -> model.refreshRuns());
        HBox runButtons = new HBox(6, open, compare, Ui.spacer(), refresh);

        VBox sidebar = new VBox(8, Ui.sectionTitle("New run"), label("Kind"), kind, fromBox, form, hint,
                Ui.sectionTitle("Past runs"), runs, runButtons);
        sidebar.getStyleClass().add("side-panel-left");
        sidebar.setPrefWidth(320);
        VBox.setVgrow(runs, Priority.ALWAYS);
        ScrollPane scroll = new ScrollPane(sidebar);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("side-panel-scroll");
        scroll.setPrefWidth(330);
        scroll.setMinWidth(300);
        return scroll;
    }

    private Node buildDashboard() {
        HBox tiles = new HBox(12,
                tile("Loss", model.lossTextProperty(), "metric-loss"),
                tile("Batch accuracy", model.accuracyTextProperty(), "metric-accuracy"),
                tile("Validation accuracy", model.validationTextProperty(), "metric-validation"),
                tile("Images / s", model.speedTextProperty(), "metric-speed"));
        Label run = new Label();
        run.getStyleClass().add("workspace-subtitle");
        run.textProperty().bind(Bindings.when(model.shownRunProperty().isEmpty()).then("No run shown")
                .otherwise(Bindings.concat("Run ", model.shownRunProperty())));
        tiles.getChildren().addAll(Ui.spacer(), run);
        tiles.setAlignment(Pos.CENTER_LEFT);

        ProgressBar progress = new ProgressBar();
        progress.setId("training-progress");
        progress.progressProperty().bind(model.progressProperty());
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.setMinHeight(8);
        progress.setPrefHeight(8);
        Label progressText = new Label();
        progressText.setId("training-progress-text");
        progressText.textProperty().bind(model.progressTextProperty());
        progressText.getStyleClass().add("muted");
        Label status = new Label();
        status.setId("training-status");
        status.textProperty().bind(model.statusProperty());
        HBox progressLine = new HBox(12, status, Ui.spacer(), progressText);
        VBox progressBox = new VBox(6, progress, progressLine);
        progressBox.visibleProperty().bind(model.stateProperty().isNotEqualTo(TrainingState.IDLE)
                .or(model.statusProperty().isNotEmpty()));
        progressBox.managedProperty().bind(progressBox.visibleProperty());

        lossChart.setId("loss-chart");
        lossChart.getDatasets().add(model.lossSeries().dataSet());
        accuracyChart.setId("accuracy-chart");
        accuracyChart.getDatasets().addAll(model.contrastiveAccuracySeries().dataSet(),
                model.probeAccuracySeries().dataSet(), model.trainAccuracySeries().dataSet());
        validationChart.setId("validation-chart");
        showValidationSets();
        model.comparisons().addListener((ListChangeListener<Object>) change -> showValidationSets());

        VBox lossCard = Charts.card("Loss (NT-Xent when pretraining, cross-entropy otherwise)", lossChart);
        VBox accuracyCard = Charts.card("Contrastive, probe and train accuracy per step", accuracyChart);
        HBox.setHgrow(lossCard, Priority.ALWAYS);
        HBox.setHgrow(accuracyCard, Priority.ALWAYS);
        lossCard.setPrefWidth(400);
        accuracyCard.setPrefWidth(400);
        HBox stepCharts = new HBox(12, lossCard, accuracyCard);
        VBox validationCard = Charts.card("Validation accuracy per epoch: this run and compared runs",
                validationChart);
        VBox.setVgrow(stepCharts, Priority.ALWAYS);
        VBox.setVgrow(validationCard, Priority.ALWAYS);

        Label error = Ui.errorBanner(model.errorProperty());
        VBox dashboard = new VBox(14, tiles, progressBox, error, stepCharts, validationCard);
        dashboard.setPadding(new Insets(16, 20, 16, 20));
        var empty = Ui.emptyState(MaterialDesignC.CHART_LINE, "No curves yet",
                "Start a run, or open a past run on the left to see its loss and accuracy curves.");
        empty.setMouseTransparent(true);
        empty.setMaxSize(480, 220);
        empty.getStyleClass().add("card");
        empty.visibleProperty().bind(model.shownRunProperty().isEmpty()
                .and(Bindings.isEmpty(model.comparisons())));
        // Legends of empty charts would show through the card cut in half, so they appear with the curves.
        for (XYChart chart : List.of(lossChart, accuracyChart, validationChart)) {
            chart.legendVisibleProperty().bind(empty.visibleProperty().not());
        }
        return new StackPane(dashboard, empty);
    }

    private void showValidationSets() {
        List<DataSet> sets = new ArrayList<>();
        sets.add(model.validationAccuracySeries().dataSet());
        model.comparisons().forEach(series -> sets.add(series.dataSet()));
        validationChart.getDatasets().setAll(sets);
    }

    private static VBox tile(String name, ObservableStringValue value, String id) {
        Label valueLabel = new Label();
        valueLabel.setId(id);
        valueLabel.getStyleClass().add("metric-value");
        valueLabel.textProperty().bind(value);
        Label nameLabel = new Label(name);
        nameLabel.getStyleClass().add("metric-name");
        VBox tile = new VBox(2, valueLabel, nameLabel);
        tile.getStyleClass().add("metric-tile");
        return tile;
    }

    private static Label label(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("parameter-label");
        label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return label;
    }

    private Spinner<Integer> intSpinner(String id, IntegerProperty property, int min, int max, int step) {
        Spinner<Integer> spinner = new Spinner<>();
        SpinnerValueFactory.IntegerSpinnerValueFactory factory =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, property.get(), step);
        spinner.setValueFactory(factory);
        ObjectProperty<Integer> adapter = property.asObject();
        adapters.add(adapter);
        factory.valueProperty().bindBidirectional(adapter);
        spinner.setEditable(true);
        spinner.setId(id);
        spinner.setPrefWidth(130);
        return spinner;
    }

    private Spinner<Double> doubleSpinner(String id, DoubleProperty property, double min, double max, double step,
            String format) {
        Spinner<Double> spinner = new Spinner<>();
        SpinnerValueFactory.DoubleSpinnerValueFactory factory =
                new SpinnerValueFactory.DoubleSpinnerValueFactory(min, max, property.get(), step);
        factory.setConverter(converter(value -> value == null ? "" : String.format(Locale.ROOT, format, value),
                text -> Double.parseDouble(text.trim())));
        spinner.setValueFactory(factory);
        ObjectProperty<Double> adapter = property.asObject();
        adapters.add(adapter);
        factory.valueProperty().bindBidirectional(adapter);
        spinner.setEditable(true);
        spinner.setId(id);
        spinner.setPrefWidth(130);
        return spinner;
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> toText) {
        return converter(toText, text -> {
            throw new UnsupportedOperationException("read-only choice");
        });
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> toText,
            java.util.function.Function<String, T> fromText) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return toText.apply(value);
            }

            @Override
            public T fromString(String text) {
                return fromText.apply(text);
            }
        };
    }

    /** A past run in the list: name, kind, epochs and last validation accuracy. */
    private static final class RunCell extends ListCell<RunSummary> {
        @Override
        protected void updateItem(RunSummary run, boolean empty) {
            super.updateItem(run, empty);
            if (empty || run == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            Label name = new Label(run.name());
            name.setStyle("-fx-font-weight: bold;");
            String accuracy = run.epochs().isEmpty() ? "no epoch yet" : String.format(Locale.ROOT,
                    "val %.1f %%", 100 * run.epochs().get(run.epochs().size() - 1).validationAccuracy());
            String outcome = run.outcome() == null || run.outcome().status() == RunOutcome.Status.COMPLETED ? ""
                    : " · " + outcomeText(run.outcome().status());
            Label detail = new Label(TrainingViewModel.kindTitle(run.kind()) + " · " + run.epochs().size()
                    + " epochs · " + accuracy + outcome);
            detail.getStyleClass().add("muted");
            VBox box = new VBox(1, name, detail);
            // A zero preferred width lets the list fit the cell to its width instead of scrolling sideways.
            box.setPrefWidth(0);
            setGraphic(box);
            setText(null);
        }

        private static String outcomeText(RunOutcome.Status status) {
            return switch (status) {
                case COMPLETED -> "completed";
                case CANCELLED -> "cancelled";
                case FAILED -> "failed";
            };
        }
    }
}
