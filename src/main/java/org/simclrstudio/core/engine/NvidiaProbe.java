package org.simclrstudio.core.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detects an NVIDIA driver and GPU from {@code /proc/driver/nvidia/version} (Linux) and the output of
 * {@code nvidia-smi} when it is on the PATH (Linux and Windows). It never loads a CUDA library, so it
 * is safe to call before the engine starts.
 */
public final class NvidiaProbe {

    private static final Logger LOG = LoggerFactory.getLogger(NvidiaProbe.class);

    /** Location of the kernel driver's version file on Linux. */
    public static final Path PROC_VERSION_FILE = Path.of("/proc/driver/nvidia/version");

    private static final Pattern PROC_DRIVER = Pattern.compile("Kernel Module(?: for [^ ]+)?\\s+([0-9]+(?:\\.[0-9]+)+)");
    private static final Pattern SMI_DRIVER = Pattern.compile("Driver Version:\\s*([0-9]+(?:\\.[0-9]+)+)");
    private static final Pattern SMI_CUDA = Pattern.compile("CUDA Version:\\s*([0-9]+\\.[0-9]+)");
    private static final Pattern SMI_GPU = Pattern.compile("^GPU \\d+: (.+?) \\(UUID: .*\\)$", Pattern.MULTILINE);
    private static final long SMI_TIMEOUT_SECONDS = 10;

    private final Path procVersionFile;
    private final String nvidiaSmiCommand;

    /** Creates a probe of this machine. */
    public NvidiaProbe() {
        this(PROC_VERSION_FILE, "nvidia-smi");
    }

    /** Creates a probe that reads the given driver file and runs the given {@code nvidia-smi} command. */
    NvidiaProbe(Path procVersionFile, String nvidiaSmiCommand) {
        this.procVersionFile = procVersionFile;
        this.nvidiaSmiCommand = nvidiaSmiCommand;
    }

    /** Reads the driver file and runs {@code nvidia-smi}; a missing file or command means no GPU. */
    public GpuInfo probe() {
        Optional<String> driver = Optional.empty();
        if (Files.isReadable(procVersionFile)) {
            try {
                driver = parseProcDriverVersion(Files.readString(procVersionFile, StandardCharsets.UTF_8));
            } catch (IOException e) {
                LOG.debug("Cannot read {}: {}", procVersionFile, e.toString());
            }
        }
        Optional<String> summary = runNvidiaSmi();
        Optional<String> gpuList = summary.isPresent() ? runNvidiaSmi("-L") : Optional.empty();
        if (summary.isEmpty()) {
            return new GpuInfo(driver, Optional.empty(), List.of());
        }
        if (driver.isEmpty()) {
            driver = find(SMI_DRIVER, summary.get());
        }
        return new GpuInfo(driver, find(SMI_CUDA, summary.get()), gpuList.map(NvidiaProbe::parseGpuList).orElse(List.of()));
    }

    /** Returns the driver version from the text of {@code /proc/driver/nvidia/version}. */
    static Optional<String> parseProcDriverVersion(String text) {
        return find(PROC_DRIVER, text);
    }

    /** Returns the highest CUDA version the driver supports, from the header that {@code nvidia-smi} prints. */
    static Optional<String> parseSmiCudaVersion(String text) {
        return find(SMI_CUDA, text);
    }

    /** Returns the GPU names from the output of {@code nvidia-smi -L}. */
    static List<String> parseGpuList(String text) {
        List<String> names = new ArrayList<>();
        Matcher matcher = SMI_GPU.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1).trim());
        }
        return names;
    }

    private static Optional<String> find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private Optional<String> runNvidiaSmi(String... args) {
        List<String> command = new ArrayList<>();
        command.add(nvidiaSmiCommand);
        command.addAll(List.of(args));
        Path output = null;
        Process process = null;
        try {
            // Output goes to a file, so a hung nvidia-smi cannot block a read past the timeout.
            output = Files.createTempFile("nvidia-smi", ".txt");
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullFile()))
                    .start();
            if (!process.waitFor(SMI_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                LOG.warn("{} did not finish within {} s; treating the GPU as unknown", nvidiaSmiCommand, SMI_TIMEOUT_SECONDS);
                return Optional.empty();
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                LOG.info("{} exited with status {}: {}", command, process.exitValue(), text.trim());
                return Optional.empty();
            }
            return Optional.of(text);
        } catch (IOException e) {
            // Not on the PATH: the usual case on machines without an NVIDIA driver.
            LOG.debug("Cannot run {}: {}", command, e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    LOG.debug("Cannot delete {}: {}", output, e.toString());
                }
            }
        }
    }

    private static java.io.File nullFile() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win");
        return new java.io.File(windows ? "NUL" : "/dev/null");
    }
}
