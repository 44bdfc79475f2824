package org.simclrstudio.core.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.simclrstudio.core.task.TaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GPU set-up for the "Enable GPU" action and the device shown in the status bar.
 *
 * <p>The package bundles the CPU build of libtorch. On a machine with an NVIDIA driver the user can
 * download DJL's CUDA build once ({@link #planDownload} shows the size, {@link #enableGpu} fetches it
 * with progress and cancel); from the next start {@link #configureEngine} points DJL at it. Offline
 * machines set {@code PYTORCH_LIBRARY_PATH}, {@code PYTORCH_FLAVOR} and {@code PYTORCH_VERSION}
 * themselves, which always win over the downloaded build.
 *
 * <p>DJL reads the libtorch location once, when the engine first loads, so a download takes effect
 * after a restart.
 */
public final class GpuSupport {

    private static final Logger LOG = LoggerFactory.getLogger(GpuSupport.class);

    /** Environment variable that forces the device: {@code cpu} ignores an installed CUDA build. */
    public static final String DEVICE_ENVIRONMENT = "SIMCLR_STUDIO_DEVICE";
    /** System property with the same meaning as {@link #DEVICE_ENVIRONMENT}; it takes precedence. */
    public static final String DEVICE_PROPERTY = "simclr.device";
    /** DJL's variable (environment or system property) naming a folder that contains libtorch. */
    public static final String LIBRARY_PATH_KEY = "PYTORCH_LIBRARY_PATH";
    /** DJL's variable naming the build flavor of that libtorch, such as {@code cu128} or {@code cpu}. */
    public static final String FLAVOR_KEY = "PYTORCH_FLAVOR";
    /** DJL's variable naming the libtorch version of that folder, such as {@code 2.7.1}. */
    public static final String VERSION_KEY = "PYTORCH_VERSION";

    private static final String ENGINE_NAME = "PyTorch";

    private final CudaLibtorch cudaLibrary;
    private final NvidiaProbe probe;

    /**
     * Creates the GPU support for an app whose DJL engine cache is {@code engineCache}.
     *
     * @param pytorchVersion the bundled libtorch version, such as {@code 2.7.1}
     */
    public GpuSupport(Path engineCache, String pytorchVersion) {
        this(new CudaLibtorch(engineCache, pytorchVersion), new NvidiaProbe());
    }

    /** Creates the GPU support from its parts; tests pass a library handle aimed at 127.0.0.1. */
    GpuSupport(CudaLibtorch cudaLibrary, NvidiaProbe probe) {
        this.cudaLibrary = cudaLibrary;
        this.probe = probe;
    }

    /** Returns the CUDA build handle: its folder, whether it is installed, its download addresses. */
    public CudaLibtorch cudaLibrary() {
        return cudaLibrary;
    }

    /** Detects the NVIDIA driver and GPUs; runs {@code nvidia-smi}, so call it off the UI thread. */
    public GpuInfo detectGpu() {
        return probe.probe();
    }

    /**
     * Returns why the GPU cannot be enabled on this machine, or empty when the download can start.
     * It does not contact the server.
     */
    public Optional<String> checkCanEnable(GpuInfo gpu) {
        if (!cudaLibrary.isPlatformSupported()) {
            return Optional.of("GPU training needs Linux or Windows on x86-64 with an NVIDIA GPU");
        }
        if (!gpu.hasDriver()) {
            return Optional.of("No NVIDIA driver found: install the NVIDIA driver, then try again");
        }
        if (gpu.cudaMajor() >= 0 && gpu.cudaMajor() < 12) {
            return Optional.of("The NVIDIA driver supports CUDA " + gpu.cudaVersion().orElseThrow()
                    + ", but the CUDA build of libtorch " + cudaLibrary.pytorchVersion()
                    + " needs CUDA 12.8: update the NVIDIA driver to version 570 or newer");
        }
        return Optional.empty();
    }

    /**
     * Lists the CUDA files and their total size, for the confirmation before the download. Contacts
     * the download server with a few small requests.
     */
    public CudaDownloadPlan planDownload(TaskContext context) throws IOException, InterruptedException {
        return cudaLibrary.plan(context);
    }

    /**
     * Downloads the CUDA build into the DJL cache, reporting progress and stopping on cancel. The
     * GPU is used from the next start of the app.
     *
     * @return the folder of the installed CUDA libraries
     */
    public Path enableGpu(CudaDownloadPlan plan, TaskContext context) throws IOException, InterruptedException {
        return cudaLibrary.install(plan, context);
    }

    /** Deletes the downloaded CUDA build; the next start uses the bundled CPU build. */
    public void disableGpu() throws IOException {
        cudaLibrary.uninstall();
    }

    /**
     * Points DJL at the downloaded CUDA build when it is installed, unless the user set
     * {@code PYTORCH_LIBRARY_PATH} or forced the CPU. Call it before anything loads the engine.
     *
     * @return whether DJL will load the CUDA build
     */
    public static boolean configureEngine(Path engineCache, String pytorchVersion) {
        if (isSet(LIBRARY_PATH_KEY)) {
            LOG.info("Using the libtorch in {}={}", LIBRARY_PATH_KEY, value(LIBRARY_PATH_KEY));
            return false;
        }
        if ("cpu".equals(forcedDevice())) {
            LOG.info("{} is cpu: using the bundled CPU build of libtorch", DEVICE_ENVIRONMENT);
            return false;
        }
        CudaLibtorch library = new CudaLibtorch(engineCache, pytorchVersion);
        if (!library.isInstalled()) {
            return false;
        }
        System.setProperty(LIBRARY_PATH_KEY, library.libraryDir().toString());
        System.setProperty(FLAVOR_KEY, CudaLibtorch.FLAVOR);
        System.setProperty(VERSION_KEY, pytorchVersion);
        LOG.info("Using the CUDA build of libtorch in {}", library.libraryDir());
        return true;
    }

    /**
     * Loads the engine if needed and describes its default device. The first call extracts and loads
     * libtorch, which takes seconds: call it off the UI thread.
     */
    public DeviceDescription describeDevice() {
        Engine engine;
        try {
            engine = Engine.getEngine(ENGINE_NAME);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            LOG.error("The PyTorch engine failed to load", e);
            String fix = isSet(LIBRARY_PATH_KEY)
                    ? "check " + LIBRARY_PATH_KEY + ", " + FLAVOR_KEY + " and " + VERSION_KEY
                    : "start with " + DEVICE_ENVIRONMENT + "=cpu, or reinstall SimCLR Studio";
            return new DeviceDescription(false, "No engine", "The PyTorch engine failed to load: "
                    + e.getMessage(), Optional.of(fix));
        }
        Device device = engine.defaultDevice();
        String build = "libtorch " + engine.getVersion() + " " + value(FLAVOR_KEY).orElse("cpu")
                + (isSet(LIBRARY_PATH_KEY) ? " from " + value(LIBRARY_PATH_KEY).orElseThrow() : " (bundled)");
        if (device.isGpu()) {
            GpuInfo gpu = detectGpu();
            int index = device.getDeviceId();
            String name = index < gpu.gpuNames().size() ? gpu.gpuNames().get(index) : "CUDA device " + index;
            return new DeviceDescription(true, "GPU: " + name, build + ", " + engine.getGpuCount()
                    + " GPU(s) visible", Optional.empty());
        }
        String label = "CPU (" + Runtime.getRuntime().availableProcessors() + " cores)";
        return new DeviceDescription(false, label, build, cpuHint());
    }

    private Optional<String> cpuHint() {
        if (cudaLibrary.isInstalled() && !isSet(LIBRARY_PATH_KEY)) {
            return Optional.of("The CUDA build is installed: restart SimCLR Studio to use the GPU");
        }
        if (isSet(FLAVOR_KEY) && value(FLAVOR_KEY).orElseThrow().startsWith("cu")) {
            return Optional.of("The CUDA build is loaded but sees no GPU: check the NVIDIA driver with nvidia-smi");
        }
        GpuInfo gpu = detectGpu();
        if (gpu.hasDriver() && checkCanEnable(gpu).isEmpty()) {
            return Optional.of(gpu.describe() + " found: use Enable GPU to download the CUDA build");
        }
        return Optional.empty();
    }

    private static String forcedDevice() {
        String property = System.getProperty(DEVICE_PROPERTY);
        String text = property != null ? property : System.getenv(DEVICE_ENVIRONMENT);
        return text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    }

    private static boolean isSet(String key) {
        return value(key).isPresent();
    }

    /** Returns DJL's setting {@code key}, from the environment first, as DJL 0.36 reads it. */
    private static Optional<String> value(String key) {
        String environment = System.getenv(key);
        if (environment != null && !environment.isBlank()) {
            return Optional.of(environment);
        }
        String property = System.getProperty(key);
        return property == null || property.isBlank() ? Optional.empty() : Optional.of(property);
    }

    /**
     * Returns the engine cache folder that DJL will use: {@code ENGINE_CACHE_DIR}, else
     * {@code DJL_CACHE_DIR}, else {@code fallback}.
     */
    public static Path engineCacheDir(Path fallback) {
        return value("ENGINE_CACHE_DIR").or(() -> value("DJL_CACHE_DIR")).map(Path::of).orElse(fallback);
    }
}
