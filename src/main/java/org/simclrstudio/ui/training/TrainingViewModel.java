package org.simclrstudio.ui.training;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.simclrstudio.core.data.Dataset;
import org.simclrstudio.core.data.DatasetSplit;
import org.simclrstudio.core.task.TaskHandle;
import org.simclrstudio.core.task.TaskObserver;
import org.simclrstudio.core.train.EpochMetrics;
import org.simclrstudio.core.train.RunConfig;
import org.simclrstudio.core.train.RunControl;
import org.simclrstudio.core.train.RunKind;
import org.simclrstudio.core.train.RunOutcome;
import org.simclrstudio.core.train.RunStore;
import org.simclrstudio.core.train.RunStore.RunSummary;
import org.simclrstudio.core.train.StepMetrics;
import org.simclrstudio.core.train.TrainingListener;
import org.simclrstudio.core.train.TrainingRun;
import org.simclrstudio.ui.common.AppModel;
import org.simclrstudio.ui.common.BoundedSeries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State and commands of the Training workspace: the run form, start/pause/resume/cancel, live metrics
 * and chart series, and the past runs that can be reopened and compared.
 *
 * <p>Chart series are filled on the thread that trains or reads a run (ChartFX data sets lock
 * themselves); the text and progress properties change on the UI thread, at most once per pending UI
 * update however fast steps arrive.
 */
