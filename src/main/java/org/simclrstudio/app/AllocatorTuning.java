package org.simclrstudio.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether this process must be started again with native memory allocator settings that let
 * libtorch reuse its training buffers.
 *
 * <p>Every training step allocates activation buffers of 100-600 MB. glibc serves requests above its
 * mmap threshold (at most 32 MiB on 64-bit systems, see mallopt(3)) with a fresh {@code mmap}, so each
 * step page-faults its buffers in again, and secondary arenas fall back to {@code mmap} for anything
 * larger than their 64 MiB heaps. Two settings avoid that:
 * <ul>
 *   <li>jemalloc, when the system has it, preloaded with page purging turned off, so freed buffers stay
 *       mapped for the next step;</li>
 *   <li>otherwise glibc with one arena, {@code mmap} disabled and trimming off, so freed buffers return
 *       to the free list. The glibc variables are always set as well, so they also apply when the
 *       preload fails.</li>
 * </ul>
 *
 * <p>The settings must be in the environment before the C library starts, so a running JVM cannot apply
 * them to itself: the launcher script exports them, and {@link TunedRelaunch} starts a child process for
 * the other ways of launching (the installed app's native launcher, {@code mvn javafx:run}).
 *
 * <p>NOTE: freed memory stays with the process until it exits, and programs that the app starts (such
 * as a browser opened from a link) inherit these variables.
 */
public final class AllocatorTuning {

    /**
     * Environment variable that records the decision: {@code tuned} once the settings are applied, and a
     * user may set {@code off} to keep the C library's defaults.
     */
    public static final String MARKER = "SIMCLR_STUDIO_ALLOCATOR";

    /** Value of {@link #MARKER} in a process that runs with the settings. */
    public static final String TUNED = "tuned";

    /** Value of {@link #MARKER} that turns the tuning off. */
    public static final String OFF = "off";

    /** Install paths of jemalloc 5 on Debian, Ubuntu, Fedora and Arch (packages libjemalloc2 and jemalloc). */
    public static final List<Path> JEMALLOC_LOCATIONS = List.of(
            Path.of("/usr/lib/x86_64-linux-gnu/libjemalloc.so.2"),
            Path.of("/usr/lib/aarch64-linux-gnu/libjemalloc.so.2"),
            Path.of("/usr/lib64/libjemalloc.so.2"),
            Path.of("/usr/lib/libjemalloc.so.2"));

    /** jemalloc options that keep freed pages mapped (no decay-based purging). */
    public static final String JEMALLOC_CONF = "dirty_decay_ms:-1,muzzy_decay_ms:-1";

    /**
     * glibc's environment variables for mallopt(3) parameters. The trim threshold of 1 TiB stops glibc
     * from returning the top of the heap to the kernel between steps.
     */
    private static final Map<String, String> GLIBC_SETTINGS;

    static {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("MALLOC_ARENA_MAX", "1");
        settings.put("MALLOC_MMAP_MAX_", "0");
        settings.put("MALLOC_TRIM_THRESHOLD_", "1099511627776");
        GLIBC_SETTINGS = Collections.unmodifiableMap(settings);
    }

    /** Allocators that reuse large blocks. When the user preloads one, the settings are left alone. */
    private static final String[] REPLACEMENT_ALLOCATORS = {"jemalloc", "tcmalloc", "mimalloc"};

    private AllocatorTuning() {
    }

    /**
     * Outcome of {@link #decide}.
     *
     * @param relaunch whether to start the process again with {@code environment} added
     * @param environment variables to set in the child's environment, empty unless {@code relaunch}
     * @param reason the cause of the decision in words, for messages and tests
     */
    public record Decision(boolean relaunch, Map<String, String> environment, String reason) {
    }

    /** Returns the first of {@link #JEMALLOC_LOCATIONS} that exists, if any. */
    public static Optional<Path> findJemalloc() {
        return JEMALLOC_LOCATIONS.stream().filter(Files::isReadable).findFirst();
    }

    /**
     * Returns the variables to set, including {@link #MARKER}, the way the launcher script sets them: the
     * glibc settings, and with {@code jemalloc} also {@code LD_PRELOAD} (appended to the current value)
     * and {@code MALLOC_CONF} (unless already set).
     */
    public static Map<String, String> tunedEnvironment(Map<String, String> current, Optional<Path> jemalloc) {
        Map<String, String> environment = new LinkedHashMap<>(GLIBC_SETTINGS);
        jemalloc.ifPresent(library -> {
            String preload = current.getOrDefault("LD_PRELOAD", "");
            environment.put("LD_PRELOAD", preload.isEmpty() ? library.toString() : preload + ":" + library);
            environment.put("MALLOC_CONF", current.getOrDefault("MALLOC_CONF", JEMALLOC_CONF));
        });
        environment.put(MARKER, TUNED);
        return Collections.unmodifiableMap(environment);
    }

    /**
     * Decides from the operating system name ({@code os.name}), the process environment and the jemalloc
     * library found (if any) whether to relaunch. Only Linux is tuned, because the variables are glibc's.
     */
    public static Decision decide(String osName, Map<String, String> environment, Optional<Path> jemalloc) {
        if (!osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return keep("not Linux (" + osName + "), glibc settings do not apply");
        }
        String marker = environment.get(MARKER);
        if (marker != null) {
            return keep(MARKER + "=" + marker);
        }
        String preload = environment.getOrDefault("LD_PRELOAD", "");
        for (String allocator : REPLACEMENT_ALLOCATORS) {
            if (preload.contains(allocator)) {
                return keep("LD_PRELOAD contains " + allocator);
            }
        }
        if (environment.getOrDefault("GLIBC_TUNABLES", "").contains("glibc.malloc.")) {
            return keep("GLIBC_TUNABLES already sets malloc tunables");
        }
        for (String name : GLIBC_SETTINGS.keySet()) {
            if (environment.containsKey(name)) {
                return keep(name + " is already set");
            }
        }
        return new Decision(true, tunedEnvironment(environment, jemalloc),
                "glibc malloc defaults page-fault every training step");
    }

    private static Decision keep(String reason) {
        return new Decision(false, Map.of(), reason);
    }
}
