package org.simclrstudio.cli;

import java.nio.file.Path;
import org.simclrstudio.app.AppDirs;
import org.simclrstudio.core.BuildInfo;
import org.simclrstudio.core.engine.GpuSupport;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gpu} command group: status, enable and disable. */
@Command(name = "gpu", mixinStandardHelpOptions = true,
        description = "Shows the training device and installs the CUDA build of libtorch for NVIDIA GPUs.",
        subcommands = {GpuStatusCommand.class, GpuEnableCommand.class, GpuDisableCommand.class})
public final class GpuCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: status, enable or disable");
    }

    /** Returns the GPU support for the app's DJL cache, as the desktop app builds it. */
    static GpuSupport gpuSupport() {
        Path cache = GpuSupport.engineCacheDir(AppDirs.djlCache());
        return new GpuSupport(cache, BuildInfo.pytorchVersion());
    }
}