public final class TrainingViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingViewModel.class);

    /** Maximum points per chart series; older points are thinned, so memory stays bounded. */
    public static final int MAX_POINTS = 2000;
    /** Smallest default image size: the Keras encoder rejects inputs below 31 pixels. */
    public static final int MIN_IMAGE_SIZE = 32;
    private static final DateTimeFormatter RUN_NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final AppModel app;

    private final ObjectProperty<RunKind> kind = new SimpleObjectProperty<>(this, "kind", RunKind.PRETRAIN);
    private final IntegerProperty epochs = new SimpleIntegerProperty(this, "epochs", 5);
    private final IntegerProperty batchSize = new SimpleIntegerProperty(this, "batchSize", 64);
    private final DoubleProperty learningRate = new SimpleDoubleProperty(this, "learningRate", 0.001);
    private final DoubleProperty temperature = new SimpleDoubleProperty(this, "temperature", 0.1);
    private final IntegerProperty imageSize = new SimpleIntegerProperty(this, "imageSize", MIN_IMAGE_SIZE);
    private final IntegerProperty labelsPerClass = new SimpleIntegerProperty(this, "labelsPerClass", 60);
    private final IntegerProperty stepsPerEpoch = new SimpleIntegerProperty(this, "stepsPerEpoch", 0);
    private final IntegerProperty validationLimit = new SimpleIntegerProperty(this, "validationLimit", 0);
    private final ObjectProperty<RunSummary> fromRun = new SimpleObjectProperty<>(this, "fromRun");

    private final ReadOnlyObjectWrapper<TrainingState> state = new ReadOnlyObjectWrapper<>(this, "state",
            TrainingState.IDLE);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyStringWrapper lossText = new ReadOnlyStringWrapper(this, "lossText", "–");
    private final ReadOnlyStringWrapper accuracyText = new ReadOnlyStringWrapper(this, "accuracyText", "–");
    private final ReadOnlyStringWrapper validationText = new ReadOnlyStringWrapper(this, "validationText", "–");
    private final ReadOnlyStringWrapper speedText = new ReadOnlyStringWrapper(this, "speedText", "–");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper shownRun = new ReadOnlyStringWrapper(this, "shownRun", "");
    private final ReadOnlyObjectWrapper<Path> activeRunFolder = new ReadOnlyObjectWrapper<>(this, "activeRunFolder");

    private final BoundedSeries loss = new BoundedSeries("Loss", MAX_POINTS);
    private final BoundedSeries contrastiveAccuracy = new BoundedSeries("Contrastive accuracy", MAX_POINTS);
    private final BoundedSeries probeAccuracy = new BoundedSeries("Probe accuracy", MAX_POINTS);
    private final BoundedSeries trainAccuracy = new BoundedSeries("Train accuracy", MAX_POINTS);
    private final BoundedSeries validationAccuracy = new BoundedSeries("Validation accuracy", MAX_POINTS);
    private final ObservableList<BoundedSeries> comparisons = FXCollections.observableArrayList();
    private final ObservableList<BoundedSeries> comparisonsView = FXCollections.unmodifiableObservableList(comparisons);
    private final ObservableList<RunSummary> runs = FXCollections.observableArrayList();
    private final ObservableList<RunSummary> runsView = FXCollections.unmodifiableObservableList(runs);
    private final ObservableList<RunSummary> pretrainedRuns = FXCollections.observableArrayList();
    private final ObservableList<RunSummary> pretrainedRunsView =
            FXCollections.unmodifiableObservableList(pretrainedRuns);

    private final AtomicReference<StepMetrics> pendingStep = new AtomicReference<>();
    private final AtomicBoolean uiUpdateScheduled = new AtomicBoolean();
    private final BooleanBinding canStart;
    private RunControl control;
    private TaskHandle handle;
    private long stepPoints;

    /** Creates the ViewModel, restoring the form from the settings and listing the past runs. */
    public TrainingViewModel(AppModel app) {
        this.app = app;
        restoreForm(app.settings().training);
        canStart = Bindings.createBooleanBinding(() -> state.get() == TrainingState.IDLE
                && app.activeDataset() != null
                && (kind.get() != RunKind.FINETUNE || fromRun.get() != null),
                state, app.activeDatasetProperty(), kind, fromRun);
        app.activeDatasetProperty().addListener((observable, old, dataset) -> adoptImageSize(dataset));
        adoptImageSize(app.activeDataset());
        refreshRuns();
    }

    private void adoptImageSize(Dataset dataset) {
        if (dataset == null) {
            return;
        }
        // The Keras encoder's four unpadded stride-2 convolutions need at least 31 pixels, so
        // Fashion-MNIST's 28-pixel images train at 32, the size the Keras recipe uses for it.
        dataset.split(Dataset.TRAIN).map(DatasetSplit::imageWidth).filter(width -> width > 0)
                .ifPresent(width -> imageSize.set(Math.max(MIN_IMAGE_SIZE, width)));
    }

    /** Returns the run configuration the form describes, for a new run folder under the runs folder. */
    public RunConfig buildConfig(String runName) {
        Dataset dataset = app.activeDataset();
        if (dataset == null) {
            throw new IllegalStateException("Open a dataset in the Datasets workspace first");
        }
        RunConfig.Builder builder = RunConfig.builder(kind.get())
                .dataDir(dataset.location())
                .format(dataset.format())
                .outDir(app.runsFolder().resolve(runName))
                .epochs(epochs.get())
                .batchSize(batchSize.get())
                .imageSize(imageSize.get())
                .labelsPerClass(labelsPerClass.get())
                .temperature(temperature.get())
                .learningRate(learningRate.get())
                .device(app.deviceProperty().get())
                .stepsPerEpoch(stepsPerEpoch.get())
                .validationLimit(validationLimit.get());
        if (kind.get() == RunKind.FINETUNE && fromRun.get() != null) {
            builder.fromRun(fromRun.get().folder().dir());
        }
        return builder.build();
    }

    /** Starts a run with the form's values; does nothing unless {@link #canStartBinding()} holds. */
    public void start() {
        if (!canStart.get()) {
            return;
        }
        String name = kind.get().cliName() + "-" + LocalDateTime.now().format(RUN_NAME_TIME);
        RunConfig config;
        try {
            config = buildConfig(uniqueName(name));
        } catch (IllegalArgumentException | IllegalStateException e) {
            error.set(e.getMessage());
            return;
        }
        saveForm();
        error.set("");
        status.set("Starting " + config.outDir().getFileName() + "…");
        shownRun.set(config.outDir().getFileName().toString());
        activeRunFolder.set(config.outDir());
        lossText.set("–");
        accuracyText.set("–");
        validationText.set("–");
        speedText.set("–");
        progress.set(0);
        progressText.set("");
        RunControl runControl = new RunControl();
        control = runControl;
        state.set(TrainingState.RUNNING);
        handle = app.tasks().submit("Training " + config.outDir().getFileName(), context -> {
            clearLiveSeries();
            TrainingListener listener = new TrainingListener() {
                @Override
                public void onStep(StepMetrics metrics) {
                    recordStep(metrics);
                    context.progress(metrics.step(), metrics.totalSteps(), "epoch " + metrics.epoch());
                    if (context.isCancelled()) {
                        runControl.cancel();
                    }
                }

                @Override
                public void onEpoch(EpochMetrics metrics) {
                    validationAccuracy.add(metrics.epoch(), metrics.validationAccuracy());
                    app.uiThread().execute(() -> showEpoch(metrics));
                }
            };
            return TrainingRun.run(config, false, listener, runControl);
        }, new TaskObserver<>() {
            @Override
            public void onSucceeded(RunOutcome outcome) {
                finish(outcome.status() == RunOutcome.Status.FAILED ? "" : outcome.message(),
                        outcome.status() == RunOutcome.Status.FAILED ? outcome.message() : "");
            }

            @Override
            public void onFailed(Throwable failure) {
                LOG.warn("Training failed", failure);
                finish("", failure.getMessage() == null ? failure.toString() : failure.getMessage());
            }

            @Override
            public void onCancelled() {
                finish("Run cancelled", "");
            }
        });
    }

    private String uniqueName(String name) {
        String candidate = name;
        for (int i = 2; java.nio.file.Files.exists(app.runsFolder().resolve(candidate)); i++) {
            candidate = name + "-" + i;
        }
        return candidate;
    }

    private void finish(String message, String failure) {
        state.set(TrainingState.IDLE);
        control = null;
        handle = null;
        status.set(message);
        error.set(failure);
        flushStep();
        refreshRuns();
    }

    /** Asks the run to pause after its current step. */
    public void pause() {
        if (control != null && state.get() == TrainingState.RUNNING) {
            control.pause();
            state.set(TrainingState.PAUSED);
            status.set("Paused after the current step");
        }
    }

    /** Lets a paused run continue. */
    public void resume() {
        if (control != null && state.get() == TrainingState.PAUSED) {
            control.resume();
            state.set(TrainingState.RUNNING);
            status.set("Training");
        }
    }

    /** Asks the run to stop after its current step; it writes a checkpoint so it can be resumed from the CLI. */
    public void cancel() {
        if (control != null && (state.get() == TrainingState.RUNNING || state.get() == TrainingState.PAUSED)) {
            control.cancel();
            if (handle != null) {
                handle.cancel();
            }
            state.set(TrainingState.STOPPING);
            status.set("Stopping after the current step…");
        }
    }

    private void clearLiveSeries() {
        loss.clear();
        contrastiveAccuracy.clear();
        probeAccuracy.clear();
        trainAccuracy.clear();
        validationAccuracy.clear();
    }

    /** Adds a step's points to the series (caller's thread) and schedules one UI update for the newest step. */
    private void recordStep(StepMetrics metrics) {
        double x = metrics.step();
        loss.add(x, metrics.loss());
        contrastiveAccuracy.add(x, metrics.contrastiveAccuracy());
        probeAccuracy.add(x, metrics.probeAccuracy());
        trainAccuracy.add(x, metrics.trainAccuracy());
        stepPoints++;
        pendingStep.set(metrics);
        if (uiUpdateScheduled.compareAndSet(false, true)) {
            app.uiThread().execute(this::flushStep);
        }
    }

    private void flushStep() {
        uiUpdateScheduled.set(false);
        StepMetrics metrics = pendingStep.getAndSet(null);
        if (metrics == null) {
            return;
        }
        progress.set(metrics.totalSteps() > 0 ? (double) metrics.step() / metrics.totalSteps() : -1);
        progressText.set(String.format(Locale.ROOT, "Epoch %d/%d · step %,d/%,d · %s img/s · ETA %s",
                metrics.epoch(), epochs.get(), metrics.step(), metrics.totalSteps(),
                formatNumber(metrics.imagesPerSecond()), formatDuration(metrics.etaSeconds())));
        lossText.set(formatValue(metrics.loss(), "%.4f"));
        double accuracy = firstFinite(metrics.contrastiveAccuracy(), metrics.trainAccuracy());
        accuracyText.set(formatPercent(accuracy));
        speedText.set(formatNumber(metrics.imagesPerSecond()));
        if (state.get() == TrainingState.RUNNING) {
            status.set("Training");
        }
    }

    private void showEpoch(EpochMetrics metrics) {
        validationText.set(formatPercent(metrics.validationAccuracy()));
    }

    /** Reads the runs folder again. */
    public void refreshRuns() {
        Path folder = app.runsFolder();
        app.previews().submit("Listing runs", context -> RunStore.list(folder), new TaskObserver<>() {
            @Override
            public void onSucceeded(List<RunSummary> result) {
                runs.setAll(result);
                RunSummary previous = fromRun.get();
                pretrainedRuns.setAll(result.stream()
                        .filter(run -> run.kind() == RunKind.PRETRAIN && run.hasModel()).toList());
                fromRun.set(pretrainedRuns.stream()
                        .filter(run -> previous != null && run.folder().equals(previous.folder()))
                        .findFirst().orElse(pretrainedRuns.isEmpty() ? null : pretrainedRuns.get(0)));
                if (comparisons.isEmpty()) {
                    compareLatest();
                }
            }

            @Override
            public void onFailed(Throwable failure) {
                error.set("Runs could not be listed: " + failure.getMessage());
            }
        });
    }

    private void compareLatest() {
        List<RunSummary> chosen = new ArrayList<>();
        for (RunKind each : List.of(RunKind.BASELINE, RunKind.FINETUNE)) {
            runs.stream().filter(run -> run.kind() == each && !run.epochs().isEmpty()).findFirst()
                    .ifPresent(chosen::add);
        }
        if (!chosen.isEmpty()) {
            compare(chosen);
        }
    }

    /** Overlays the validation accuracy per epoch of {@code selected} runs on the comparison chart. */
    public void compare(List<RunSummary> selected) {
        List<RunSummary> chosen = List.copyOf(selected);
        app.previews().submit("Comparing runs", context -> {
            List<BoundedSeries> series = new ArrayList<>();
            for (RunSummary run : chosen) {
                BoundedSeries curve = new BoundedSeries(run.name() + " (" + kindTitle(run.kind()) + ")", MAX_POINTS);
                for (EpochMetrics epoch : run.epochs()) {
                    curve.add(epoch.epoch(), epoch.validationAccuracy());
                }
                series.add(curve);
            }
            return series;
        }, new TaskObserver<>() {
            @Override
            public void onSucceeded(List<BoundedSeries> result) {
                comparisons.setAll(result);
            }
        });
    }

    /** Shows a past run's step curves and validation accuracy in the live charts. */
    public void openRun(RunSummary run) {
        if (state.get() != TrainingState.IDLE) {
            error.set("Stop the running training before opening another run");
            return;
        }
        app.previews().submit("Opening run " + run.name(), context -> {
            clearLiveSeries();
            List<StepMetrics> steps = run.folder().readSteps();
            for (StepMetrics step : steps) {
                recordStep(step);
            }
            for (EpochMetrics epoch : run.epochs()) {
                validationAccuracy.add(epoch.epoch(), epoch.validationAccuracy());
            }
            return steps.size();
        }, new TaskObserver<>() {
            @Override
            public void onSucceeded(Integer count) {
                flushStep();
                shownRun.set(run.name());
                activeRunFolder.set(run.folder().dir());
                List<EpochMetrics> epochsOfRun = run.epochs();
                validationText.set(epochsOfRun.isEmpty() ? "–"
                        : formatPercent(epochsOfRun.get(epochsOfRun.size() - 1).validationAccuracy()));
                status.set(String.format(Locale.ROOT, "Showing %s: %,d steps, %d epochs%s", run.name(), count,
                        epochsOfRun.size(), run.outcome() == null ? "" : " · " + run.outcome().message()));
                error.set("");
                if (run.hasModel() && run.kind() != RunKind.PRETRAIN) {
                    app.selectedRunProperty().set(run.folder().dir());
                }
            }

            @Override
            public void onFailed(Throwable failure) {
                error.set("Run " + run.name() + " could not be read: " + failure.getMessage());
            }
        });
    }

    private void restoreForm(Map<String, String> saved) {
        try {
            if (saved.containsKey("kind")) {
                kind.set(RunKind.valueOf(saved.get("kind")));
            }
            setInt(saved, "epochs", epochs);
            setInt(saved, "batchSize", batchSize);
            setInt(saved, "labelsPerClass", labelsPerClass);
            setInt(saved, "stepsPerEpoch", stepsPerEpoch);
            setInt(saved, "validationLimit", validationLimit);
            if (saved.containsKey("learningRate")) {
                learningRate.set(Double.parseDouble(saved.get("learningRate")));
            }
            if (saved.containsKey("temperature")) {
                temperature.set(Double.parseDouble(saved.get("temperature")));
            }
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring invalid saved training form value: {}", e.getMessage());
        }
    }

    private static void setInt(Map<String, String> saved, String key, IntegerProperty property) {
        if (saved.containsKey(key)) {
            property.set(Integer.parseInt(saved.get(key)));
        }
    }

    private void saveForm() {
        Map<String, String> saved = app.settings().training;
        saved.put("kind", kind.get().name());
        saved.put("epochs", Integer.toString(epochs.get()));
        saved.put("batchSize", Integer.toString(batchSize.get()));
        saved.put("labelsPerClass", Integer.toString(labelsPerClass.get()));
        saved.put("stepsPerEpoch", Integer.toString(stepsPerEpoch.get()));
        saved.put("validationLimit", Integer.toString(validationLimit.get()));
        saved.put("learningRate", Double.toString(learningRate.get()));
        saved.put("temperature", Double.toString(temperature.get()));
    }

    /** Returns a title for a run kind, such as "Fine-tune". */
    public static String kindTitle(RunKind runKind) {
        return switch (runKind) {
            case PRETRAIN -> "Pretrain";
            case FINETUNE -> "Fine-tune";
            case BASELINE -> "Baseline";
        };
    }

    static String formatDuration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "–";
        }
        long total = Math.round(seconds);
        if (total >= 3600) {
            return String.format(Locale.ROOT, "%d h %02d min", total / 3600, (total % 3600) / 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", total / 60, total % 60);
    }

    private static String formatNumber(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%,.0f", value) : "–";
    }

    private static String formatValue(double value, String format) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, format, value) : "–";
    }

    private static String formatPercent(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.1f %%", value * 100) : "–";
    }

    private static double firstFinite(double first, double second) {
        return Double.isFinite(first) ? first : second;
    }

    /** Number of step points recorded since the ViewModel was created, for tests. */
    public long stepPointCount() {
        return stepPoints;
    }

    /** Whether a new run can start now. */
    public BooleanBinding canStartBinding() {
        return canStart;
    }

    /** Run kind of the next run. */
    public ObjectProperty<RunKind> kindProperty() {
        return kind;
    }

    /** Epochs of the next run. */
    public IntegerProperty epochsProperty() {
        return epochs;
    }

    /** Images per step of the next run. */
    public IntegerProperty batchSizeProperty() {
        return batchSize;
    }

    /** Adam learning rate of the next run. */
    public DoubleProperty learningRateProperty() {
        return learningRate;
    }

    /** NT-Xent temperature of the next pretraining run. */
    public DoubleProperty temperatureProperty() {
        return temperature;
    }

    /** Network input size in pixels of the next run. */
    public IntegerProperty imageSizeProperty() {
        return imageSize;
    }

    /** Labelled images per class of the next run; 0 uses every labelled image. */
    public IntegerProperty labelsPerClassProperty() {
        return labelsPerClass;
    }

    /** Cap on steps per epoch of the next run; 0 for a full pass. */
    public IntegerProperty stepsPerEpochProperty() {
        return stepsPerEpoch;
    }

    /** Test images used for validation each epoch; 0 uses the whole test split. */
    public IntegerProperty validationLimitProperty() {
        return validationLimit;
    }

    /** Pretraining run a fine-tune starts from. */
    public ObjectProperty<RunSummary> fromRunProperty() {
        return fromRun;
    }

    /** Training device: {@code auto}, {@code cpu} or {@code gpu} (shared with the status bar). */
    public StringProperty deviceProperty() {
        return app.deviceProperty();
    }

    /** State of the run: idle, running, paused or stopping. */
    public ReadOnlyObjectProperty<TrainingState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** Fraction of the run's steps done, 0..1. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** Progress line with epoch, step, images/s and ETA. */
    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** Latest step loss. */
    public ReadOnlyStringProperty lossTextProperty() {
        return lossText.getReadOnlyProperty();
    }

    /** Latest contrastive accuracy (pretraining) or train accuracy (fine-tune, baseline). */
    public ReadOnlyStringProperty accuracyTextProperty() {
        return accuracyText.getReadOnlyProperty();
    }

    /** Latest validation accuracy. */
    public ReadOnlyStringProperty validationTextProperty() {
        return validationText.getReadOnlyProperty();
    }

    /** Latest images per second. */
    public ReadOnlyStringProperty speedTextProperty() {
        return speedText.getReadOnlyProperty();
    }

    /** One line on the run's state or outcome. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Last error as one line, empty when none. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Name of the run shown in the charts. */
    public ReadOnlyStringProperty shownRunProperty() {
        return shownRun.getReadOnlyProperty();
    }

    /** Folder of the run shown in the charts, null before any. */
    public ReadOnlyObjectProperty<Path> activeRunFolderProperty() {
        return activeRunFolder.getReadOnlyProperty();
    }

    /** Loss per step. */
    public BoundedSeries lossSeries() {
        return loss;
    }

    /** Contrastive accuracy per step (pretraining). */
    public BoundedSeries contrastiveAccuracySeries() {
        return contrastiveAccuracy;
    }

    /** Linear probe batch accuracy per step (pretraining). */
    public BoundedSeries probeAccuracySeries() {
        return probeAccuracy;
    }

    /** Classifier batch accuracy per step (fine-tune, baseline). */
    public BoundedSeries trainAccuracySeries() {
        return trainAccuracy;
    }

    /** Validation accuracy per epoch of the run shown. */
    public BoundedSeries validationAccuracySeries() {
        return validationAccuracy;
    }

    /** Validation accuracy per epoch of the compared runs. */
    public ObservableList<BoundedSeries> comparisons() {
        return comparisonsView;
    }

    /** Past runs, newest first. */
    public ObservableList<RunSummary> runs() {
        return runsView;
    }

    /** Pretraining runs with weights, the choices for a fine-tune. */
    public ObservableList<RunSummary> pretrainedRuns() {
        return pretrainedRunsView;
    }

    /** Reads the summary of one run folder, for tests and the past-runs list. */
    static RunSummary readRun(Path folder) throws IOException {
        return RunStore.read(folder);
    }
}
