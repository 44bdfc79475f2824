package org.simclrstudio.ui.shell;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

import javafx.scene.Node;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;

import org.simclrstudio.ui.common.AppModel;
import org.simclrstudio.ui.common.Workspace;

/**
 * The main window's content: navigation rail on the left, the current workspace in the middle and
 * the status bar at the bottom. Each workspace view is built on its first visit and then kept, so its
 * state (scroll position, running charts) survives switching back and forth.
 */
public final class MainView extends BorderPane {

    private final Map<Workspace, Supplier<Node>> factories;
    private final Map<Workspace, Node> built = new EnumMap<>(Workspace.class);
    private final StackPane content = new StackPane();

    /**
     * Builds the main view.
     *
     * @param factories builds the view of each workspace on its first visit
     */
    public MainView(AppModel app, Map<Workspace, Supplier<Node>> factories, GpuSetupViewModel gpu,
            Runnable showAbout) {
        this.factories = factories;
        setId("main-view");
        content.setId("workspace-content");
        setLeft(new NavigationRail(app.workspaceProperty(), showAbout));
        setCenter(content);
        setBottom(new StatusBar(app, gpu));
        app.workspaceProperty().addListener((observable, old, value) -> show(value));
        show(app.workspaceProperty().get());
    }

    private void show(Workspace workspace) {
        Node view = built.computeIfAbsent(workspace, each -> factories.get(each).get());
        content.getChildren().setAll(view);
    }

    /** Returns the view of a workspace if it was built already. */
    public Node viewOf(Workspace workspace) {
        return built.get(workspace);
    }
}
