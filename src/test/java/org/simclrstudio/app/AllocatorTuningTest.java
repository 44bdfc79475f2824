package org.simclrstudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllocatorTuningTest {

    private static final String LINUX = "Linux";
    private static final Optional<Path> JEMALLOC = Optional.of(Path.of("/usr/lib/x86_64-linux-gnu/libjemalloc.so.2"));

    @Test
    void plainLinuxEnvironmentRelaunches() {
        AllocatorTuning.Decision decision = AllocatorTuning.decide(LINUX, Map.of("PATH", "/usr/bin"), Optional.empty());
        assertTrue(decision.relaunch(), decision.reason());
        assertEquals("1", decision.environment().get("MALLOC_ARENA_MAX"));
        assertEquals("0", decision.environment().get("MALLOC_MMAP_MAX_"));
        assertEquals(AllocatorTuning.TUNED, decision.environment().get(AllocatorTuning.MARKER));
        assertFalse(decision.environment().containsKey("LD_PRELOAD"));
    }

    @Test
    void jemallocIsPreloadedWhenFound() {
        Map<String, String> environment = AllocatorTuning.decide(LINUX, Map.of(), JEMALLOC).environment();
        assertEquals(JEMALLOC.get().toString(), environment.get("LD_PRELOAD"));
        assertEquals(AllocatorTuning.JEMALLOC_CONF, environment.get("MALLOC_CONF"));
        assertEquals("1", environment.get("MALLOC_ARENA_MAX"));
    }

    @Test
    void jemallocJoinsExistingPreloadAndConf() {
        Map<String, String> current = Map.of("LD_PRELOAD", "libgtk3-nocsd.so.0", "MALLOC_CONF", "narenas:2");
        Map<String, String> environment = AllocatorTuning.decide(LINUX, current, JEMALLOC).environment();
        assertEquals("libgtk3-nocsd.so.0:" + JEMALLOC.get(), environment.get("LD_PRELOAD"));
        assertEquals("narenas:2", environment.get("MALLOC_CONF"));
    }

    @Test
    void otherSystemsNeverRelaunch() {
        for (String os : new String[] {"Windows 11", "Mac OS X", "FreeBSD"}) {
            AllocatorTuning.Decision decision = AllocatorTuning.decide(os, Map.of(), JEMALLOC);
            assertFalse(decision.relaunch(), os);
            assertTrue(decision.environment().isEmpty(), os);
        }
    }

    @Test
    void markerStopsRelaunchLoop() {
        Map<String, String> tuned = AllocatorTuning.tunedEnvironment(Map.of(), JEMALLOC);
        assertFalse(AllocatorTuning.decide(LINUX, tuned, JEMALLOC).relaunch());
        Map<String, String> off = Map.of(AllocatorTuning.MARKER, AllocatorTuning.OFF);
        assertFalse(AllocatorTuning.decide(LINUX, off, JEMALLOC).relaunch());
    }

    @Test
    void usersOwnAllocatorSettingsAreKept() {
        List<Map<String, String>> environments = List.of(
                Map.of("LD_PRELOAD", "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2"),
                Map.of("LD_PRELOAD", "libtcmalloc_minimal.so.4"),
                Map.of("GLIBC_TUNABLES", "glibc.malloc.arena_max=2"),
                Map.of("MALLOC_ARENA_MAX", "4"),
                Map.of("MALLOC_TRIM_THRESHOLD_", "131072"));
        for (Map<String, String> environment : environments) {
            assertFalse(AllocatorTuning.decide(LINUX, environment, JEMALLOC).relaunch(), environment.toString());
        }
    }

    @Test
    void unrelatedPreloadAndTunablesStillRelaunch() {
        Map<String, String> environment = Map.of("LD_PRELOAD", "libgtk3-nocsd.so.0",
                "GLIBC_TUNABLES", "glibc.cpu.hwcaps=-AVX512F");
        assertTrue(AllocatorTuning.decide(LINUX, environment, JEMALLOC).relaunch());
    }

    /** The launcher script and the relaunch must export the same settings, so runs compare fairly. */
    @Test
    void launcherScriptExportsSameSettings(@TempDir Path temp) throws IOException, InterruptedException {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "the script tunes Linux only");
        Path javaHome = temp.resolve("jdk");
        Path fakeJava = Files.createDirectories(javaHome.resolve("bin")).resolve("java");
        Path printed = temp.resolve("environment.txt");
        Files.writeString(fakeJava, "#!/bin/sh\nenv > \"" + printed + "\"\n");
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path script = Files.createDirectories(temp.resolve("app/bin")).resolve("simclr-studio");
        String source = Files.readString(Path.of("src/main/launcher/simclr-studio"), StandardCharsets.UTF_8);
        Files.writeString(script, source.replace("${main.class}", "org.simclrstudio.app.Main"));

        ProcessBuilder builder = new ProcessBuilder("sh", script.toString(), "--version").redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("MALLOC_") || name.equals("GLIBC_TUNABLES")
                || name.equals("LD_PRELOAD") || name.equals(AllocatorTuning.MARKER));
        builder.environment().put("JAVA_HOME", javaHome.toString());
        Process process = builder.start();
        assertTrue(process.waitFor(20, TimeUnit.SECONDS), "launcher script did not finish");
        assertEquals(0, process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));

        Map<String, String> exported = new HashMap<>();
        for (String line : Files.readAllLines(printed)) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                exported.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        Map<String, String> expected = AllocatorTuning.tunedEnvironment(Map.of(), AllocatorTuning.findJemalloc());
        expected.forEach((name, value) -> assertEquals(value, exported.get(name), name));
        assertEquals(expected.containsKey("LD_PRELOAD"), exported.containsKey("LD_PRELOAD"));
        assertFalse(AllocatorTuning.decide(LINUX, exported, AllocatorTuning.findJemalloc()).relaunch());
    }
}
