package org.simclrstudio.app;

import org.simclrstudio.core.BuildInfo;
import org.simclrstudio.core.engine.GpuSupport;
import org.simclrstudio.core.model.Devices;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Process-wide set-up that must happen before any logger or DJL class is touched: the application
 * folder for the log file, DJL offline mode and its cache folder, and java.util.logging routed to SLF4J.
 */
public final class AppEnvironment {

    private static boolean initialized;

    private AppEnvironment() {
    }

    /** Applies the set-up once; later calls do nothing. */
    public static synchronized void initialize() {
        if (initialized) {
            return;
        }
        initialized = true;
        System.setProperty(AppDirs.HOME_PROPERTY, AppDirs.home().toAbsolutePath().toString());
        // DJL must never reach the network on its own: libtorch comes from the bundled native jar.
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("DJL_CACHE_DIR", AppDirs.djlCache().toString());
        setIfAbsent("ENGINE_CACHE_DIR", AppDirs.djlCache().toString());
        // DJL's usage reporting and the CUDA probe's advice are noise for a desktop user.
        setIfAbsent("OPT_OUT_TRACKING", "true");
        // One libtorch intra-op thread per available core, set before the engine's first use.
        Devices.configureThreads();
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        // Before any engine use: a downloaded CUDA build of libtorch replaces the bundled CPU build.
        GpuSupport.configureEngine(GpuSupport.engineCacheDir(AppDirs.djlCache()), BuildInfo.pytorchVersion());
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null && System.getenv(key) == null) {
            System.setProperty(key, value);
        }
    }
}
