package org.simclrstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimclrCliTest {

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
    void versionNamesAppAndEngine() {
        Result result = execute("--version");
        assertEquals(0, result.exitCode());
        assertTrue(result.out().startsWith("SimCLR Studio 0."), result.out());
        assertTrue(result.out().contains("DJL 0.36.0"), result.out());
    }

    @Test
    void helpListsSubcommands() {
        Result result = execute("--help");
        assertEquals(0, result.exitCode());
        for (String name : new String[] {"datasets", "pretrain", "finetune", "baseline", "evaluate", "classify", "bench"}) {
            assertTrue(result.out().contains(name), "help lacks " + name + ":\n" + result.out());
        }
    }

    @Test
    void unknownOptionIsOneLineError() {
        Result result = execute("--no-such-option");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("--no-such-option"), result.err());
        assertFalse(result.err().contains("\tat "), result.err());
    }
}
