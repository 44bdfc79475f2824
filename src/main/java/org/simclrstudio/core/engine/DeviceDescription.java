package org.simclrstudio.core.engine;

import java.util.Optional;

/**
 * The device that training and inference run on, for the status bar, the About box and run configs.
 *
 * @param gpu whether the engine's default device is a CUDA GPU
 * @param label short text for the status bar, such as "GPU: NVIDIA H200" or "CPU (libtorch 2.7.1)"
 * @param detail one line with the engine build and where its libraries came from
 * @param hint what the user can do next, such as enabling the GPU; empty when nothing applies
 */
public record DeviceDescription(boolean gpu, String label, String detail, Optional<String> hint) {
}
