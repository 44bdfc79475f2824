package org.simclrstudio.ui.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.simclrstudio.core.data.Dataset;
import org.simclrstudio.core.data.DatasetFormat;
import org.simclrstudio.core.data.DatasetSplit;
import org.simclrstudio.core.data.RgbImage;
import org.simclrstudio.core.task.TaskHandle;
import org.simclrstudio.core.task.TaskObserver;
import org.simclrstudio.ui.common.AppModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State and commands of the Datasets workspace: the datasets on offer, the split and class shown, the
 * indices of the images in the grid and the image enlarged in the detail pane.
 */
public final class DatasetsViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetsViewModel.class);

    /** Folder where Debian's {@code dataset-fashion-mnist} package installs the IDX files. */
    public static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");
    /** Entry of the class filter that shows every class. */
    public static final String ALL_CLASSES = "All classes";

    private final AppModel app;
    private final DatasetOpener opener;

    private final ObservableList<DatasetSource> sources = FXCollections.observableArrayList();
    private final ObservableList<String> splitNames = FXCollections.observableArrayList();
    private final ObservableList<String> splitNamesView = FXCollections.unmodifiableObservableList(splitNames);
    private final StringProperty selectedSplit = new SimpleStringProperty(this, "selectedSplit");
    private final ObservableList<String> classChoices = FXCollections.observableArrayList();
    private final ObservableList<String> classChoicesView = FXCollections.unmodifiableObservableList(classChoices);
    private final StringProperty selectedClass = new SimpleStringProperty(this, "selectedClass", ALL_CLASSES);
    private final ReadOnlyObjectWrapper<DatasetSource> activeSource = new ReadOnlyObjectWrapper<>(this, "activeSource");
    private final ObservableList<Integer> images = FXCollections.observableArrayList();
    private final ObservableList<Integer> imagesView = FXCollections.unmodifiableObservableList(images);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final IntegerProperty selectedIndex = new SimpleIntegerProperty(this, "selectedIndex", -1);
    private final ReadOnlyObjectWrapper<RgbImage> selectedImage = new ReadOnlyObjectWrapper<>(this, "selectedImage");
    private final ReadOnlyStringWrapper selectedCaption = new ReadOnlyStringWrapper(this, "selectedCaption", "");
    private final ReadOnlyBooleanWrapper downloadAvailable = new ReadOnlyBooleanWrapper(this, "downloadAvailable");

    private DatasetSplit split;
    private TaskHandle filterTask;
    private Runnable downloadAction;

    /** Creates the ViewModel and lists the datasets on offer. */
    public DatasetsViewModel(AppModel app, DatasetOpener opener) {
        this.app = app;
        this.opener = opener;
        sources.setAll(discoverSources(DEBIAN_FASHION_MNIST));
        app.activeDatasetProperty().addListener((observable, old, dataset) -> showDataset(dataset));
        selectedSplit.addListener((observable, old, name) -> showSplit(name));
        selectedClass.addListener((observable, old, value) -> refilter());
        selectedIndex.addListener((observable, old, value) -> loadSelected(value.intValue()));
        if (app.activeDataset() != null) {
            showDataset(app.activeDataset());
        }
    }

    /** Returns the bundled sample, plus Fashion-MNIST when {@code fashionMnist} holds its IDX files. */
    static List<DatasetSource> discoverSources(Path fashionMnist) {
        List<DatasetSource> found = new ArrayList<>();
        found.add(new DatasetSource("Fashion-MNIST sample", "Built in: a small labelled subset, works offline",
                null, DatasetFormat.IDX));
        if (Files.isRegularFile(fashionMnist.resolve("train-images-idx3-ubyte.gz"))
                || Files.isRegularFile(fashionMnist.resolve("train-images-idx3-ubyte"))) {
            found.add(new DatasetSource("Fashion-MNIST", "Found at " + fashionMnist + ": 60,000 train, 10,000 test",
                    fashionMnist, DatasetFormat.IDX));
        }
        return found;
    }

    /** Opens the dataset of the last session when it still exists, else the bundled sample. */
    public void openStartupDataset() {
        String last = app.settings().lastDatasetPath;
        if (last != null && Files.isDirectory(Path.of(last))) {
            DatasetFormat format = parseFormat(app.settings().lastDatasetFormat);
            Path folder = Path.of(last);
            open(new DatasetSource(nameFor(folder, format), folder.toString(), folder, format));
        } else {
            open(sources.get(0));
        }
    }

    /** Opens a dataset source in the background and makes it the active dataset. */
    public void open(DatasetSource source) {
        Objects.requireNonNull(source, "source");
        busy.set(true);
        error.set("");
        app.tasks().submit("Opening " + source.name(), context -> {
            Path folder = source.isBundled() ? opener.extractBundledSample(app.datasetsFolder()) : source.folder();
            return opener.open(folder, source.format());
        }, new TaskObserver<>() {
            @Override
            public void onSucceeded(Dataset dataset) {
                busy.set(false);
                activeSource.set(source);
                app.setActiveDataset(dataset, source.name(), !source.isBundled());
            }

            @Override
            public void onFailed(Throwable failure) {
                busy.set(false);
                error.set(messageOf(failure));
            }

            @Override
            public void onCancelled() {
                busy.set(false);
            }
        });
    }

    /** Opens a folder the user picked (an STL-10 {@code stl10_binary} folder, IDX files or class folders). */
    public void openFolder(Path folder) {
        open(new DatasetSource(nameFor(folder, null), folder.toString(), folder, null));
    }

    /** Starts the STL-10 download when a downloader is installed; see {@link #setDownloadAction}. */
    public void downloadStl10() {
        if (downloadAction != null) {
            downloadAction.run();
        }
    }

    /**
     * Installs the action behind "Download STL-10"; null disables the entry. The download itself
     * (2.6 GB archive, checksum, safe extraction) belongs to the core's dataset download code.
     */
    public void setDownloadAction(Runnable action) {
        this.downloadAction = action;
        downloadAvailable.set(action != null);
    }

    private void showDataset(Dataset dataset) {
        split = null;
        images.clear();
        selectedIndex.set(-1);
        if (dataset == null) {
            splitNames.clear();
            classChoices.clear();
            summary.set("");
            return;
        }
        List<String> classes = new ArrayList<>();
        classes.add(ALL_CLASSES);
        classes.addAll(dataset.classNames());
        classChoices.setAll(classes);
        if (!classes.contains(selectedClass.get())) {
            selectedClass.set(ALL_CLASSES);
        }
        List<String> names = dataset.splits().stream().map(DatasetSplit::name).toList();
        splitNames.setAll(names);
        String wanted = names.contains(Dataset.TRAIN) ? Dataset.TRAIN : names.isEmpty() ? null : names.get(0);
        if (Objects.equals(selectedSplit.get(), wanted)) {
            showSplit(wanted);
        } else {
            selectedSplit.set(wanted);
        }
    }

    private void showSplit(String name) {
        Dataset dataset = app.activeDataset();
        split = dataset == null || name == null ? null : dataset.split(name).orElse(null);
        selectedIndex.set(-1);
        if (split != null && !split.isLabelled() && !ALL_CLASSES.equals(selectedClass.get())) {
            selectedClass.set(ALL_CLASSES);
            return;
        }
        refilter();
    }

    private void refilter() {
        if (filterTask != null) {
            filterTask.cancel();
        }
        DatasetSplit current = split;
        if (current == null) {
            images.clear();
            summary.set("");
            return;
        }
        int wantedClass = current.isLabelled() ? classChoices.indexOf(selectedClass.get()) - 1 : -1;
        filterTask = app.previews().submit("Filtering " + current.name(), context -> {
            int size = current.size();
            if (wantedClass < 0) {
                Integer[] all = new Integer[size];
                Arrays.setAll(all, i -> i);
                return all;
            }
            List<Integer> matching = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                if ((i & 4095) == 0) {
                    context.throwIfCancelled();
                }
                if (current.label(i) == wantedClass) {
                    matching.add(i);
                }
            }
            return matching.toArray(Integer[]::new);
        }, new TaskObserver<>() {
            @Override
            public void onSucceeded(Integer[] indices) {
                if (current != split) {
                    return;
                }
                images.setAll(indices);
                summary.set(describe(current, indices.length, wantedClass));
            }

            @Override
            public void onFailed(Throwable failure) {
                error.set(messageOf(failure));
            }
        });
    }

    private String describe(DatasetSplit current, int shown, int wantedClass) {
        String size = current.imageWidth() > 0 ? " · " + current.imageWidth() + "×" + current.imageHeight() + " px" : "";
        if (wantedClass < 0) {
            return String.format("%,d images%s", shown, size);
        }
        return String.format("%,d of %,d images%s", shown, current.size(), size);
    }

    private void loadSelected(int index) {
        DatasetSplit current = split;
        if (current == null || index < 0 || index >= current.size()) {
            selectedImage.set(null);
            selectedCaption.set("");
            return;
        }
        app.previews().submit("Loading image " + index, context -> current.image(index), new TaskObserver<>() {
            @Override
            public void onSucceeded(RgbImage image) {
                if (current == split && selectedIndex.get() == index) {
                    selectedImage.set(image);
                    selectedCaption.set(caption(current, index, image));
                }
            }

            @Override
            public void onFailed(Throwable failure) {
                error.set(messageOf(failure));
            }
        });
    }

    private String caption(DatasetSplit current, int index, RgbImage image) {
        String label = labelOf(current, index);
        return String.format("%s #%,d%s · %d×%d px", current.name(), index, label.isEmpty() ? "" : " · " + label,
                image.width(), image.height());
    }

    /** Returns the thumbnail key for an image of the split on screen (identity of split plus index). */
    public ThumbnailKey thumbnailKey(int index) {
        return new ThumbnailKey(split, index);
    }

    /** Reads the picture behind a thumbnail key; called on thumbnail worker threads. */
    public static RgbImage readThumbnail(Object key) throws Exception {
        ThumbnailKey thumbnail = (ThumbnailKey) key;
        return thumbnail.split().image(thumbnail.index());
    }

    /** Returns the class name of an image of the split on screen, or "" when it has no label. */
    public String labelOf(int index) {
        return split == null ? "" : labelOf(split, index);
    }

    private String labelOf(DatasetSplit current, int index) {
        Dataset dataset = app.activeDataset();
        if (dataset == null || !current.isLabelled()) {
            return "";
        }
        int label = current.label(index);
        return label >= 0 && label < dataset.classNames().size() ? dataset.classNames().get(label) : "";
    }

    private static String nameFor(Path folder, DatasetFormat format) {
        Path name = folder.getFileName();
        String base = name == null ? folder.toString() : name.toString();
        return format == DatasetFormat.STL10 || base.startsWith("stl10") ? "STL-10 (" + base + ")" : base;
    }

    private static DatasetFormat parseFormat(String name) {
        for (DatasetFormat format : DatasetFormat.values()) {
            if (format.cliName().equals(name)) {
                return format;
            }
        }
        return null;
    }

    static String messageOf(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            LOG.warn("Dataset operation failed without a message", failure);
            return failure.getClass().getSimpleName();
        }
        return message;
    }

    /** Datasets on offer: the bundled sample first, then datasets detected on this computer. */
    public ObservableList<DatasetSource> sources() {
        return sources;
    }

    /** The source of the active dataset, null until one opened. */
    public ReadOnlyObjectProperty<DatasetSource> activeSourceProperty() {
        return activeSource.getReadOnlyProperty();
    }

    /** Names of the splits of the active dataset. */
    public ObservableList<String> splitNames() {
        return splitNamesView;
    }

    /** Name of the split on screen. */
    public StringProperty selectedSplitProperty() {
        return selectedSplit;
    }

    /** Class filter entries: {@link #ALL_CLASSES} then the class names. */
    public ObservableList<String> classChoices() {
        return classChoicesView;
    }

    /** Class shown in the grid, or {@link #ALL_CLASSES}. */
    public StringProperty selectedClassProperty() {
        return selectedClass;
    }

    /** Indices (into the split) of the images in the grid. */
    public ObservableList<Integer> images() {
        return imagesView;
    }

    /** One line on the grid, such as "5,000 images · 96×96 px". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Last error as one line for the user, empty when none. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Whether a dataset is being opened. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Split index of the enlarged image, -1 for none. */
    public IntegerProperty selectedIndexProperty() {
        return selectedIndex;
    }

    /** The enlarged image, null when none is selected. */
    public ReadOnlyObjectProperty<RgbImage> selectedImageProperty() {
        return selectedImage.getReadOnlyProperty();
    }

    /** Caption of the enlarged image: split, index, class and size. */
    public ReadOnlyStringProperty selectedCaptionProperty() {
        return selectedCaption.getReadOnlyProperty();
    }

    /** Whether "Download STL-10" has an action behind it. */
    public ReadOnlyBooleanProperty downloadAvailableProperty() {
        return downloadAvailable.getReadOnlyProperty();
    }

    /**
     * Identifies one thumbnail: the split object (by identity, so a reopened dataset never shows stale
     * pictures) and the image index.
     *
     * @param split the split
     * @param index index of the image in the split
     */
    public record ThumbnailKey(DatasetSplit split, int index) {
        @Override
        public boolean equals(Object other) {
            return other instanceof ThumbnailKey key && key.split == split && key.index == index;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(split) * 31 + index;
        }
    }
}
