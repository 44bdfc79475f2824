package org.simclrstudio.core.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Resolves the {@code --device} setting ({@code auto}, {@code cpu} or {@code gpu}) to a DJL device. */
public final class Devices {

    private static final Logger LOG = LoggerFactory.getLogger(Devices.class);

    private Devices() {
    }

    /**
     * Returns the device for {@code spec}: {@code cpu}; {@code gpu} (the first GPU; {@code gpu:N} picks
     * another); {@code auto}, the first GPU when DJL's engine sees one, else the CPU.
     *
     * @throws IllegalArgumentException for an unknown value or {@code gpu} on a machine or build without one
     */
    public static Device resolve(String spec) {
        String value = spec == null ? "auto" : spec.trim().toLowerCase(Locale.ROOT);
        configureThreads();
        int gpus = Engine.getInstance().getGpuCount();
        if (value.equals("auto")) {
            return gpus > 0 ? Device.gpu() : Device.cpu();
        }
        if (value.equals("cpu")) {
            return Device.cpu();
        }
        if (value.equals("gpu") || value.startsWith("gpu:")) {
            int index = 0;
            if (value.startsWith("gpu:")) {
                try {
                    index = Integer.parseInt(value.substring(4));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Invalid device '" + spec + "': expected gpu:N with a number N");
                }
            }
            if (gpus == 0) {
                throw new IllegalArgumentException("Device 'gpu' requested, but the PyTorch engine sees no GPU "
                        + "(no CUDA device or a CPU-only libtorch); use --device cpu or auto");
            }
            if (index < 0 || index >= gpus) {
                throw new IllegalArgumentException("Device '" + spec + "' not found: the engine sees " + gpus + " GPU(s)");
            }
            return Device.gpu(index);
        }
        throw new IllegalArgumentException("Invalid device '" + spec + "': expected auto, cpu or gpu");
    }

    /**
     * Sets libtorch's intra-op threads to the processor count and its inter-op threads to 1 unless the
     * {@code ai.djl.pytorch.num_threads} and {@code ai.djl.pytorch.num_interop_threads} properties are set.
     * Takes effect only before the engine's first use.
     */
    public static void configureThreads() {
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(Runtime.getRuntime().availableProcessors()));
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        LOG.debug("libtorch threads: intra-op {}, inter-op {}", System.getProperty("ai.djl.pytorch.num_threads"),
                System.getProperty("ai.djl.pytorch.num_interop_threads"));
    }
}
