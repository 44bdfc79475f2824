package org.simclrstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {

    private static final String[] TINY = {"bench", "--image-size", "32", "--batch-size", "4", "--steps", "1",
        "--warmup-steps", "0", "--gemm-size", "64", "--classify-repeats", "2", "--dataset-images", "1000"};

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

    private static String[] with(String... extra) {
        String[] args = new String[TINY.length + extra.length];
        System.arraycopy(TINY, 0, args, 0, TINY.length);
        System.arraycopy(extra, 0, args, TINY.length, extra.length);
        return args;
    }

    @Test
    void jsonHasEveryFigure() throws Exception {
        Result result = execute(with("--json", "--device", "cpu"));
        assertEquals(0, result.exitCode(), result.err());
        JsonNode report = new ObjectMapper().readTree(result.out());
        String[] positive = {"gemmGflops", "gemmBoundViewsPerSecond", "stepViewsPerSecond", "stepBestViewsPerSecond",
            "epochViewsPerSecond", "epochFractionOfStep", "classifyP50Ms", "classifyP95Ms", "datasetOpenMs",
            "gflopPerView", "threads"};
        for (String key : positive) {
            assertTrue(report.path(key).isNumber(), key + " missing or not a number: " + result.out());
            assertTrue(report.get(key).doubleValue() > 0, key + " = " + report.get(key));
        }
        assertEquals(8, report.get("viewsPerStep").intValue());
        assertEquals(1000, report.get("datasetImages").intValue());
        assertEquals(1000L * 3 * 96 * 96, report.get("datasetFileBytes").longValue());
        assertTrue(report.get("classifyP95Ms").doubleValue() >= report.get("classifyP50Ms").doubleValue());
        assertEquals("cpu()", report.get("device").textValue());

        Map<String, Object> map = new LinkedHashMap<>();
        report.fields().forEachRemaining(entry -> map.put(entry.getKey(),
                entry.getValue().isNumber() ? entry.getValue().numberValue() : entry.getValue().asText()));
        StringWriter table = new StringWriter();
        BenchCommand.printTable(new PrintWriter(table, true), map);
        for (String row : new String[] {"GEMM ceiling", "Pretraining step", "Pretraining epoch", "Classify latency",
            "Dataset open"}) {
            assertTrue(table.toString().contains(row), "table lacks " + row + ":\n" + table);
        }
    }

    @Test
    void invalidBatchSizeIsOneLineError() {
        Result result = execute("bench", "--batch-size", "0");
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("Invalid batch size 0"), result.err());
        assertFalse(result.err().contains("\tat "), result.err());
    }

    @Test
    void missingPhotoNamesFile() {
        Result result = execute(with("--photo", "no-such-photo.jpg"));
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("no-such-photo.jpg"), result.err());
    }
}
