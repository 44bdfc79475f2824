package org.simclrstudio.ui.classify;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.simclrstudio.core.data.RgbImage;
import org.simclrstudio.core.image.DecodedPicture;
import org.simclrstudio.core.image.ImageDecodeException;
import org.simclrstudio.core.image.ImageDecoder;
import org.simclrstudio.core.infer.Classifier;
import org.simclrstudio.core.infer.Prediction;
import org.simclrstudio.core.task.TaskObserver;
import org.simclrstudio.core.train.RunStore;
import org.simclrstudio.core.train.RunStore.RunSummary;
import org.simclrstudio.ui.common.AppModel;
import org.simclrstudio.ui.common.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State and commands of the Classify workspace: the trained models on offer, the chosen one (the
 * latest fine-tuned run by default), and the pictures given to it with their top classes.
 *
 * <p>A picture that cannot be read gets a one-line message in its entry; nothing a user drops can
 * raise an error dialog or a stack trace.
 */
public final class ClassifyViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(ClassifyViewModel.class);

    /** Number of classes shown per picture. */
    public static final int TOP_K = 5;

    /**
     * Shorter side, in pixels, of the pictures kept for display and classification. A dropped 12 MP
     * photo would hold 36 MB of pixels per card and decode several times slower; the card shows far
     * fewer pixels and the model sees at most 96.
     */
    static final int DISPLAY_SHORTER_SIDE = 768;

    private final AppModel app;
    private final ObservableList<RunSummary> models = FXCollections.observableArrayList();
    private final ObservableList<RunSummary> modelsView = FXCollections.unmodifiableObservableList(models);
    private final ObjectProperty<RunSummary> model = new SimpleObjectProperty<>(this, "model");
    private final ObservableList<ClassifiedPicture> pictures = FXCollections.observableArrayList();
    private final ObservableList<ClassifiedPicture> picturesView = FXCollections.unmodifiableObservableList(pictures);
    private final ReadOnlyBooleanWrapper noModel = new ReadOnlyBooleanWrapper(this, "noModel", true);
    private final ReadOnlyStringWrapper modelDescription = new ReadOnlyStringWrapper(this, "modelDescription", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    private Classifier classifier;
    private Path classifierRun;

    /** Creates the ViewModel and lists the runs with weights. */
    public ClassifyViewModel(AppModel app) {
        this.app = app;
        model.addListener((observable, old, value) -> {
            modelDescription.set(value == null ? "" : describe(value));
            if (value != null) {
                app.selectedRunProperty().set(value.folder().dir());
            }
        });
        app.selectedRunProperty().addListener((observable, old, run) -> selectRun(run));
        app.workspaceProperty().addListener((observable, old, workspace) -> {
            if (workspace == Workspace.CLASSIFY) {
                refreshModels();
            }
        });
        refreshModels();
    }

    /** Reads the runs folder again and picks the selected run, else the latest fine-tuned run. */
    public void refreshModels() {
        Path folder = app.runsFolder();
        app.previews().submit("Listing models", context -> RunStore.list(folder), new TaskObserver<>() {
            @Override
            public void onSucceeded(List<RunSummary> runs) {
                models.setAll(runs.stream().filter(RunSummary::hasModel)
                        .sorted(Comparator.comparingInt(ClassifyViewModel::preference)).toList());
                noModel.set(models.isEmpty());
                if (!selectRun(app.selectedRunProperty().get())) {
                    model.set(models.isEmpty() ? null : models.get(0));
                }
            }

            @Override
            public void onFailed(Throwable failure) {
                error.set("Models could not be listed: " + failure.getMessage());
            }
        });
    }

    /** Fine-tuned runs first, then baselines, then pretraining runs (their linear probe); newest first within each. */
    private static int preference(RunSummary run) {
        return switch (run.kind()) {
            case FINETUNE -> 0;
            case BASELINE -> 1;
            case PRETRAIN -> 2;
        };
    }

    private boolean selectRun(Path run) {
        if (run == null) {
            return false;
        }
        Optional<RunSummary> match = models.stream().filter(each -> each.folder().dir().equals(run)).findFirst();
        match.ifPresent(model::set);
        return match.isPresent();
    }

    /** Decodes and classifies each file in the background, adding one entry per file. */
    public void classifyFiles(List<Path> files) {
        for (Path file : files) {
            String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
            classify(name, () -> ImageDecoder.decodeForDisplay(file, DISPLAY_SHORTER_SIDE));
        }
    }

    /** Classifies a picture that came without a file, such as an image pasted from the clipboard. */
    public void classifyImage(String name, RgbImage image) {
        classify(name, () -> new DecodedPicture(image, image.width(), image.height()));
    }

    /** Reads the picture behind a dropped or pasted item. */
    @FunctionalInterface
    private interface PictureSource {
        DecodedPicture read() throws ImageDecodeException;
    }

    private void classify(String name, PictureSource source) {
        RunSummary chosen = model.get();
        app.tasks().submit("Classifying " + name, context -> {
            DecodedPicture decoded;
            try {
                decoded = source.read();
            } catch (ImageDecodeException | RuntimeException e) {
                LOG.info("Picture {} could not be read: {}", name, e.getMessage());
                return ClassifiedPicture.failed(name, readableMessage(name, e));
            }
            RgbImage image = decoded.image();
            if (chosen == null) {
                return new ClassifiedPicture(name, decoded, List.of(),
                        "No trained model yet: train one in the Training workspace");
            }
            List<Prediction> top = classifierFor(chosen.folder().dir()).classify(image, TOP_K);
            return new ClassifiedPicture(name, decoded, top, "");
        }, new TaskObserver<>() {
            @Override
            public void onSucceeded(ClassifiedPicture picture) {
                pictures.add(0, picture);
            }

            @Override
            public void onFailed(Throwable failure) {
                LOG.warn("Classifying {} failed", name, failure);
                pictures.add(0, ClassifiedPicture.failed(name, readableMessage(name, failure)));
            }
        });
    }

    private static String readableMessage(String name, Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return name + " could not be read (" + failure.getClass().getSimpleName() + ")";
        }
        return message.lines().findFirst().orElse(message);
    }

    /** Returns the loaded classifier of {@code run}, loading it (and closing the previous one) on first use. */
    private synchronized Classifier classifierFor(Path run) throws java.io.IOException {
        if (classifier == null || !run.equals(classifierRun)) {
            if (classifier != null) {
                classifier.close();
            }
            classifier = null;
            classifier = Classifier.load(run);
            classifierRun = run;
        }
        return classifier;
    }

    /** Removes every entry. */
    public void clear() {
        pictures.clear();
    }

    /** Sends the user to the Training workspace. */
    public void goToTraining() {
        app.workspaceProperty().set(Workspace.TRAINING);
    }

    /** Releases the loaded model. */
    public synchronized void close() {
        if (classifier != null) {
            classifier.close();
            classifier = null;
        }
    }

    private static String describe(RunSummary run) {
        String kind = switch (run.kind()) {
            case FINETUNE -> "fine-tuned";
            case BASELINE -> "baseline";
            case PRETRAIN -> "pretraining run, linear probe";
        };
        String accuracy = run.epochs().isEmpty() ? "" : String.format(java.util.Locale.ROOT, ", validation %.1f %%",
                100 * run.epochs().get(run.epochs().size() - 1).validationAccuracy());
        return run.name() + " (" + kind + accuracy + ")";
    }


    /** Runs with weights, best choice first. */
    public ObservableList<RunSummary> models() {
        return modelsView;
    }

    /** The model that classifies new pictures. */
    public ObjectProperty<RunSummary> modelProperty() {
        return model;
    }

    /** Classified pictures, newest first. */
    public ObservableList<ClassifiedPicture> pictures() {
        return picturesView;
    }

    /** Whether no run has weights yet. */
    public ReadOnlyBooleanProperty noModelProperty() {
        return noModel.getReadOnlyProperty();
    }

    /** One line naming the chosen model, its kind and validation accuracy. */
    public ReadOnlyStringProperty modelDescriptionProperty() {
        return modelDescription.getReadOnlyProperty();
    }

    /** Last error not tied to a picture, empty when none. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
