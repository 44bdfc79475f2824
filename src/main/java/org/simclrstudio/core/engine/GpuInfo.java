package org.simclrstudio.core.engine;

import java.util.List;
import java.util.Optional;

/**
 * What the machine reports about NVIDIA GPUs, read without loading any CUDA library.
 *
 * @param driverVersion NVIDIA kernel driver version, such as {@code 550.54.14}; empty without a driver
 * @param cudaVersion highest CUDA version the driver supports, as {@code nvidia-smi} prints it
 *     (such as {@code 12.4}); empty when {@code nvidia-smi} is missing or failed
 * @param gpuNames GPU model names from {@code nvidia-smi}, in device order; empty when unknown
 */
public record GpuInfo(Optional<String> driverVersion, Optional<String> cudaVersion, List<String> gpuNames) {

    /** A machine with no NVIDIA driver. */
    public static final GpuInfo NONE = new GpuInfo(Optional.empty(), Optional.empty(), List.of());

    /** Copies {@code gpuNames} so the record stays immutable. */
    public GpuInfo {
        gpuNames = List.copyOf(gpuNames);
    }

    /** Returns whether an NVIDIA driver is loaded (a GPU may still be missing or unusable). */
    public boolean hasDriver() {
        return driverVersion.isPresent() || !gpuNames.isEmpty();
    }

    /** Returns the major part of {@link #cudaVersion()}, or -1 when unknown. */
    public int cudaMajor() {
        return cudaVersion.map(v -> parsePart(v, 0)).orElse(-1);
    }

    /** Returns the minor part of {@link #cudaVersion()}, or -1 when unknown. */
    public int cudaMinor() {
        return cudaVersion.map(v -> parsePart(v, 1)).orElse(-1);
    }

    /** Returns a one-line description, such as "NVIDIA H200, driver 550.54.14, CUDA 12.4". */
    public String describe() {
        if (!hasDriver()) {
            return "No NVIDIA driver found";
        }
        StringBuilder text = new StringBuilder(gpuNames.isEmpty() ? "NVIDIA GPU" : String.join(", ", gpuNames));
        driverVersion.ifPresent(v -> text.append(", driver ").append(v));
        cudaVersion.ifPresent(v -> text.append(", CUDA ").append(v));
        return text.toString();
    }

    private static int parsePart(String version, int index) {
        String[] parts = version.split("\\.");
        if (parts.length <= index) {
            return index == 0 ? -1 : 0;
        }
        try {
            return Integer.parseInt(parts[index].trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
