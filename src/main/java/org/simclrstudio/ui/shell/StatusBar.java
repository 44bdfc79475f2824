package org.simclrstudio.ui.shell;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.simclrstudio.ui.common.AppModel;
import org.simclrstudio.ui.common.TrackedExecutor;
import org.simclrstudio.ui.common.Ui;

/** The bar at the bottom of the main window: active dataset, device in use and the running task. */
final class StatusBar extends HBox {

    StatusBar(AppModel app, GpuSetupViewModel gpu) {
        getStyleClass().add("status-bar");
        setId("status-bar");

        Label dataset = new Label();
        dataset.setId("status-dataset");
        dataset.setGraphic(Ui.icon(MaterialDesignD.DATABASE));
        dataset.textProperty().bind(Bindings.when(app.activeDatasetNameProperty().isEmpty())
                .then("No dataset").otherwise(app.activeDatasetNameProperty()));

        Label device = new Label();
        device.setId("status-device");
        device.setGraphic(Ui.icon(MaterialDesignC.CHIP));
        device.textProperty().bind(app.deviceInUseProperty());

        Button enableGpu = new Button();
        enableGpu.setId("enable-gpu");
        enableGpu.getStyleClass().add("flat");
        enableGpu.textProperty().bind(gpu.actionTextProperty());
        enableGpu.disableProperty().bind(gpu.actionEnabledProperty().not());
        Tooltip gpuTip = new Tooltip();
        gpuTip.textProperty().bind(gpu.detailProperty());
        enableGpu.setTooltip(gpuTip);
        enableGpu.setOnAction(event -> gpu.enable());
        enableGpu.setStyle("-fx-padding: 1 8 1 8; -fx-font-size: 11px;");

        TrackedExecutor tasks = app.tasks();
        Label task = new Label();
        task.setId("status-task");
        task.setGraphic(Ui.icon(MaterialDesignT.TIMER_SAND));
        task.textProperty().bind(Bindings.createStringBinding(() -> {
            String message = tasks.messageProperty().get();
            return message.isEmpty() ? tasks.titleProperty().get() : tasks.titleProperty().get() + ": " + message;
        }, tasks.titleProperty(), tasks.messageProperty()));
        ProgressBar progress = new ProgressBar();
        progress.setId("status-progress");
        progress.progressProperty().bind(tasks.progressProperty());
        HBox running = new HBox(8, task, progress);
        running.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        running.visibleProperty().bind(tasks.countProperty().greaterThan(0));

        Label ready = new Label("Ready");
        ready.visibleProperty().bind(running.visibleProperty().not());
        ready.managedProperty().bind(ready.visibleProperty());
        running.managedProperty().bind(running.visibleProperty());

        getChildren().addAll(dataset, device, enableGpu, Ui.spacer(), running, ready);
    }
}
