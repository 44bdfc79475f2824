package org.simclrstudio.ui.embeddings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;
import org.simclrstudio.core.data.BundledSample;
import org.simclrstudio.core.train.RunConfig;
import org.simclrstudio.core.train.RunKind;
import org.simclrstudio.core.train.TrainingRun;
import org.simclrstudio.ui.common.FxTaskExecutor;
import org.simclrstudio.ui.common.SettingsStore;
import org.simclrstudio.ui.common.Workspace;
import org.simclrstudio.ui.shell.StudioShell;

/**
 * Takes the Evaluation and Embeddings screenshots of the site. Not a test: run it by hand under Xvfb,
 * which it captures with ImageMagick's {@code import}:
 *
 * <pre>
 * xvfb-run -a -s "-screen 0 1440x900x24" java -cp CLASSPATH org.simclrstudio.ui.embeddings.ExploreScreenshots HOME OUT
 * </pre>
 *
 * It trains small pretraining, fine-tuning and baseline runs on the bundled sample under
 * {@code HOME/runs} when they are missing, then opens the app and writes {@code OUT/evaluation.png}
 * and {@code OUT/embeddings.png}.
 */
public final class ExploreScreenshots {

    private static Path home;
    private static Path out;

    /** Trains the runs if needed, then shows the app and captures the two workspaces. */
    public static void main(String[] args) throws Exception {
        home = Path.of(args[0]).toAbsolutePath();
        out = Path.of(args[1]).toAbsolutePath();
        Files.createDirectories(out);
        trainRuns(home.resolve("runs"), BundledSample.extractTo(home.resolve("datasets")));
        Application.launch(Window.class, args);
    }

    private static void trainRuns(Path runs, Path data) {
        Path pretrain = runs.resolve("pretrain-fashion");
        if (!Files.isDirectory(pretrain.resolve("model"))) {
            TrainingRun.run(base(RunKind.PRETRAIN, data, pretrain).epochs(4).stepsPerEpoch(25).build(), false, null,
                    null);
        }
        Path finetune = runs.resolve("finetune-fashion");
        if (!Files.isDirectory(finetune.resolve("model"))) {
            TrainingRun.run(base(RunKind.FINETUNE, data, finetune).fromRun(pretrain).build(), false, null, null);
        }
        Path baseline = runs.resolve("baseline-fashion");
        if (!Files.isDirectory(baseline.resolve("model"))) {
            TrainingRun.run(base(RunKind.BASELINE, data, baseline).build(), false, null, null);
        }
    }

    private static RunConfig.Builder base(RunKind kind, Path data, Path outDir) {
        return RunConfig.builder(kind).dataDir(data).outDir(outDir).epochs(3).batchSize(64).imageSize(32)
                .unlabeledLimit(3000).labelsPerClass(30).stepsPerEpoch(15).device("cpu").seed(7);
    }

    /** The app window; a nested class because the JavaFX launcher rejects a main class that extends Application. */
    public static final class Window extends Application {
        @Override
        public void start(Stage stage) {
            startShell(stage);
        }
    }

    private static void startShell(Stage stage) {
        FxTaskExecutor executor = new FxTaskExecutor();
        StudioShell shell = StudioShell.create(new SettingsStore(home.resolve("settings.json")), executor,
                home.resolve("runs"), home.resolve("datasets"));
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(1440);
        stage.setHeight(900);
        shell.show(stage);
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(1440);
        stage.setHeight(900);
        Thread driver = new Thread(() -> {
            try {
                drive(shell);
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                Platform.exit();
            }
        }, "screenshot-driver");
        driver.setDaemon(true);
        driver.start();
    }

