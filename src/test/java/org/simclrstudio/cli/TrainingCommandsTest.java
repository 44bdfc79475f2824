package org.simclrstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simclrstudio.core.data.BundledSample;
import picocli.CommandLine;

/** The pretrain, finetune, baseline, evaluate and classify commands on the bundled Fashion-MNIST sample. */
class TrainingCommandsTest {

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

    private static String[] tinyOptions(Path data, Path out, String... more) {
        String[] base = {"--data", data.toString(), "--out", out.toString(), "--epochs", "1", "--batch-size", "16",
            "--image-size", "32", "--unlabeled-limit", "128", "--labels-per-class", "3", "--steps-per-epoch", "2",
            "--validation-limit", "50", "--device", "cpu", "--seed", "5"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private static String[] prefixed(String command, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = command;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    @Test
    void commandChainOnBundledSample() throws Exception {
        Path data = BundledSample.extractTo(temp.resolve("datasets"));
        Path pretrain = temp.resolve("runs/pretrain");
        Path finetune = temp.resolve("runs/finetune");
        Path baseline = temp.resolve("runs/baseline");

        Result pretrained = execute(prefixed("pretrain", tinyOptions(data, pretrain)));
        assertEquals(0, pretrained.exitCode(), pretrained.err());
        assertTrue(pretrained.err().contains("epoch 1: loss"), pretrained.err());
        assertTrue(pretrained.err().contains("images/s"), pretrained.err());

        String[] finetuneArgs = {"finetune", "--data", data.toString(), "--from", pretrain.toString(), "--out",
            finetune.toString(), "--epochs", "1", "--batch-size", "8", "--labels-per-class", "3",
            "--steps-per-epoch", "2", "--validation-limit", "50", "--device", "cpu"};
        Result tuned = execute(finetuneArgs);
        assertEquals(0, tuned.exitCode(), tuned.err());
        assertTrue(Files.readString(finetune.resolve("config.json")).contains("\"imageSize\" : 32"),
                "fine-tuning takes the image size of the pretraining run");

        Result trained = execute(prefixed("baseline", tinyOptions(data, baseline)));
        assertEquals(0, trained.exitCode(), trained.err());

        Result evaluated = execute("evaluate", "--data", data.toString(), "--model", finetune.toString(), "--json");
        assertEquals(0, evaluated.exitCode(), evaluated.err());
        JsonNode evaluation = new ObjectMapper().readTree(evaluated.out());
        double accuracy = evaluation.get("accuracy").asDouble();
        assertTrue(accuracy >= 0, evaluated.out());
        assertTrue(accuracy <= 1, evaluated.out());
        assertEquals(10, evaluation.get("perClass").size());
        assertEquals(10, evaluation.get("confusionMatrix").size());
        long total = 0;
        for (JsonNode row : evaluation.get("confusionMatrix")) {
            for (JsonNode count : row) {
                total += count.asLong();
            }
        }
        assertEquals(1000, total, "every test image lands in one cell");

        Path picture = temp.resolve("wide.png");
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        image.setRGB(5, 5, 0xFFFFFF);
        ImageIO.write(image, "png", picture.toFile());
        Path broken = temp.resolve("broken.jpg");
        Files.writeString(broken, "not a picture");
        Result classified = execute("classify", "--model", finetune.toString(), "--top", "3", "--json",
                picture.toString(), broken.toString());
        assertEquals(1, classified.exitCode(), "a failed file gives exit status 1");
        String[] lines = classified.out().strip().split("\n");
        assertEquals(2, lines.length, classified.out());
        JsonNode good = new ObjectMapper().readTree(lines[0]);
        assertEquals(picture.toString(), good.get("file").asText());
        assertEquals(40, good.get("width").asInt());
        assertEquals(30, good.get("height").asInt());
        assertEquals(3, good.get("top").size());
        assertTrue(good.get("top").get(0).get("probability").asDouble() >= good.get("top").get(2).get("probability").asDouble());
        JsonNode bad = new ObjectMapper().readTree(lines[1]);
        assertEquals(broken.toString(), bad.get("file").asText());
        assertFalse(bad.get("error").asText().isBlank());
        assertFalse(bad.has("top"));
    }

    @Test
    void invalidImageSizeIsOneLineError() throws Exception {
        Path data = BundledSample.extractTo(temp.resolve("datasets"));
        Result result = execute("baseline", "--data", data.toString(), "--out", temp.resolve("run").toString(),
                "--image-size", "28", "--device", "cpu");
        assertEquals(1, result.exitCode());
        assertTrue(result.err().startsWith("simclr-studio: error: "), result.err());
        assertTrue(result.err().contains("at least 31"), result.err());
        assertFalse(result.err().contains("\tat "), result.err());
    }

    @Test
    void missingFromIsReported() {
        Result result = execute("finetune", "--data", temp.toString(), "--out", temp.resolve("run").toString());
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("--from"), result.err());
    }

    @Test
    void missingDataIsReported() {
        Result result = execute("baseline", "--out", temp.resolve("run").toString());
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("--data"), result.err());
    }

    @Test
    void resumeReusesSavedData() throws Exception {
        Path data = BundledSample.extractTo(temp.resolve("datasets"));
        Path run = temp.resolve("runs/baseline");
        assertEquals(0, execute(prefixed("baseline", tinyOptions(data, run))).exitCode());

        Result resumed = execute("baseline", "--out", run.toString(), "--resume", "--epochs", "2");

        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("Finished 2 epochs"), resumed.out());
    }
}
