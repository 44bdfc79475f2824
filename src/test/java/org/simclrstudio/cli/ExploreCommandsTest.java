package org.simclrstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simclrstudio.core.data.BundledSample;
import org.simclrstudio.core.data.Dataset;
import org.simclrstudio.core.data.DatasetSplit;
import org.simclrstudio.core.data.Datasets;
import org.simclrstudio.core.explore.FeatureEncoder;
import org.simclrstudio.core.explore.ModelOpener;
import org.simclrstudio.core.explore.TestModels;
import picocli.CommandLine;

/** The {@code embed} and {@code neighbors} commands on the bundled sample with a small in-memory encoder. */
class ExploreCommandsTest {

    @TempDir
    static Path temp;

    private static Path data;
    private static Path run;
    private static Dataset dataset;
    private static DatasetSplit test;

    private record Result(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void extractSample() throws Exception {
        data = BundledSample.extractTo(temp.resolve("datasets"));
        run = Files.createDirectories(temp.resolve("runs/pretrain-1"));
        dataset = Datasets.open(data, null);
        test = dataset.split(Dataset.TEST).orElseThrow();
    }

    @AfterAll
    static void close() {
        dataset.close();
    }

    private static Result execute(String... args) {
        return execute(new TestModels(28, 10), temp.resolve("feature-cache"), args);
    }

    private static Result execute(ModelOpener models, Path featureCache, String... args) {
        CommandLine commandLine = SimclrCli.newCommandLine();
        ((EmbedCommand) commandLine.getSubcommands().get("embed").getCommand()).models = models;
        NeighborsCommand neighbors = (NeighborsCommand) commandLine.getSubcommands().get("neighbors").getCommand();
        neighbors.models = models;
        neighbors.featureCache = featureCache;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    @Test
    void neighborsJsonListsImageFirst() throws Exception {
        Result result = execute("neighbors", "--model", run.toString(), "--data", data.toString(), "--index", "42",
                "--k", "5", "--json");
        assertEquals(0, result.exitCode(), result.err());

        JsonNode root = new ObjectMapper().readTree(result.out());
        assertEquals(List.of("neighbors"), fieldNames(root));
        JsonNode neighbors = root.get("neighbors");
        assertEquals(5, neighbors.size());
        assertEquals(42, neighbors.get(0).get("index").asInt());
        assertEquals(1.0, neighbors.get(0).get("similarity").asDouble(), 1e-9);
        for (JsonNode neighbor : neighbors) {
            assertTrue(neighbor.get("index").isInt(), neighbor.toString());
            assertTrue(neighbor.get("similarity").isNumber(), neighbor.toString());
            assertEquals(test.label(neighbor.get("index").asInt()), neighbor.get("label").asInt(), neighbor.toString());
            assertEquals(dataset.classNames().get(neighbor.get("label").asInt()), neighbor.get("className").asText());
        }
    }

    @Test
    void neighborsTableStartsWithImage() {
        Result result = execute("neighbors", "--model", run.toString(), "--data", data.toString(), "--index", "7",
                "--k", "3");
        assertEquals(0, result.exitCode(), result.err());
        String[] lines = result.out().strip().split("\n");
        assertEquals(4, lines.length, result.out());
        String[] first = lines[1].trim().split("\\s+");
        assertEquals("0", first[0]);
        assertEquals("7", first[1]);
        assertEquals("1.0000", first[first.length - 1]);
    }

    @Test
    void neighborsRejectIndexOutOfRange() {
        Result result = execute("neighbors", "--model", run.toString(), "--data", data.toString(), "--index", "5000");
        assertEquals(1, result.exitCode());
        assertEquals("simclr-studio: error: --index 5000 is out of range: split 'test' has 1000 images, numbered 0 "
                + "to 999", result.err().strip());
    }

    @Test
    void neighborsNameMissingSplit() {
        Result result = execute("neighbors", "--model", run.toString(), "--data", data.toString(), "--split",
                "unlabeled", "--index", "0");
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("Split 'unlabeled' not found"), result.err());
        assertTrue(result.err().contains("available splits: train, test"), result.err());
        assertFalse(result.err().contains("\tat "), result.err());
    }

    @Test
    void embedPcaWritesOneRowPerImage() throws Exception {
        Path csv = temp.resolve("out/pca.csv");
        Result result = execute("embed", "--model", run.toString(), "--data", data.toString(), "--split", "test",
                "--out", csv.toString());
        assertEquals(0, result.exitCode(), result.err());

        List<String> lines = Files.readAllLines(csv);
        assertEquals("index,label,x,y", lines.get(0));
        assertEquals(test.size() + 1, lines.size());
        for (int row = 0; row < test.size(); row++) {
            String[] cells = lines.get(row + 1).split(",");
            assertEquals(4, cells.length, lines.get(row + 1));
            assertEquals(row, Integer.parseInt(cells[0]));
            assertEquals(test.label(row), Integer.parseInt(cells[1]));
            assertTrue(Float.isFinite(Float.parseFloat(cells[2])), lines.get(row + 1));
            assertTrue(Float.isFinite(Float.parseFloat(cells[3])), lines.get(row + 1));
        }
        assertTrue(result.out().contains("Wrote 1,000 points (PCA)"), result.out());
    }

    @Test
    void embedTsneHonoursLimit() throws Exception {
        Path csv = temp.resolve("tsne.csv");
        Result result = execute("embed", "--model", run.toString(), "--data", data.toString(), "--out",
                csv.toString(), "--method", "tsne", "--limit", "90", "--iterations", "250");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals(91, Files.readAllLines(csv).size());
    }

    @Test
    void embedRejectsUnknownMethod() {
        Result result = execute("embed", "--model", run.toString(), "--data", data.toString(), "--out",
                temp.resolve("x.csv").toString(), "--method", "umap");
        assertEquals(1, result.exitCode());
        assertEquals("simclr-studio: error: --method must be pca or tsne, got 'umap'", result.err().strip());
    }

    @Test
    void embedNamesMissingDataFolder() {
        Path missing = temp.resolve("no-such-folder");
        Result result = execute("embed", "--model", run.toString(), "--data", missing.toString(), "--out",
                temp.resolve("y.csv").toString());
        assertEquals(1, result.exitCode());
        assertEquals("simclr-studio: error: Dataset folder " + missing + " does not exist; pass a folder with "
                + "STL-10 binary files, IDX files or class folders", result.err().strip());
    }

    @Test
    void neighborsReuseCachedFeatures() throws Exception {
        Path trained = Files.createDirectories(temp.resolve("runs/cached/model"));
        Path weights = Files.write(trained.resolve("weights.ckpt"), new byte[] {7});
        AtomicInteger opened = new AtomicInteger();
        TestModels inner = new TestModels(28, 10);
        ModelOpener counting = new ModelOpener() {
            @Override
            public FeatureEncoder openEncoder(Path runFolder, String device) {
                opened.incrementAndGet();
                return inner.openEncoder(runFolder, device);
            }

            @Override
            public FeatureEncoder openClassifier(Path runFolder, String device) {
                return inner.openClassifier(runFolder, device);
            }
        };
        Path cache = temp.resolve("cache-reuse");
        String[] args = {"neighbors", "--model", trained.getParent().toString(), "--data", data.toString(),
            "--index", "7", "--k", "4", "--json"};

        Result first = execute(counting, cache, args);
        Result second = execute(counting, cache, args);

        assertEquals(0, second.exitCode(), second.err());
        assertEquals(first.out(), second.out());
        assertEquals(1, opened.get(), "the second query reads the cached features");
        Files.setLastModifiedTime(weights, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(weights).toMillis() + 5000));
        assertEquals(first.out(), execute(counting, cache, args).out());
        assertEquals(2, opened.get(), "a changed model is encoded again");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
