package org.simclrstudio.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.simclrstudio.core.engine.CudaDownloadPlan;
import org.simclrstudio.core.engine.GpuInfo;
import org.simclrstudio.core.engine.GpuSupport;
import org.simclrstudio.core.task.TaskContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code gpu enable} command: shows the download size, then downloads the CUDA build with {@code --yes}. */
@Command(name = "enable", mixinStandardHelpOptions = true,
        description = "Downloads the CUDA build of libtorch into the app folder; training uses the GPU from the next start.")
public final class GpuEnableCommand implements Callable<Integer> {

    @Option(names = "--yes", description = "Download without asking; without it the command only prints the download size.")
    boolean yes;

    @Option(names = "--force", description = "Download even when no NVIDIA driver is found or the CUDA build is installed.")
    boolean force;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        GpuSupport gpu = GpuCommand.gpuSupport();
        PrintWriter out = spec.commandLine().getOut();
        if (gpu.cudaLibrary().isInstalled() && !force) {
            out.println("The CUDA build is already installed in " + gpu.cudaLibrary().libraryDir());
            out.flush();
            return 0;
        }
        GpuInfo info = gpu.detectGpu();
        Optional<String> problem = gpu.checkCanEnable(info);
        if (problem.isPresent() && !force) {
            throw new CliException(problem.get() + " (use --force to download anyway)");
        }
        ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr());
        CudaDownloadPlan plan = gpu.planDownload(progress);
        out.println("NVIDIA:        " + info.describe());
        out.println("Download size: " + plan.sizeText() + " in " + plan.files().size() + " files");
        out.println("Destination:   " + gpu.cudaLibrary().libraryDir());
        if (!yes) {
            out.println("Run 'simclr-studio gpu enable --yes' to download.");
            out.flush();
            return 0;
        }
        out.flush();
        Path folder = gpu.enableGpu(plan, progress);
        out.println("Installed the CUDA build in " + folder + ". Restart SimCLR Studio to train on the GPU.");
        out.flush();
        return 0;
    }

    /** Prints progress to standard error at most once per whole percent. */
    private static final class ConsoleProgress implements TaskContext {
        private final PrintWriter err;
        private long lastPercent = -1;
        private String lastMessage = "";

        ConsoleProgress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void progress(double done, double total, String message) {
            long percent = total > 0 ? Math.round(100 * done / total) : -1;
            String stem = message.contains(" (") ? message.substring(0, message.indexOf(" (")) : message;
            if (percent != lastPercent || !stem.equals(lastMessage)) {
                err.println((percent >= 0 ? percent + "% " : "") + message);
                err.flush();
                lastPercent = percent;
                lastMessage = stem;
            }
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    }
}
