package org.simclrstudio.ui.shell;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.stage.Screen;
import javafx.stage.Stage;

import org.simclrstudio.app.AppDirs;
import org.simclrstudio.core.BuildInfo;
import org.simclrstudio.core.engine.DeviceDescription;
import org.simclrstudio.core.engine.GpuSupport;
import org.simclrstudio.core.explore.RunEncoders;
import org.simclrstudio.core.model.Devices;
import org.simclrstudio.core.task.TaskExecutor;
import org.simclrstudio.core.task.TaskObserver;
import org.simclrstudio.ui.augment.AugmentView;
import org.simclrstudio.ui.augment.AugmentViewModel;
import org.simclrstudio.ui.classify.ClassifyView;
import org.simclrstudio.ui.classify.ClassifyViewModel;
import org.simclrstudio.ui.common.AppModel;
import org.simclrstudio.ui.common.Settings;
import org.simclrstudio.ui.common.SettingsStore;
import org.simclrstudio.ui.common.Ui;
import org.simclrstudio.ui.common.Workspace;
import org.simclrstudio.ui.datasets.DatasetOpener;
import org.simclrstudio.ui.training.TrainingView;
import org.simclrstudio.ui.training.TrainingViewModel;
import org.simclrstudio.ui.datasets.DatasetsView;
import org.simclrstudio.ui.datasets.DatasetsViewModel;
import org.simclrstudio.ui.embeddings.EmbeddingsView;
import org.simclrstudio.ui.embeddings.EmbeddingsViewModel;
import org.simclrstudio.ui.evaluation.EvaluationView;
import org.simclrstudio.ui.evaluation.EvaluationViewModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the application: the shared model, one ViewModel per workspace, the main view and the
 * window. Tests build it with a temporary application folder and show it on their own stage.
 */
public final class StudioShell {

    private static final Logger LOG = LoggerFactory.getLogger(StudioShell.class);

    private final SettingsStore settingsStore;
    private final AppModel app;
    private final DatasetsViewModel datasets;
    private final GpuSetupViewModel gpu;
    private AugmentViewModel augment;
    private TrainingViewModel training;
    private ClassifyViewModel classify;
    private ClassifyView classifyView;
    private MainView mainView;
    private Stage stage;

    private StudioShell(SettingsStore settingsStore, AppModel app) {
        this.settingsStore = settingsStore;
        this.app = app;
        this.datasets = new DatasetsViewModel(app, DatasetOpener.core());
        this.gpu = new GpuSetupViewModel(app, new GpuSupport(GpuSupport.engineCacheDir(AppDirs.djlCache()),
                BuildInfo.pytorchVersion()));
    }

    /**
     * Creates the shell: reads the settings and builds the shared model around {@code executor}.
     *
     * @param runs folder of the training runs
     * @param datasetsFolder folder for extracted and downloaded datasets
     */
    public static StudioShell create(SettingsStore settingsStore, TaskExecutor executor, Path runs,
            Path datasetsFolder) {
        Settings settings = settingsStore.load();
        AppModel app = new AppModel(executor, executor, Platform::runLater, settings, runs, datasetsFolder);
        try {
            app.workspaceProperty().set(Workspace.valueOf(settings.lastWorkspace));
        } catch (IllegalArgumentException | NullPointerException e) {
            app.workspaceProperty().set(Workspace.DATASETS);
        }
        return new StudioShell(settingsStore, app);
    }

    /** Returns the shared model. */
    public AppModel app() {
        return app;
    }

    /** Returns the Datasets workspace's ViewModel. */
    public DatasetsViewModel datasets() {
        return datasets;
    }

    /** Returns the Augmentations workspace's ViewModel, created on first use. */
    public AugmentViewModel augment() {
        if (augment == null) {
            augment = new AugmentViewModel(app);
        }
        return augment;
    }

    /** Returns the Training workspace's ViewModel, created on first use. */
    public TrainingViewModel training() {
        if (training == null) {
            training = new TrainingViewModel(app);
        }
        return training;
    }

    /** Returns the Classify workspace's ViewModel, created on first use. */
    public ClassifyViewModel classify() {
        if (classify == null) {
            classify = new ClassifyViewModel(app);
        }
        return classify;
    }

    private ClassifyView classifyView() {
        if (classifyView == null) {
            classifyView = new ClassifyView(classify());
        }
        return classifyView;
    }

    /** Returns the main view, built by {@link #show(Stage)}. */
    public MainView mainView() {
        return mainView;
    }

