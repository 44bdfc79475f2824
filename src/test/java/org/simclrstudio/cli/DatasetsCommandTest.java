package org.simclrstudio.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simclrstudio.core.data.BundledSample;
import org.simclrstudio.core.data.RgbImage;
import org.simclrstudio.core.data.Stl10Writer;
import picocli.CommandLine;

class DatasetsCommandTest {

    private static final List<String> CLASSES = List.of("airplane", "bird", "car", "cat", "deer", "dog", "horse",
            "monkey", "ship", "truck");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @TempDir
    Path temp;

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

    private static RgbImage chelsea() throws IOException {
        try (InputStream in = DatasetsCommandTest.class.getResourceAsStream(
                "/org/simclrstudio/core/data/chelsea-96.png")) {
            return toRgb(ImageIO.read(in));
        }
    }

    private static RgbImage toRgb(BufferedImage image) {
        byte[] pixels = new byte[image.getWidth() * image.getHeight() * 3];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int offset = (y * image.getWidth() + x) * 3;
                pixels[offset] = (byte) (rgb >> 16);
                pixels[offset + 1] = (byte) (rgb >> 8);
                pixels[offset + 2] = (byte) rgb;
            }
        }
        return new RgbImage(image.getWidth(), image.getHeight(), pixels);
    }

    /** Writes an STL-10 layout: 4 train images (labels 0, 3, 3, 9), 2 unlabeled, no test split. */
    private Path writeStl10(RgbImage photo) throws IOException {
        Path root = Files.createDirectories(temp.resolve("stl10_binary"));
        Files.write(root.resolve("class_names.txt"), CLASSES);
        Stl10Writer.writeImages(root.resolve("train_X.bin"), List.of(photo, photo, photo, photo));
        Stl10Writer.writeLabels(root.resolve("train_y.bin"), new int[] {0, 3, 3, 9});
        Stl10Writer.writeImages(root.resolve("unlabeled_X.bin"), List.of(photo, photo));
        return root;
    }

    @Test
    void inspectJsonShapeForStl10() throws Exception {
        writeStl10(chelsea());
        Result result = execute("datasets", "inspect", temp.toString(), "--json");
        assertEquals(0, result.exitCode(), result.err());
        JsonNode root = JSON.readTree(result.out());
        assertEquals("stl10", root.get("format").asText());
        List<String> classes = new ArrayList<>();
        root.get("classes").forEach(node -> classes.add(node.asText()));
        assertEquals(CLASSES, classes);

        JsonNode splits = root.get("splits");
        List<String> names = new ArrayList<>();
        splits.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("train", "unlabeled"), names);
        JsonNode train = splits.get("train");
        assertEquals(4, train.get("count").asInt());
        assertEquals(1, train.get("perClass").get("airplane").asInt());
        assertEquals(2, train.get("perClass").get("cat").asInt());
        assertEquals(0, train.get("perClass").get("ship").asInt());
        assertEquals(1, train.get("perClass").get("truck").asInt());
        assertEquals(10, train.get("perClass").size());
        JsonNode unlabeled = splits.get("unlabeled");
        assertEquals(2, unlabeled.get("count").asInt());
        assertFalse(unlabeled.has("perClass"));
    }

    @Test
    void inspectJsonForIdxSample() throws Exception {
        Path folder = BundledSample.extractTo(temp);
        Result result = execute("datasets", "inspect", folder.toString(), "--format", "IDX", "--json");
        assertEquals(0, result.exitCode(), result.err());
        JsonNode root = JSON.readTree(result.out());
        assertEquals("idx", root.get("format").asText());
        assertEquals("T-shirt/top", root.get("classes").get(0).asText());
        assertEquals(3000, root.get("splits").get("train").get("count").asInt());
        assertEquals(300, root.get("splits").get("train").get("perClass").get("Ankle boot").asInt());
        assertEquals(1000, root.get("splits").get("test").get("count").asInt());
        assertFalse(root.get("splits").has("unlabeled"));
    }

    @Test
    void inspectTableListsClasses() throws Exception {
        Path folder = BundledSample.extractTo(temp);
        Result result = execute("datasets", "inspect", folder.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("Format   idx"), result.out());
        assertTrue(result.out().contains("3,000  28x28"), result.out());
        assertTrue(result.out().contains("Ankle boot"), result.out());
        assertTrue(result.out().contains("No unlabeled split"), result.out());
    }

    @Test
    void inspectMissingFolderIsOneLine() {
        Path missing = temp.resolve("nowhere");
        Result result = execute("datasets", "inspect", missing.toString());
        assertEquals(1, result.exitCode());
        assertEquals("simclr-studio: error: Dataset folder " + missing + " does not exist; pass a folder with "
                + "STL-10 binary files, IDX files or class folders", result.err().strip());
        assertEquals("", result.out());
    }

    @Test
    void badDatasetIsOneLineWithoutTrace() throws Exception {
        Path root = writeStl10(chelsea());
        Files.write(root.resolve("train_y.bin"), new byte[] {1, 2, 11, 4});
        Result result = execute("datasets", "inspect", temp.toString(), "--json");
        assertEquals(1, result.exitCode());
        String err = result.err().strip();
        assertFalse(err.contains("\n"), err);
        assertTrue(err.contains(root.resolve("train_y.bin") + ": record 2 has label 11, expected 1..10"), err);

        Result verbose = execute("--verbose", "datasets", "inspect", temp.toString());
        assertTrue(verbose.err().contains("\tat "), "--verbose prints the stack trace");
    }

    @Test
    void unknownFormatIsUsageError() {
        Result result = execute("datasets", "inspect", temp.toString(), "--format", "cifar");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("expected stl10, idx or folder"), result.err());
    }

    @Test
    void exportWritesUnchangedImage() throws Exception {
        RgbImage photo = chelsea();
        writeStl10(photo);
        Path out = temp.resolve("exports/cat.png");
        Result result = execute("datasets", "export", temp.toString(), "--split", "train", "--index", "2",
                "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("class cat"), result.out());
        RgbImage written = toRgb(ImageIO.read(out.toFile()));
        assertEquals(96, written.width());
        assertEquals(96, written.height());
        assertArrayEquals(photo.pixels(), written.pixels());
    }

    @Test
    void exportIdxImageKeepsSize() throws Exception {
        Path folder = BundledSample.extractTo(temp);
        Path out = temp.resolve("shoe.png");
        Result result = execute("datasets", "export", folder.toString(), "--split", "test", "--index", "0",
                "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err());
        BufferedImage written = ImageIO.read(out.toFile());
        assertEquals(28, written.getWidth());
        assertEquals(28, written.getHeight());
    }

    @Test
    void exportRejectsBadSplitAndIndex() throws Exception {
        writeStl10(chelsea());
        String out = temp.resolve("x.png").toString();
        Result split = execute("datasets", "export", temp.toString(), "--split", "test", "--index", "0", "--out", out);
        assertEquals(1, split.exitCode());
        assertTrue(split.err().contains("Split 'test' not found"), split.err());
        assertTrue(split.err().contains("it has: train, unlabeled"), split.err());

        Result index = execute("datasets", "export", temp.toString(), "--split", "train", "--index", "4", "--out", out);
        assertEquals(1, index.exitCode());
        assertTrue(index.err().contains("Index 4 is outside 0..3 of split 'train'"), index.err());

        Result jpeg = execute("datasets", "export", temp.toString(), "--split", "train", "--index", "0",
                "--out", temp.resolve("x.jpg").toString());
        assertEquals(1, jpeg.exitCode());
        assertTrue(jpeg.err().contains("must end with .png"), jpeg.err());
        assertFalse(Files.exists(temp.resolve("x.png")));
    }
}
