package org.simclrstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.simclrstudio.core.engine.NvidiaProbe;
import picocli.CommandLine;

/** Runs the gpu commands on the real engine; the test machine has no GPU, so the device is the CPU. */
class GpuCommandTest {

    private record Result(int exitCode, String out, String err) {
    }

    private static Result execute(String... args) {
        CommandLine commandLine = SimclrCli.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    @Test
    void statusLoadsEngineOnCpu() {
        Result result = execute("gpu", "status");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().startsWith("Device:     CPU ("), result.out());
        assertTrue(result.out().contains("Engine:     libtorch 2.7.1 cpu"), result.out());
        assertTrue(result.out().contains("CUDA build: not installed"), result.out());
    }

    @Test
    void disableWithoutBuildSaysSo() {
        Result result = execute("gpu", "disable");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("No CUDA build was installed", result.out().trim());
    }

    @Test
    void enableWithoutDriverFailsInOneLine() {
        assumeFalse(new NvidiaProbe().probe().hasDriver(), "this machine has an NVIDIA driver");
        Result result = execute("gpu", "enable");
        assertEquals(1, result.exitCode());
        assertTrue(result.err().startsWith("simclr-studio: error: No NVIDIA driver found"), result.err());
        assertEquals(1, result.err().strip().lines().count(), result.err());
    }

    @Test
    void missingSubcommandIsUsageError() {
        Result result = execute("gpu");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("Missing subcommand: status, enable or disable"), result.err());
    }
}
