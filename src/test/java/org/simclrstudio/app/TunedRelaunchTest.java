package org.simclrstudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TunedRelaunchTest {

    @Test
    void commandLineRepeatsThisJvm() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/self/cmdline")), "reads /proc, which only Linux has");
        // Options from these variables reach the JVM without being on its command line.
        assumeTrue(System.getenv("JAVA_TOOL_OPTIONS") == null && System.getenv("JDK_JAVA_OPTIONS") == null,
                "JAVA_TOOL_OPTIONS or JDK_JAVA_OPTIONS is set");
        List<String> command = TunedRelaunch.currentCommandLine().orElseThrow();
        Path executable = Path.of(command.get(0));
        assertTrue(Files.isExecutable(executable), executable + " is not executable");
        assertEquals(Path.of(System.getProperty("java.home"), "bin", "java").toRealPath(), executable.toRealPath());
        // Surefire starts this JVM with the argLine of the POM, so its options appear among the arguments.
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            assertTrue(command.contains(option), option + " missing from " + command);
        }
    }

    @Test
    void childHaltsWhenParentIsKilled() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The shell plays the waiting parent: it starts the probe with its own pid in the variable, then waits.
        String script = TunedRelaunch.PARENT_PID_VARIABLE + "=$$ \"$0\" -Xmx32m -cp \"$1\" "
                + ParentWatchProbe.class.getName() + " & wait";
        Process parent = new ProcessBuilder("/bin/sh", "-c", script, java, System.getProperty("java.class.path"))
                .redirectErrorStream(true).start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertEquals("watching", output.readLine(), "the probe did not start its watch");
            ProcessHandle probe = parent.toHandle().children().findFirst().orElseThrow();

            parent.destroyForcibly();
            assertTrue(parent.waitFor(10, TimeUnit.SECONDS), "the parent shell did not die");

            assertTrue(probe.onExit().completeOnTimeout(null, 20, TimeUnit.SECONDS).get() != null,
                    "the probe kept running after its parent was killed");
        } finally {
            parent.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            parent.destroyForcibly();
        }
    }
}
