package org.simclrstudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
}
