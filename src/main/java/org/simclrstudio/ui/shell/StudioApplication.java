package org.simclrstudio.ui.shell;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/** The JavaFX application: builds the main window. */
public class StudioApplication extends Application {

    /** Launches the desktop app and returns when its last window closes. */
    public static void launchApp(String[] args) {
        Application.launch(StudioApplication.class, args);
    }

    @Override
    public void start(Stage stage) {
        // TODO: replace the placeholder with the shell (navigation rail, workspaces, status bar).
        stage.setTitle("SimCLR Studio");
        stage.setScene(new Scene(new StackPane(new Label("SimCLR Studio")), 1280, 800));
        stage.show();
    }
}
