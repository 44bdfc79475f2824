package org.simclrstudio.ui.shell;

import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import org.simclrstudio.app.AppDirs;
import org.simclrstudio.core.BuildInfo;
import org.simclrstudio.ui.common.Ui;

/** The About dialog: versions of the app and of its engine and toolkit, and where files are kept. */
final class AboutDialog extends Dialog<Void> {

    AboutDialog(Window owner, String deviceInUse) {
        initOwner(owner);
        setTitle("About SimCLR Studio");
        Label title = new Label("SimCLR Studio " + BuildInfo.version());
        title.getStyleClass().add("workspace-title");
        Label tagline = new Label("Semi-supervised image classification with SimCLR contrastive pretraining");
        tagline.getStyleClass().add("muted");
        GridPane versions = new GridPane();
        versions.setId("about-versions");
        versions.setHgap(16);
        versions.setVgap(6);
        String[][] rows = {
            {"DJL", BuildInfo.djlVersion()},
            {"PyTorch (libtorch)", BuildInfo.pytorchVersion()},
            {"JavaFX", System.getProperty("javafx.runtime.version", BuildInfo.javafxVersion())},
            {"Java", BuildInfo.javaVersion()},
            {"Device", deviceInUse},
            {"Application folder", AppDirs.home().toAbsolutePath().toString()},
            {"Log file", AppDirs.logs().resolve("simclr-studio.log").toAbsolutePath().toString()},
        };
        for (int row = 0; row < rows.length; row++) {
            Label name = new Label(rows[row][0]);
            name.getStyleClass().add("muted");
            Label value = new Label(rows[row][1]);
            value.setWrapText(true);
            versions.addRow(row, name, value);
        }
        Label licence = new Label("Apache License 2.0. The bundled Fashion-MNIST sample is © Zalando SE, MIT licence.");
        licence.getStyleClass().add("muted");
        licence.setWrapText(true);
        VBox content = new VBox(12, title, tagline, versions, licence);
        content.setPadding(new Insets(8));
        content.setPrefWidth(520);
        getDialogPane().setContent(content);
        getDialogPane().getStylesheets().add(Ui.stylesheet());
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
    }
}
