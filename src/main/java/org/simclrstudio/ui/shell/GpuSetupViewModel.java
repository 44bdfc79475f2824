package org.simclrstudio.ui.shell;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import org.simclrstudio.ui.common.AppModel;

/**
 * State of the "Enable GPU" action in the status bar. Fetching the CUDA build of libtorch belongs to
 * the core's engine set-up; until this build has it, the action stays disabled and its tooltip says
 * how to use a GPU by hand.
 */
public final class GpuSetupViewModel {

    private final ReadOnlyStringWrapper actionText = new ReadOnlyStringWrapper(this, "actionText", "Enable GPU");
    private final ReadOnlyBooleanWrapper actionEnabled = new ReadOnlyBooleanWrapper(this, "actionEnabled", false);
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper(this, "detail",
            "GPU set-up is not available in this build. To train on a GPU, start the app with "
                    + "PYTORCH_LIBRARY_PATH pointing at a CUDA build of libtorch 2.7.1.");

    /** Creates the ViewModel. */
    public GpuSetupViewModel(AppModel app) {
        // TODO: wire the core's GPU set-up (status, download with progress and size) once it exists.
    }

    /** Starts the GPU set-up; does nothing while the action is disabled. */
    public void enable() {
        if (!actionEnabled.get()) {
            return;
        }
    }

    /** Text of the action, such as "Enable GPU" or "GPU ready". */
    public ReadOnlyStringProperty actionTextProperty() {
        return actionText.getReadOnlyProperty();
    }

    /** Whether the action can run now. */
    public ReadOnlyBooleanProperty actionEnabledProperty() {
        return actionEnabled.getReadOnlyProperty();
    }

    /** One or two sentences on what the action does or why it is unavailable. */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }
}
