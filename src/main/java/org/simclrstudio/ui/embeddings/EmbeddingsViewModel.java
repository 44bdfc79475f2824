package org.simclrstudio.ui.embeddings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
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
import org.simclrstudio.core.explore.FeatureEncoder;
import org.simclrstudio.core.explore.FeatureExtractor;
import org.simclrstudio.core.explore.FeatureMatrix;
import org.simclrstudio.core.explore.ModelOpener;
import org.simclrstudio.core.explore.NearestNeighbors;
import org.simclrstudio.core.explore.Neighbor;
import org.simclrstudio.core.explore.PcaProjector;
import org.simclrstudio.core.explore.Projection;
import org.simclrstudio.core.explore.ProjectionMethod;
import org.simclrstudio.core.explore.RunFolders;
import org.simclrstudio.core.explore.SplitLookup;
import org.simclrstudio.core.explore.TsneProjector;
import org.simclrstudio.core.image.ImageDecoder;
import org.simclrstudio.core.task.TaskContext;
import org.simclrstudio.core.task.TaskHandle;
import org.simclrstudio.core.task.TaskObserver;
import org.simclrstudio.ui.common.AppModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State and commands of the Embeddings workspace. It computes encoder features of a split in the
 * background and their 2-D projection (PCA or t-SNE). It also keeps the hovered and selected points,
 * and the nearest neighbours of a query image from the split or from a file.
 */
public final class EmbeddingsViewModel {

