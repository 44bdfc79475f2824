package org.simclrstudio.ui.shell;

import java.util.Optional;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import org.simclrstudio.core.engine.CudaDownloadPlan;
import org.simclrstudio.core.engine.DeviceDescription;
import org.simclrstudio.core.engine.GpuInfo;
import org.simclrstudio.core.engine.GpuSupport;
import org.simclrstudio.core.task.TaskObserver;
import org.simclrstudio.ui.common.AppModel;

/**
 * State of the "Enable GPU" action in the status bar: it checks the machine, asks the user to confirm
 * the download size, then downloads the CUDA build of libtorch with progress in the status bar. The
 * GPU is used from the next start, because libtorch cannot be swapped in a running process.
 */
public final class GpuSetupViewModel {

    private final AppModel app;
    private final GpuSupport gpu;
    private final ReadOnlyStringWrapper actionText = new ReadOnlyStringWrapper(this, "actionText", "Enable GPU");
    private final ReadOnlyBooleanWrapper actionEnabled = new ReadOnlyBooleanWrapper(this, "actionEnabled", true);
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper(this, "detail",
            "Downloads the CUDA build of libtorch so training runs on an NVIDIA GPU. Offline machines can "
                    + "set PYTORCH_LIBRARY_PATH to a CUDA libtorch instead.");
    private final ReadOnlyStringWrapper confirmation = new ReadOnlyStringWrapper(this, "confirmation", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private CudaDownloadPlan plan;

    /** Creates the ViewModel for the GPU set-up of {@code gpu}. */
    public GpuSetupViewModel(AppModel app, GpuSupport gpu) {
        this.app = app;
        this.gpu = gpu;
        if (gpu.cudaLibrary().isInstalled()) {
            actionText.set("GPU build installed");
            actionEnabled.set(false);
            detail.set("The CUDA build of libtorch is installed in " + gpu.cudaLibrary().libraryDir()
                    + "; it is used when the app starts and a GPU is visible.");
        }
    }

    /** Shows the device the engine uses, with the set-up's hint, such as a restart after a download. */
    public void showDevice(DeviceDescription device) {
        app.deviceInUseProperty().set(device.label());
        String hint = device.hint().map(text -> " " + text).orElse("");
        detail.set(device.detail() + "." + hint);
        if (device.gpu()) {
            actionText.set("GPU in use");
            actionEnabled.set(false);
        }
    }

    /** Checks the machine and lists the download; on success {@link #confirmationProperty()} asks to go on. */
    public void enable() {
        if (!actionEnabled.get()) {
            return;
        }
        actionEnabled.set(false);
        message.set("");
        app.tasks().submit("Checking the GPU", context -> {
            GpuInfo info = gpu.detectGpu();
            Optional<String> reason = gpu.checkCanEnable(info);
            if (reason.isPresent()) {
                throw new IllegalStateException(reason.get());
            }
            return gpu.planDownload(context);
        }, new TaskObserver<>() {
            @Override
            public void onSucceeded(CudaDownloadPlan result) {
                plan = result;
                confirmation.set("Download the CUDA build of libtorch (" + result.sizeText() + ", "
                        + result.files().size() + " files) to use the GPU from the next start?");
            }

            @Override
            public void onFailed(Throwable error) {
                fail(error);
            }

            @Override
            public void onCancelled() {
                actionEnabled.set(true);
            }
        });
    }

    /** Starts the download the user confirmed. */
    public void confirmDownload() {
        CudaDownloadPlan chosen = plan;
        confirmation.set("");
        if (chosen == null) {
            return;
        }
        app.tasks().submit("Downloading the CUDA build (" + chosen.sizeText() + ")",
                context -> gpu.enableGpu(chosen, context), new TaskObserver<>() {
                    @Override
                    public void onSucceeded(java.nio.file.Path folder) {
                        actionText.set("Restart to use the GPU");
                        message.set("The CUDA build is installed in " + folder + ". Restart SimCLR Studio to "
                                + "train on the GPU.");
                        detail.set(message.get());
                    }

                    @Override
                    public void onFailed(Throwable error) {
                        fail(error);
                    }

                    @Override
                    public void onCancelled() {
                        actionEnabled.set(true);
                    }
                });
    }

    /** Drops the pending download after the user declined it. */
    public void declineDownload() {
        plan = null;
        confirmation.set("");
        actionEnabled.set(true);
    }

    private void fail(Throwable error) {
        String text = error.getMessage() == null ? error.toString() : error.getMessage();
        message.set(text);
        detail.set(text);
        actionEnabled.set(true);
    }

    /** Text of the action, such as "Enable GPU" or "GPU in use". */
    public ReadOnlyStringProperty actionTextProperty() {
        return actionText.getReadOnlyProperty();
    }

    /** Whether the action can run now. */
    public ReadOnlyBooleanProperty actionEnabledProperty() {
        return actionEnabled.getReadOnlyProperty();
    }

    /** One or two sentences on the device and on what the action does, or why it cannot run. */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /** Question to confirm before the download, with its size; empty when nothing waits. */
    public ReadOnlyStringProperty confirmationProperty() {
        return confirmation.getReadOnlyProperty();
    }

    /** Outcome of the last check or download as one line for the user, empty when none. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
