package org.simclrstudio.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.simclrstudio.core.engine.GpuSupport;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gpu disable} command: deletes the downloaded CUDA build. */
@Command(name = "disable", mixinStandardHelpOptions = true,
        description = "Deletes the downloaded CUDA build of libtorch; training uses the CPU from the next start.")
public final class GpuDisableCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        GpuSupport gpu = GpuCommand.gpuSupport();
        PrintWriter out = spec.commandLine().getOut();
        boolean installed = gpu.cudaLibrary().isInstalled();
        gpu.disableGpu();
        out.println(installed ? "Deleted the CUDA build in " + gpu.cudaLibrary().libraryDir()
                : "No CUDA build was installed");
        out.flush();
        return 0;
    }
}
