package org.simclrstudio.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simclrstudio.core.BuildInfo;
import org.simclrstudio.core.engine.DeviceDescription;
import org.simclrstudio.core.engine.GpuSupport;
import org.simclrstudio.ui.common.AppModel;
import org.simclrstudio.ui.common.TestApp;

/** The GPU action's state without an FX thread; nothing here contacts a download server. */
class GpuSetupViewModelTest {

    @TempDir
    Path home;

    private GpuSetupViewModel model(AppModel app) {
        return new GpuSetupViewModel(app, new GpuSupport(home.resolve("engine-cache"), BuildInfo.pytorchVersion()));
    }

    @Test
    void freshInstallOffersAction() {
        GpuSetupViewModel model = model(TestApp.sameThread(home));
        assertTrue(model.actionEnabledProperty().get());
        assertEquals("Enable GPU", model.actionTextProperty().get());
        assertTrue(model.detailProperty().get().contains("PYTORCH_LIBRARY_PATH"));
    }

    @Test
    void cpuDeviceShowsLabelAndHint() {
        AppModel app = TestApp.sameThread(home);
        GpuSetupViewModel model = model(app);
        model.showDevice(new DeviceDescription(false, "CPU (2 cores)", "libtorch 2.7.1 cpu (bundled)",
                Optional.of("NVIDIA H200 found: use Enable GPU to download the CUDA build")));
        assertEquals("CPU (2 cores)", app.deviceInUseProperty().get());
        assertTrue(model.detailProperty().get().contains("use Enable GPU"), model.detailProperty().get());
        assertTrue(model.actionEnabledProperty().get());
    }

    @Test
    void gpuDeviceDisablesAction() {
        AppModel app = TestApp.sameThread(home);
        GpuSetupViewModel model = model(app);
        model.showDevice(new DeviceDescription(true, "GPU: NVIDIA H200", "libtorch 2.7.1 cu128", Optional.empty()));
        assertEquals("GPU: NVIDIA H200", app.deviceInUseProperty().get());
        assertFalse(model.actionEnabledProperty().get());
        assertEquals("GPU in use", model.actionTextProperty().get());
    }

    @Test
    void declinedDownloadReenablesAction() {
        GpuSetupViewModel model = model(TestApp.sameThread(home));
        model.declineDownload();
        assertTrue(model.actionEnabledProperty().get());
        assertEquals("", model.confirmationProperty().get());
    }
}
