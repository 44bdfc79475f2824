package org.simclrstudio.ui.common;

import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** Small factories for the controls every workspace view uses, so they look alike. */
public final class Ui {

    /** Class path of the application style sheet. */
    public static final String STYLESHEET = "/org/simclrstudio/ui/common/studio.css";

    private Ui() {
    }

    /** Returns the external form of the style sheet URL, for {@code Scene.getStylesheets()}. */
    public static String stylesheet() {
        return Ui.class.getResource(STYLESHEET).toExternalForm();
    }

    /** Returns an icon node. */
    public static FontIcon icon(Ikon ikon) {
        return new FontIcon(ikon);
    }

    /** Returns a button with an icon and text. */
    public static Button button(String text, Ikon ikon) {
        Button button = new Button(text, icon(ikon));
        button.setMinWidth(Region.USE_PREF_SIZE);
        return button;
    }

    /** Returns a button styled with the accent colour, for the main action of a workspace. */
    public static Button accentButton(String text, Ikon ikon) {
        Button button = button(text, ikon);
        button.getStyleClass().add("accent");
        return button;
    }

    /** Returns the header row of a workspace: title and subtitle, then {@code tools} on the right. */
    public static HBox header(String title, String subtitle, Node... tools) {
        Label titleLabel = new Label(title);
        titleLabel.getStyleClass().add("workspace-title");
        Label subtitleLabel = new Label(subtitle);
        subtitleLabel.getStyleClass().add("workspace-subtitle");
        // In a narrow window the subtitle shortens with an ellipsis; the title and the tools keep their width.
        titleLabel.setMinWidth(Region.USE_PREF_SIZE);
        subtitleLabel.setMinWidth(0);
        VBox titles = new VBox(2, titleLabel, subtitleLabel);
        HBox header = new HBox(titles, spacer());
        header.getChildren().addAll(tools);
        for (Node tool : tools) {
            if (tool instanceof Region region) {
                region.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        header.getStyleClass().add("workspace-header");
        return header;
    }

    /** Returns a region that grows to push its neighbours apart in an HBox. */
    public static Region spacer() {
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        return spacer;
    }

    /** Returns a small upper-case section title for side panels. */
    public static Label sectionTitle(String text) {
        Label label = new Label(text.toUpperCase(java.util.Locale.ROOT));
        label.getStyleClass().add("section-title");
        return label;
    }

    /** Returns a centred empty-state block: big icon, title, explanation and action buttons. */
    public static VBox emptyState(Ikon ikon, String title, String text, Node... actions) {
        Label titleLabel = new Label(title);
        titleLabel.getStyleClass().add("empty-title");
        Label textLabel = new Label(text);
        textLabel.getStyleClass().add("muted");
        textLabel.setWrapText(true);
        textLabel.setMaxWidth(460);
        textLabel.setStyle("-fx-text-alignment: center;");
        HBox buttons = new HBox(8, actions);
        buttons.setAlignment(Pos.CENTER);
        VBox box = new VBox(icon(ikon), titleLabel, textLabel, buttons);
        box.getStyleClass().add("empty-state");
        return box;
    }

    /** Returns an error banner that shows {@code message} and hides itself while it is empty. */
    public static Label errorBanner(ObservableStringValue message) {
        Label banner = new Label();
        banner.setGraphic(icon(org.kordamp.ikonli.materialdesign2.MaterialDesignA.ALERT_CIRCLE_OUTLINE));
        banner.getStyleClass().add("error-banner");
        banner.setWrapText(true);
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.textProperty().bind(message);
        banner.visibleProperty().bind(banner.textProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }
}
