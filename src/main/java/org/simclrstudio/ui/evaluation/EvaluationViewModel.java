package org.simclrstudio.ui.evaluation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.simclrstudio.core.data.Dataset;
import org.simclrstudio.core.data.DatasetException;
import org.simclrstudio.core.data.DatasetSplit;
import org.simclrstudio.core.data.RgbImage;
import org.simclrstudio.core.explore.Evaluation;
import org.simclrstudio.core.explore.FeatureEncoder;
import org.simclrstudio.core.explore.FeatureExtractor;
import org.simclrstudio.core.explore.FeatureMatrix;
import org.simclrstudio.core.explore.ModelOpener;
import org.simclrstudio.core.explore.RunFolders;
import org.simclrstudio.core.explore.SplitLookup;
import org.simclrstudio.core.task.TaskContext;
import org.simclrstudio.core.task.TaskHandle;
import org.simclrstudio.core.task.TaskObserver;
import org.simclrstudio.ui.common.AppModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State and commands of the Evaluation workspace. It evaluates a model on a labelled split, and
 * optionally a second one to compare, such as the baseline next to the fine-tuned run. It also keeps
 * the misclassified images of the first model and the one shown enlarged.
 */
public final class EvaluationViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(EvaluationViewModel.class);

    private final AppModel app;
    private final ModelOpener opener;

    private final ObservableList<Path> runs = FXCollections.observableArrayList();
    private final ObjectProperty<Path> selectedRun = new SimpleObjectProperty<>(this, "selectedRun");
    private final ObjectProperty<Path> comparedRun = new SimpleObjectProperty<>(this, "comparedRun");
    private final ObservableList<String> splitNames = FXCollections.observableArrayList();
    private final StringProperty selectedSplit = new SimpleStringProperty(this, "selectedSplit");

    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyObjectWrapper<Evaluation> evaluation = new ReadOnlyObjectWrapper<>(this, "evaluation");
    private final ReadOnlyObjectWrapper<Evaluation> comparison = new ReadOnlyObjectWrapper<>(this, "comparison");
    private final ObservableList<Integer> misclassified = FXCollections.observableArrayList();
    private final IntegerProperty enlargedRow = new SimpleIntegerProperty(this, "enlargedRow", -1);
    private final ReadOnlyObjectWrapper<RgbImage> enlargedImage = new ReadOnlyObjectWrapper<>(this, "enlargedImage");
    private final ReadOnlyStringWrapper enlargedCaption = new ReadOnlyStringWrapper(this, "enlargedCaption", "");

    private DatasetSplit split;
    private TaskHandle running;

    /** Creates the ViewModel over the shared app state, opening run classifiers with {@code opener}. */
    public EvaluationViewModel(AppModel app, ModelOpener opener) {
        this.app = Objects.requireNonNull(app, "app");
        this.opener = Objects.requireNonNull(opener, "opener");
        app.activeDatasetProperty().addListener((observable, old, dataset) -> showDataset(dataset));
        enlargedRow.addListener((observable, old, row) -> loadEnlarged(row.intValue()));
        showDataset(app.activeDataset());
        refreshRuns();
    }

    /** Lists the runs again from the runs folder, keeping the selections that still exist. */
    public void refreshRuns() {
        Path previous = selectedRun.get();
        runs.setAll(RunFolders.list(app.runsFolder()));
        if (comparedRun.get() != null && !runs.contains(comparedRun.get())) {
            comparedRun.set(null);
        }
        if (previous == null || !runs.contains(previous)) {
            Path preferred = app.selectedRunProperty().get();
            selectedRun.set(preferred != null && runs.contains(preferred) ? preferred
                    : runs.isEmpty() ? null : runs.get(0));
        }
    }

    /** Evaluates the selected run, and the compared run when one is chosen, in the background. */
    public void evaluate() {
        Path run = selectedRun.get();
        Path other = comparedRun.get();
        Dataset dataset = app.activeDataset();
        if (run == null || dataset == null) {
            error.set(run == null ? "Choose a training run first" : "Open a dataset first in the Datasets workspace");
            return;
        }
        if (busy.get()) {
            error.set("Wait for the running evaluation to finish, or cancel it");
            return;
        }
        String splitName = selectedSplit.get();
        String device = app.deviceProperty().get();
        busy.set(true);
        progress.set(-1);
        error.set("");
        status.set("Evaluating " + run.getFileName() + "…");
        running = app.tasks().submit("Evaluating " + run.getFileName(), context -> {
            DatasetSplit images = SplitLookup.require(dataset, splitName);
            if (!images.isLabelled()) {
                throw new DatasetException("Split '" + splitName + "' has no labels; evaluate the test or train split");
            }
            Evaluation first = evaluate(run, images, dataset, device, context);
            Evaluation second = other == null || other.equals(run) ? null
                    : evaluate(other, images, dataset, device, context);
            return new Result(images, first, second);
        }, new TaskObserver<>() {
            @Override
            public void onProgress(double fraction, String message) {
                progress.set(fraction);
                status.set(message);
            }

            @Override
            public void onSucceeded(Result result) {
                finish();
                show(result);
            }

            @Override
            public void onFailed(Throwable failure) {
                finish();
                LOG.warn("Evaluation of {} failed", run, failure);
                status.set("");
                error.set(failure.getMessage() != null ? failure.getMessage() : failure.toString());
            }

            @Override
            public void onCancelled() {
                finish();
                status.set("Cancelled");
            }
        });
    }

    /** Asks the running evaluation to stop. */
    public void cancel() {
        if (running != null) {
            running.cancel();
        }
    }

    /** Reads split image {@code splitIndex} for a thumbnail; safe on any thread. */
    public RgbImage image(int splitIndex) throws DatasetException {
        DatasetSplit current = split;
        if (current == null) {
            throw new DatasetException("No evaluation yet");
        }
        return current.image(splitIndex);
    }

    /** Returns "true class → predicted class (confidence)" for evaluation row {@code row}. */
    public String caption(int row) {
        Evaluation current = evaluation.get();
        if (current == null || row < 0 || row >= current.size()) {
            return "";
        }
        return String.format(Locale.ROOT, "#%d  true: %s, predicted: %s (%.0f%%)", current.indices()[row],
                current.classNames().get(current.labels()[row]), current.classNames().get(current.predictions()[row]),
                100 * current.confidences()[row]);
    }

    /** Returns a one-line summary of {@code result}: run, accuracy and split. */
    public static String summary(Path run, Evaluation result) {
        return String.format(Locale.ROOT, "%s: %.1f%% of %,d %s images", run == null ? "model" : run.getFileName(),
                100 * result.accuracy(), result.size(), result.splitName());
    }

    private Evaluation evaluate(Path run, DatasetSplit images, Dataset dataset, String device, TaskContext context)
            throws IOException, DatasetException {
        try (FeatureEncoder classifier = opener.openClassifier(run, device)) {
            int[] all = FeatureExtractor.evenlySpaced(images.size(), 0);
            FeatureMatrix logits = FeatureExtractor.extract(images, all, classifier, FeatureExtractor.DEFAULT_BATCH_SIZE,
                    context);
            return Evaluation.fromLogits(logits, dataset.classNames());
        }
    }

    private void show(Result result) {
        split = result.split();
        evaluation.set(result.first());
        comparison.set(result.second());
        misclassified.setAll(result.first().misclassifiedRows());
        enlargedRow.set(-1);
        String text = summary(selectedRun.get(), result.first());
        if (result.second() != null) {
            text += "  |  " + summary(comparedRun.get(), result.second());
        }
        status.set(text);
    }

    private void loadEnlarged(int row) {
        Evaluation current = evaluation.get();
        if (current == null || row < 0 || row >= current.size()) {
            enlargedImage.set(null);
            enlargedCaption.set("");
            return;
        }
        try {
            enlargedImage.set(split.image(current.indices()[row]));
            enlargedCaption.set(caption(row));
        } catch (DatasetException e) {
            enlargedImage.set(null);
            enlargedCaption.set(e.getMessage());
        }
    }

    private void finish() {
        busy.set(false);
        progress.set(0);
        running = null;
    }

    private void showDataset(Dataset dataset) {
        evaluation.set(null);
        comparison.set(null);
        misclassified.clear();
        enlargedRow.set(-1);
        split = null;
        if (dataset == null) {
            splitNames.clear();
            return;
        }
        java.util.List<String> labelled = dataset.splits().stream().filter(DatasetSplit::isLabelled)
                .map(DatasetSplit::name).toList();
        splitNames.setAll(labelled);
        selectedSplit.set(labelled.contains(Dataset.TEST) ? Dataset.TEST : labelled.isEmpty() ? null : labelled.get(0));
    }

    private record Result(DatasetSplit split, Evaluation first, Evaluation second) {
    }

    /** Training runs to choose from, newest first. */
    public ObservableList<Path> runs() {
        return runs;
    }

    /** Run to evaluate. */
    public ObjectProperty<Path> selectedRunProperty() {
        return selectedRun;
    }

    /** Second run shown side by side, or null. */
    public ObjectProperty<Path> comparedRunProperty() {
        return comparedRun;
    }

    /** Names of the active dataset's labelled splits. */
    public ObservableList<String> splitNames() {
        return splitNames;
    }

    /** Split to evaluate on. */
    public StringProperty selectedSplitProperty() {
        return selectedSplit;
    }

    /** Flag that is true while an evaluation runs. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Progress of the running evaluation, 0..1, or -1 when unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** One-line status: the running step, or the accuracies. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Last error as one line for the user; empty when none. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Evaluation of the selected run; null until computed. */
    public ReadOnlyObjectProperty<Evaluation> evaluationProperty() {
        return evaluation.getReadOnlyProperty();
    }

    /** Evaluation of the compared run; null when none was chosen. */
    public ReadOnlyObjectProperty<Evaluation> comparisonProperty() {
        return comparison.getReadOnlyProperty();
    }

    /** Evaluation rows of the selected run's mistakes, most confident first. */
    public ObservableList<Integer> misclassified() {
        return misclassified;
    }

    /** Evaluation row shown large, or -1. */
    public IntegerProperty enlargedRowProperty() {
        return enlargedRow;
    }

    /** Picture of the enlarged row; null when none. */
    public ReadOnlyObjectProperty<RgbImage> enlargedImageProperty() {
        return enlargedImage.getReadOnlyProperty();
    }

    /** Caption of the enlarged row. */
    public ReadOnlyStringProperty enlargedCaptionProperty() {
        return enlargedCaption.getReadOnlyProperty();
    }
}