    private static void drive(StudioShell shell) throws Exception {
        waitFor(() -> shell.app().activeDataset() != null, 60);

        onFx(() -> shell.app().workspaceProperty().set(Workspace.EVALUATION));
        Node evaluation = onFx(() -> shell.mainView().viewOf(Workspace.EVALUATION));
        onFx(() -> {
            choose(evaluation, "#evaluation-run", "finetune-fashion");
            choose(evaluation, "#evaluation-compare", "baseline-fashion");
            ((Button) evaluation.lookup("#evaluate")).fire();
            return null;
        });
        waitFor(() -> onFxQuietly(() -> ((Label) evaluation.lookup("#evaluation-status")).getText().contains("|")),
                300);
        Thread.sleep(5000);
        capture(out.resolve("evaluation.png"));

        onFx(() -> shell.app().workspaceProperty().set(Workspace.EMBEDDINGS));
        Node embeddings = onFx(() -> shell.mainView().viewOf(Workspace.EMBEDDINGS));
        onFx(() -> {
            choose(embeddings, "#embedding-run", "pretrain-fashion");
            ((javafx.scene.control.ToggleButton) embeddings.lookup("#method-tsne")).setSelected(true);
            ((Button) embeddings.lookup("#compute-embeddings")).fire();
            return null;
        });
        waitFor(() -> onFxQuietly(() -> ((Label) embeddings.lookup("#embedding-status")).getText()
                .contains("t-SNE") && !((Button) embeddings.lookup("#compute-embeddings")).isDisabled()), 600);
        onFx(() -> {
            ScatterPlot plot = ((EmbeddingsView) embeddings).plot();
            Node canvas = plot.getChildrenUnmodifiable().get(0);
            double width = plot.getWidth();
            double height = plot.getHeight();
            mouse(canvas, MouseEvent.MOUSE_PRESSED, width * 0.55, height * 0.30);
            mouse(canvas, MouseEvent.MOUSE_DRAGGED, width * 0.72, height * 0.48);
            mouse(canvas, MouseEvent.MOUSE_RELEASED, width * 0.72, height * 0.48);
            Point2D query = plot.positionOf(25);
            mouse(canvas, MouseEvent.MOUSE_PRESSED, query.getX(), query.getY());
            mouse(canvas, MouseEvent.MOUSE_RELEASED, query.getX(), query.getY());
            return null;
        });
        // The real pointer hovers a dot: a synthetic move would be undone by the next re-pick of the scene.
        Point2D hovered = onFx(() -> {
            ScatterPlot plot = ((EmbeddingsView) embeddings).plot();
            return plot.getChildrenUnmodifiable().get(0).localToScreen(plot.positionOf(140));
        });
        Process move = new ProcessBuilder("xdotool", "mousemove", String.valueOf((int) Math.round(hovered.getX())),
                String.valueOf((int) Math.round(hovered.getY()))).inheritIO().start();
        move.waitFor(30, TimeUnit.SECONDS);

        Thread.sleep(5000);
        capture(out.resolve("embeddings.png"));
    }

    private static void mouse(Node target, javafx.event.EventType<MouseEvent> type, double x, double y) {
        // The event constructor takes scene coordinates; delivery converts them to the target's own.
        Point2D scene = target.localToScene(x, y);
        Point2D screen = target.localToScreen(x, y);
        target.fireEvent(new MouseEvent(type, scene.getX(), scene.getY(), screen.getX(), screen.getY(),
                MouseButton.PRIMARY, 1, false,
                false, false, false, true, false, false, false, false, false, null));
    }

    private static void choose(Node root, String id, String runName) {
        @SuppressWarnings("unchecked")
        ComboBox<Path> combo = (ComboBox<Path>) root.lookup(id);
        combo.getItems().stream().filter(path -> path.getFileName().toString().equals(runName)).findFirst()
                .ifPresent(combo::setValue);
    }

    private static void capture(Path file) throws Exception {
        Process process = new ProcessBuilder("import", "-window", "root", file.toString()).inheritIO().start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("import failed for " + file);
        }
        System.out.println("Wrote " + file);
    }

    private static void waitFor(BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out after " + seconds + " s");
            }
            Thread.sleep(250);
        }
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> action) throws Exception {
        Object[] result = new Object[1];
        Exception[] failure = new Exception[1];
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                result[0] = action.call();
            } catch (Exception e) {
                failure[0] = e;
            } finally {
                done.countDown();
            }
        });
        done.await();
        if (failure[0] != null) {
            throw failure[0];
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }

    private static void onFx(Runnable action) throws Exception {
        onFx(() -> {
            action.run();
            return null;
        });
    }

    private static boolean onFxQuietly(java.util.concurrent.Callable<Boolean> check) {
        try {
            return onFx(check);
        } catch (Exception e) {
            return false;
        }
    }
}
