package org.simclrstudio.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.simclrstudio.core.engine.DeviceDescription;
import org.simclrstudio.core.engine.GpuInfo;
import org.simclrstudio.core.engine.GpuSupport;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gpu status} command: loads the engine and prints the device it trains on. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Loads the PyTorch engine and prints the training device, the NVIDIA driver and the CUDA build.")
public final class GpuStatusCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        GpuSupport gpu = GpuCommand.gpuSupport();
        PrintWriter out = spec.commandLine().getOut();
        DeviceDescription device = gpu.describeDevice();
        GpuInfo info = gpu.detectGpu();
        out.println("Device:     " + device.label());
        out.println("Engine:     " + device.detail());
        out.println("NVIDIA:     " + info.describe());
        out.println("CUDA build: " + (gpu.cudaLibrary().isInstalled() ? "installed in " : "not installed (")
                + gpu.cudaLibrary().libraryDir() + (gpu.cudaLibrary().isInstalled() ? "" : ")"));
        device.hint().ifPresent(hint -> out.println("Hint:       " + hint));
        out.flush();
        return device.label().equals("No engine") ? 1 : 0;
    }
}