    /** Number of images encoded when the user does not choose. */
    public static final int DEFAULT_LIMIT = 2_000;
    /** Number of neighbours listed when the user does not choose, the query included. */
    public static final int DEFAULT_K = 12;

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingsViewModel.class);
    private static final long TSNE_SEED = 42;

    private final AppModel app;
    private final ModelOpener opener;

    private final ObservableList<Path> runs = FXCollections.observableArrayList();
    private final ObjectProperty<Path> selectedRun = new SimpleObjectProperty<>(this, "selectedRun");
    private final ObservableList<String> splitNames = FXCollections.observableArrayList();
    private final StringProperty selectedSplit = new SimpleStringProperty(this, "selectedSplit");
    private final IntegerProperty limit = new SimpleIntegerProperty(this, "limit", DEFAULT_LIMIT);
    private final ObjectProperty<ProjectionMethod> method = new SimpleObjectProperty<>(this, "method",
            ProjectionMethod.PCA);
    private final IntegerProperty k = new SimpleIntegerProperty(this, "k", DEFAULT_K);

    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyObjectWrapper<Projection> projection = new ReadOnlyObjectWrapper<>(this, "projection");
    private final ObservableList<String> classNames = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper hoveredIndex = new ReadOnlyIntegerWrapper(this, "hoveredIndex", -1);
    private final ReadOnlyStringWrapper hoveredCaption = new ReadOnlyStringWrapper(this, "hoveredCaption", "");
    private final ObservableList<Integer> selectedIndices = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper queryIndex = new ReadOnlyIntegerWrapper(this, "queryIndex", -1);
    private final ReadOnlyObjectWrapper<RgbImage> queryImage = new ReadOnlyObjectWrapper<>(this, "queryImage");
    private final ObservableList<Neighbor> neighbors = FXCollections.observableArrayList();

    private FeatureEncoder encoder;
    private Path encoderRun;
    private NearestNeighbors index;
    private DatasetSplit split;
    private TaskHandle running;

    /** Creates the ViewModel over the shared app state, opening run encoders with {@code opener}. */
    public EmbeddingsViewModel(AppModel app, ModelOpener opener) {
        this.app = Objects.requireNonNull(app, "app");
        this.opener = Objects.requireNonNull(opener, "opener");
        app.activeDatasetProperty().addListener((observable, old, dataset) -> showDataset(dataset));
        selectedSplit.addListener((observable, old, name) -> clearResults());
        selectedRun.addListener((observable, old, run) -> clearResults());
        showDataset(app.activeDataset());
        refreshRuns();
    }

    /** Lists the runs again from the runs folder, keeping the selection when it still exists. */
    public void refreshRuns() {
        Path previous = selectedRun.get();
        runs.setAll(RunFolders.list(app.runsFolder()));
        if (previous != null && runs.contains(previous)) {
            return;
        }
        Path preferred = app.selectedRunProperty().get();
        selectedRun.set(preferred != null && runs.contains(preferred) ? preferred : runs.isEmpty() ? null : runs.get(0));
    }

    /**
     * Encodes up to {@link #limitProperty()} images of the selected split with the selected run's
     * encoder, then projects them with the selected method, in the background.
     */
    public void compute() {
        Path run = selectedRun.get();
        Dataset dataset = app.activeDataset();
        if (run == null || dataset == null) {
            error.set(run == null ? "Choose a training run first; any pretraining, fine-tuning or baseline run works"
                    : "Open a dataset first in the Datasets workspace");
            return;
        }
        String splitName = selectedSplit.get();
        ProjectionMethod chosen = method.get();
        int wanted = limit.get();
        String device = app.deviceProperty().get();
        start("Computing embeddings", context -> {
            DatasetSplit images = SplitLookup.require(dataset, splitName);
            FeatureEncoder opened = encoderFor(run, device);
            int[] indices = FeatureExtractor.evenlySpaced(images.size(), wanted);
            FeatureMatrix features = FeatureExtractor.extract(images, indices, opened,
                    FeatureExtractor.DEFAULT_BATCH_SIZE, context);
            return new Computed(images, features, new NearestNeighbors(features), project(features, chosen, context));
        }, computed -> {
            split = computed.split();
            index = computed.index();
            projection.set(computed.projection());
            status.set(String.format(Locale.ROOT, "%,d images of split '%s', %s", computed.features().rows(),
                    split.name(), describe(computed.projection())));
        });
    }

    /** Projects the features already computed again with the selected method, in the background. */
    public void reproject() {
        NearestNeighbors current = index;
        if (current == null) {
            compute();
            return;
        }
        ProjectionMethod chosen = method.get();
        start("Projecting with " + chosen.displayName(), context -> project(current.features(), chosen, context),
                result -> {
                    projection.set(result);
                    status.set(String.format(Locale.ROOT, "%,d images of split '%s', %s", result.size(),
                            split.name(), describe(result)));
                });
    }

    /** Asks the running computation to stop. */
    public void cancel() {
        if (running != null) {
            running.cancel();
        }
    }

    /** Marks the image under the pointer, or none with -1. */
    public void hover(int splitIndex) {
        hoveredIndex.set(splitIndex);
        hoveredCaption.set(splitIndex < 0 ? "" : caption(splitIndex));
    }

    /** Replaces the selection with the points whose coordinates lie in the given rectangle. */
    public void selectRectangle(double x0, double y0, double x1, double y1) {
        Projection current = projection.get();
        if (current == null) {
            return;
        }
        double minX = Math.min(x0, x1);
        double maxX = Math.max(x0, x1);
        double minY = Math.min(y0, y1);
        double maxY = Math.max(y0, y1);
        List<Integer> inside = new ArrayList<>();
        for (int row = 0; row < current.size(); row++) {
            double x = current.x()[row];
            double y = current.y()[row];
            if (x >= minX && x <= maxX && y >= minY && y <= maxY) {
                inside.add(current.features().indices()[row]);
            }
        }
        selectedIndices.setAll(inside);
    }

    /** Lists the images most similar to split image {@code splitIndex}, which must have been encoded. */
    public void findNeighbors(int splitIndex) {
        if (index == null) {
            error.set("Compute the embeddings first; the neighbours come from the same features");
            return;
        }
        try {
            neighbors.setAll(index.ofImage(splitIndex, k.get()));
            queryIndex.set(splitIndex);
            queryImage.set(split.image(splitIndex));
            error.set("");
        } catch (IllegalArgumentException | DatasetException e) {
            error.set(e.getMessage());
        }
    }

    /** Decodes a picture file, encodes it and lists the most similar images of the split, in the background. */
    public void findNeighbors(Path file) {
        NearestNeighbors current = index;
        FeatureEncoder opened = encoder;
        if (current == null || opened == null) {
            error.set("Compute the embeddings first; the neighbours come from the same features");
            return;
        }
        int side = split.imageWidth() > 0 ? split.imageWidth() : 96;
        int wanted = k.get();
        start("Finding neighbours of " + file.getFileName(), context -> {
            RgbImage picture = ImageDecoder.decode(file);
            float[] vector = FeatureExtractor.encodeImage(picture, opened, side);
            return new Query(picture, current.ofVector(vector, wanted));
        }, query -> {
            queryIndex.set(-1);
            queryImage.set(query.picture());
            neighbors.setAll(query.neighbors());
        });
    }

    /** Reads split image {@code splitIndex} for a thumbnail; safe on any thread. */
    public RgbImage image(int splitIndex) throws DatasetException {
        DatasetSplit current = split;
        if (current == null) {
            throw new DatasetException("No embeddings computed yet");
        }
        return current.image(splitIndex);
    }

    /** Returns a one-line description of split image {@code splitIndex}: its index and class. */
    public String caption(int splitIndex) {
        DatasetSplit current = split;
        if (current == null || splitIndex < 0 || splitIndex >= current.size()) {
            return "";
        }
        int label = current.label(splitIndex);
        String className = label >= 0 && label < classNames.size() ? classNames.get(label) : "unlabelled";
        return "#" + splitIndex + " · " + className;
    }

    /** Frees the encoder; call when the workspace is discarded. */
    public void close() {
        closeEncoder();
    }

    private Projection project(FeatureMatrix features, ProjectionMethod chosen, TaskContext context) {
        return switch (chosen) {
            case PCA -> PcaProjector.project(features, context);
            case TSNE -> TsneProjector.project(features, TsneProjector.Settings.defaults(TSNE_SEED), context);
        };
    }

    private FeatureEncoder encoderFor(Path run, String device) throws java.io.IOException {
        synchronized (this) {
            if (encoder == null || !run.equals(encoderRun)) {
                closeEncoder();
                encoder = opener.openEncoder(run, device);
                encoderRun = run;
            }
            return encoder;
        }
    }

    private synchronized void closeEncoder() {
        if (encoder != null) {
            encoder.close();
            encoder = null;
            encoderRun = null;
        }
    }

    private <T> void start(String title, org.simclrstudio.core.task.BackgroundTask<T> task,
            java.util.function.Consumer<T> onSuccess) {
        if (busy.get()) {
            error.set("Wait for the running computation to finish, or cancel it");
            return;
        }
        busy.set(true);
        progress.set(-1);
        error.set("");
        status.set(title + "…");
        running = app.tasks().submit(title, task, new TaskObserver<>() {
            @Override
            public void onProgress(double fraction, String message) {
                progress.set(fraction);
                if (message != null && !message.isEmpty()) {
                    status.set(message);
                }
            }

            @Override
            public void onSucceeded(T result) {
                finish();
                onSuccess.accept(result);
            }

            @Override
            public void onFailed(Throwable failure) {
                finish();
                LOG.warn("{} failed", title, failure);
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

    private void finish() {
        busy.set(false);
        progress.set(0);
        running = null;
    }

    private void showDataset(Dataset dataset) {
        clearResults();
        if (dataset == null) {
            splitNames.clear();
            classNames.clear();
            return;
        }
        classNames.setAll(dataset.classNames());
        List<String> names = dataset.splits().stream().map(DatasetSplit::name).toList();
        splitNames.setAll(names);
        selectedSplit.set(names.contains(Dataset.TEST) ? Dataset.TEST : names.isEmpty() ? null : names.get(0));
    }

    private void clearResults() {
        projection.set(null);
        index = null;
        split = null;
        selectedIndices.clear();
        neighbors.clear();
        queryIndex.set(-1);
        queryImage.set(null);
        hover(-1);
    }

    private static String describe(Projection result) {
        if (result.method() == ProjectionMethod.PCA && result.explainedVariance().length == 2) {
            return String.format(Locale.ROOT, "PCA (axes carry %.1f%% and %.1f%% of the variance)",
                    100 * result.explainedVariance()[0], 100 * result.explainedVariance()[1]);
        }
        return result.method().displayName();
    }

    private record Computed(DatasetSplit split, FeatureMatrix features, NearestNeighbors index,
            Projection projection) {
    }

    private record Query(RgbImage picture, List<Neighbor> neighbors) {
    }

    /** Training runs to choose from, newest first. */
    public ObservableList<Path> runs() {
        return runs;
    }

    /** Run whose encoder computes the features. */
    public ObjectProperty<Path> selectedRunProperty() {
        return selectedRun;
    }

    /** Names of the active dataset's splits. */
    public ObservableList<String> splitNames() {
        return splitNames;
    }

    /** Split to encode. */
    public StringProperty selectedSplitProperty() {
        return selectedSplit;
    }

    /** Largest number of images to encode, spread evenly over the split; 0 encodes all. */
    public IntegerProperty limitProperty() {
        return limit;
    }

    /** Projection method. */
    public ObjectProperty<ProjectionMethod> methodProperty() {
        return method;
    }

    /** Number of neighbours to list, the query included. */
    public IntegerProperty kProperty() {
        return k;
    }

    /** Flag that is true while a computation runs. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Progress of the running computation, 0..1, or -1 when unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** One-line status: the running step, or what the plot shows. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Last error as one line for the user; empty when none. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Projected points; null until computed. */
    public ReadOnlyObjectProperty<Projection> projectionProperty() {
        return projection.getReadOnlyProperty();
    }

    /** Class names of the active dataset, for the legend. */
    public ObservableList<String> classNames() {
        return classNames;
    }

    /** Split index of the point under the pointer, or -1. */
    public ReadOnlyIntegerProperty hoveredIndexProperty() {
        return hoveredIndex.getReadOnlyProperty();
    }

    /** Caption of the hovered point. */
    public ReadOnlyStringProperty hoveredCaptionProperty() {
        return hoveredCaption.getReadOnlyProperty();
    }

    /** Split indices of the selected points. */
    public ObservableList<Integer> selectedIndices() {
        return selectedIndices;
    }

    /** Split index of the neighbour query, or -1 for a file or no query. */
    public ReadOnlyIntegerProperty queryIndexProperty() {
        return queryIndex.getReadOnlyProperty();
    }

    /** Picture of the neighbour query; null when there is none. */
    public ReadOnlyObjectProperty<RgbImage> queryImageProperty() {
        return queryImage.getReadOnlyProperty();
    }

    /** Neighbours of the query, most similar first. */
    public ObservableList<Neighbor> neighbors() {
        return neighbors;
    }
}
