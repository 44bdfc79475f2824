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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllocatorTuningTest {

    private static final String LINUX = "Linux";

    @Test
    void plainLinuxEnvironmentRelaunches() {
        AllocatorTuning.Decision decision = AllocatorTuning.decide(LINUX, Map.of("PATH", "/usr/bin"));
        assertTrue(decision.relaunch(), decision.reason());
        assertEquals("1", decision.environment().get("MALLOC_ARENA_MAX"));
        assertEquals("0", decision.environment().get("MALLOC_MMAP_MAX_"));
        assertEquals(AllocatorTuning.TUNED, decision.environment().get(AllocatorTuning.MARKER));
    }

    @Test
    void otherSystemsNeverRelaunch() {
        for (String os : new String[] {"Windows 11", "Mac OS X", "FreeBSD"}) {
            AllocatorTuning.Decision decision = AllocatorTuning.decide(os, Map.of());
            assertFalse(decision.relaunch(), os);
            assertTrue(decision.environment().isEmpty(), os);
        }
    }

    @Test
    void markerStopsRelaunchLoop() {
        assertFalse(AllocatorTuning.decide(LINUX, AllocatorTuning.tunedEnvironment()).relaunch());
        assertFalse(AllocatorTuning.decide(LINUX, Map.of(AllocatorTuning.MARKER, AllocatorTuning.OFF)).relaunch());
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
            assertFalse(AllocatorTuning.decide(LINUX, environment).relaunch(), environment.toString());
        }
    }

    @Test
    void unrelatedPreloadAndTunablesStillRelaunch() {
        Map<String, String> environment = Map.of("LD_PRELOAD", "libgtk3-nocsd.so.0",
                "GLIBC_TUNABLES", "glibc.cpu.hwcaps=-AVX512F");
        assertTrue(AllocatorTuning.decide(LINUX, environment).relaunch());
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
        AllocatorTuning.tunedEnvironment().forEach((name, value) -> assertEquals(value, exported.get(name), name));
        assertFalse(AllocatorTuning.decide(LINUX, exported).relaunch());
    }
}
