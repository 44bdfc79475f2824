package org.simclrstudio.ui.common;

import java.nio.file.Path;
import java.util.concurrent.Executor;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.simclrstudio.core.data.Dataset;
import org.simclrstudio.core.task.TaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State shared by the workspaces: the active dataset, the selected run, the training device, the
 * workspace on screen, the settings and the executors. Its properties change on the FX thread in the
 * app and on the test thread in ViewModel tests.
 */
public final class AppModel {

    private static final Logger LOG = LoggerFactory.getLogger(AppModel.class);

    private final TrackedExecutor tasks;
    private final TaskExecutor previews;
    private final Executor uiThread;
    private final Settings settings;
    private final Path runsFolder;
    private final Path datasetsFolder;

    private final ReadOnlyObjectWrapper<Dataset> activeDataset = new ReadOnlyObjectWrapper<>(this, "activeDataset");
    private final ReadOnlyStringWrapper activeDatasetName = new ReadOnlyStringWrapper(this, "activeDatasetName", "");
    private final ObjectProperty<Path> selectedRun = new SimpleObjectProperty<>(this, "selectedRun");
    private final StringProperty device = new SimpleStringProperty(this, "device", "auto");
    private final StringProperty deviceInUse = new SimpleStringProperty(this, "deviceInUse", "Engine starting…");
    private final ObjectProperty<Workspace> workspace = new SimpleObjectProperty<>(this, "workspace",
            Workspace.DATASETS);

    /**
     * Creates the model.
     *
     * @param executor runs long work the status bar should show (loading, training, classifying)
     * @param previews runs short work that the status bar skips (augmentation previews)
     * @param uiThread runs an action on the UI thread ({@code Platform::runLater} in the app)
     * @param settings the settings read at start-up; the model keeps them up to date
     * @param runsFolder folder holding the training runs
     * @param datasetsFolder folder for extracted and downloaded datasets
     */
    public AppModel(TaskExecutor executor, TaskExecutor previews, Executor uiThread, Settings settings,
            Path runsFolder, Path datasetsFolder) {
        this.tasks = new TrackedExecutor(executor);
        this.previews = previews;
        this.uiThread = uiThread;
        this.settings = settings;
        this.runsFolder = runsFolder;
        this.datasetsFolder = datasetsFolder;
        device.set(settings.device == null ? "auto" : settings.device);
        device.addListener((observable, old, value) -> settings.device = value);
        workspace.addListener((observable, old, value) -> settings.lastWorkspace = value.name());
    }

    /** Returns the executor for long work, tracked for the status bar. */
    public TrackedExecutor tasks() {
        return tasks;
    }

    /** Returns the executor for short preview work. */
    public TaskExecutor previews() {
        return previews;
    }

    /** Returns the executor that runs actions on the UI thread. */
    public Executor uiThread() {
        return uiThread;
    }

    /** Returns the settings saved at exit. */
    public Settings settings() {
        return settings;
    }

    /** Returns the folder holding the training runs. */
    public Path runsFolder() {
        return runsFolder;
    }

    /** Returns the folder for extracted and downloaded datasets. */
    public Path datasetsFolder() {
        return datasetsFolder;
    }

    /** The dataset every workspace works on; null until one is opened. */
    public ReadOnlyObjectProperty<Dataset> activeDatasetProperty() {
        return activeDataset.getReadOnlyProperty();
    }

    /** Returns the active dataset, or null. */
    public Dataset activeDataset() {
        return activeDataset.get();
    }

    /** Display name of the active dataset, such as "Fashion-MNIST sample". */
    public ReadOnlyStringProperty activeDatasetNameProperty() {
        return activeDatasetName.getReadOnlyProperty();
    }

    /**
     * Makes {@code dataset} the active one and closes the previous one. The path and format are
     * remembered in the settings unless {@code remember} is false (the bundled sample is found anew).
     */
    public void setActiveDataset(Dataset dataset, String name, boolean remember) {
        Dataset previous = activeDataset.get();
        activeDataset.set(dataset);
        activeDatasetName.set(name);
        if (remember) {
            settings.lastDatasetPath = dataset.location().toAbsolutePath().toString();
            settings.lastDatasetFormat = dataset.format().cliName();
        } else {
            settings.lastDatasetPath = null;
            settings.lastDatasetFormat = null;
        }
        if (previous != null && previous != dataset) {
            try {
                previous.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing dataset {} failed: {}", previous.location(), e.getMessage());
            }
        }
    }

    /** Training run chosen for classification, or null for the latest fine-tuned run. */
    public ObjectProperty<Path> selectedRunProperty() {
        return selectedRun;
    }

    /** Requested training device: {@code auto}, {@code cpu} or {@code gpu}. */
    public StringProperty deviceProperty() {
        return device;
    }

    /** Device the engine uses, as shown in the status bar, such as "CPU" or "GPU (CUDA)". */
    public StringProperty deviceInUseProperty() {
        return deviceInUse;
    }

    /** Workspace on screen; ViewModels set it to send the user elsewhere. */
    public ObjectProperty<Workspace> workspaceProperty() {
        return workspace;
    }
}
