package org.simclrstudio.ui.shell;

import java.util.EnumMap;
import java.util.Map;

import javafx.beans.property.ObjectProperty;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignG;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.simclrstudio.ui.common.Ui;
import org.simclrstudio.ui.common.Workspace;

/** The vertical rail on the left of the main window: one toggle per workspace and the About button. */
final class NavigationRail extends VBox {

    private final Map<Workspace, ToggleButton> buttons = new EnumMap<>(Workspace.class);

    NavigationRail(ObjectProperty<Workspace> workspace, Runnable showAbout) {
        getStyleClass().add("nav-rail");
        setId("nav-rail");
        Label mark = new Label("SimCLR\nStudio");
        mark.getStyleClass().add("app-mark");
        mark.setStyle("-fx-text-alignment: center;");
        mark.setMaxWidth(Double.MAX_VALUE);
        mark.setAlignment(javafx.geometry.Pos.CENTER);
        getChildren().add(mark);
        ToggleGroup group = new ToggleGroup();
        for (Workspace each : Workspace.values()) {
            ToggleButton button = new ToggleButton(each.title(), Ui.icon(iconOf(each)));
            button.getStyleClass().add("nav-button");
            button.setId("nav-" + each.name().toLowerCase(java.util.Locale.ROOT));
            button.setToggleGroup(group);
            button.setTooltip(new Tooltip(each.title()));
            button.setMaxWidth(Double.MAX_VALUE);
            button.setOnAction(event -> {
                workspace.set(each);
                // A toggle in a group can be unselected by a second click: keep it selected.
                button.setSelected(true);
            });
            buttons.put(each, button);
            getChildren().add(button);
        }
        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);
        Button about = new Button("About", Ui.icon(MaterialDesignI.INFORMATION_OUTLINE));
        about.getStyleClass().setAll("nav-button");
        about.setId("nav-about");
        about.setMaxWidth(Double.MAX_VALUE);
        about.setOnAction(event -> showAbout.run());
        getChildren().addAll(spacer, about);
        workspace.addListener((observable, old, value) -> buttons.get(value).setSelected(true));
        buttons.get(workspace.get()).setSelected(true);
    }

    private static Ikon iconOf(Workspace workspace) {
        return switch (workspace) {
            case DATASETS -> MaterialDesignD.DATABASE;
            case AUGMENTATIONS -> MaterialDesignT.TUNE_VARIANT;
            case TRAINING -> MaterialDesignC.CHART_LINE;
            case CLASSIFY -> MaterialDesignT.TAG_TEXT;
            case EVALUATION -> MaterialDesignC.CHECK_DECAGRAM;
            case EMBEDDINGS -> MaterialDesignG.GRAIN;
        };
    }
}