    /** Builds the main view on {@code stage}, restores its bounds, shows it and opens the start-up dataset. */
    public void show(Stage stage) {
        this.stage = stage;
        Map<Workspace, Supplier<Node>> factories = new EnumMap<>(Workspace.class);
        factories.put(Workspace.DATASETS, () -> new DatasetsView(datasets));
        factories.put(Workspace.AUGMENTATIONS, () -> new AugmentView(augment()));
        factories.put(Workspace.TRAINING, () -> new TrainingView(training()));
        factories.put(Workspace.CLASSIFY, () -> classifyView());
        factories.put(Workspace.EVALUATION, () -> new EvaluationView(new EvaluationViewModel(app, RunEncoders.opener())));
        factories.put(Workspace.EMBEDDINGS, () -> new EmbeddingsView(new EmbeddingsViewModel(app, RunEncoders.opener())));
        mainView = new MainView(app, factories, gpu, this::showAbout);
        Scene scene = new Scene(mainView);
        installDropAndPaste(scene);
        scene.getStylesheets().add(Ui.stylesheet());
        gpu.confirmationProperty().addListener((observable, old, question) -> {
            if (!question.isEmpty()) {
                confirmGpuDownload(question);
            }
        });
        stage.setScene(scene);
        stage.setTitle("SimCLR Studio");
        stage.setMinWidth(960);
        stage.setMinHeight(640);
        restoreBounds(stage, app.settings());
        stage.setOnHidden(event -> saveSettings());
        stage.show();
        datasets.openStartupDataset();
        startEngine();
    }

    /**
     * Loads the PyTorch engine in the background (the first start extracts libtorch, several seconds)
     * and shows the device it will train on.
     */
    private void startEngine() {
        GpuSupport support = new GpuSupport(GpuSupport.engineCacheDir(AppDirs.djlCache()), BuildInfo.pytorchVersion());
        app.tasks().submit("Starting the PyTorch engine", context -> {
            Devices.configureThreads();
            return support.describeDevice();
        }, new TaskObserver<DeviceDescription>() {
            @Override
            public void onSucceeded(DeviceDescription device) {
                gpu.showDevice(device);
            }

            @Override
            public void onFailed(Throwable error) {
                app.deviceInUseProperty().set("Engine failed to start: " + error.getMessage());
            }
        });
    }

    /** Files dropped or pasted on any workspace go to the Classify workspace. */
    private void installDropAndPaste(Scene scene) {
        scene.setOnDragOver(event -> {
            if (event.getDragboard().hasFiles()) {
                event.acceptTransferModes(TransferMode.COPY);
            }
        });
        scene.setOnDragDropped(event -> {
            if (event.getDragboard().hasFiles()) {
                app.workspaceProperty().set(Workspace.CLASSIFY);
                classifyView().dropFiles(event.getDragboard().getFiles());
                event.setDropCompleted(true);
                event.consume();
            }
        });
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.V, KeyCombination.SHORTCUT_DOWN), () -> {
            Clipboard clipboard = Clipboard.getSystemClipboard();
            if (clipboard.hasFiles() || clipboard.hasImage()) {
                app.workspaceProperty().set(Workspace.CLASSIFY);
                classifyView().paste(clipboard);
            }
        });
    }

    private void confirmGpuDownload(String question) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, question, ButtonType.OK, ButtonType.CANCEL);
        alert.initOwner(stage);
        alert.setTitle("Enable GPU");
        alert.setHeaderText("Download the CUDA build of libtorch");
        alert.getDialogPane().getStylesheets().add(Ui.stylesheet());
        if (alert.showAndWait().filter(ButtonType.OK::equals).isPresent()) {
            gpu.confirmDownload();
        } else {
            gpu.declineDownload();
        }
    }

    private void showAbout() {
        new AboutDialog(stage, app.deviceInUseProperty().get()).showAndWait();
    }

    /** Places the window where it was, unless that spot is on no screen any more. */
    static void restoreBounds(Stage stage, Settings settings) {
        stage.setWidth(Math.max(960, settings.windowWidth));
        stage.setHeight(Math.max(640, settings.windowHeight));
        if (Double.isFinite(settings.windowX) && Double.isFinite(settings.windowY)) {
            List<Screen> screens = Screen.getScreensForRectangle(
                    new Rectangle2D(settings.windowX, settings.windowY, 100, 100));
            if (!screens.isEmpty()) {
                stage.setX(settings.windowX);
                stage.setY(settings.windowY);
            }
        }
        stage.setMaximized(settings.maximized);
    }

    /** Copies the window bounds into the settings and writes them. */
    public void saveSettings() {
        Settings settings = app.settings();
        if (stage != null) {
            settings.maximized = stage.isMaximized();
            if (!stage.isMaximized()) {
                settings.windowX = stage.getX();
                settings.windowY = stage.getY();
                settings.windowWidth = stage.getWidth();
                settings.windowHeight = stage.getHeight();
            }
        }
        settingsStore.save(settings);
        LOG.info("Settings saved to {}", settingsStore.file());
    }

    /** Saves the settings and stops background work; called when the app exits. */
    public void shutdown() {
        if (training != null) {
            training.cancel();
        }
        if (classify != null) {
            classify.close();
        }
        saveSettings();
    }
}
