package org.simclrstudio.ui.common;

import java.util.Locale;

import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import org.controlsfx.control.RangeSlider;
import org.controlsfx.control.ToggleSwitch;

/** Labelled sliders, range sliders and switches bound to ViewModel properties. */
public final class ParameterControls {

    private ParameterControls() {
    }

    /** Returns a labelled slider bound both ways to {@code value}, showing it with {@code format}. */
    public static VBox slider(String id, String name, String help, DoubleProperty value, double min, double max,
            String format) {
        Slider slider = new Slider(min, max, value.get());
        slider.setId(id);
        slider.valueProperty().bindBidirectional(value);
        Label shown = new Label();
        shown.getStyleClass().add("parameter-value");
        shown.textProperty().bind(Bindings.createStringBinding(
                () -> String.format(Locale.ROOT, format, value.get()), value));
        return row(name, help, shown, slider);
    }

    /** Returns a labelled range slider bound both ways to {@code low} and {@code high}. */
    public static VBox range(String id, String name, String help, DoubleProperty low, DoubleProperty high, double min,
            double max, String format) {
        RangeSlider slider = new RangeSlider(min, max, low.get(), high.get());
        slider.setId(id);
        // Bind the high end first when it grows, so the low end never exceeds it mid-update.
        slider.highValueProperty().bindBidirectional(high);
        slider.lowValueProperty().bindBidirectional(low);
        Label shown = new Label();
        shown.getStyleClass().add("parameter-value");
        shown.textProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT, format + " – " + format,
                low.get(), high.get()), low, high));
        return row(name, help, shown, slider);
    }

    /** Returns a labelled on/off switch bound both ways to {@code value}. */
    public static HBox toggle(String id, String name, String help, BooleanProperty value) {
        ToggleSwitch toggle = new ToggleSwitch();
        toggle.setId(id);
        toggle.selectedProperty().bindBidirectional(value);
        Label label = new Label(name);
        label.getStyleClass().add("parameter-label");
        label.setTooltip(new Tooltip(help));
        HBox box = new HBox(8, label, Ui.spacer(), toggle);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private static VBox row(String name, String help, Label shown, javafx.scene.Node control) {
        Label label = new Label(name);
        label.getStyleClass().add("parameter-label");
        label.setTooltip(new Tooltip(help));
        HBox top = new HBox(8, label, Ui.spacer(), shown);
        top.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(2, top, control);
        return box;
    }
}
