package org.simclrstudio.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simclrstudio.core.data.RgbImage;
import org.simclrstudio.core.data.Stl10Writer;

/**
 * Unreadable dataset files and folders, read by a child JVM that cannot bypass file permissions. Tests
 * run as root here and in CI, and root reads mode 000 files, so the child drops the
 * {@code CAP_DAC_OVERRIDE} and {@code CAP_DAC_READ_SEARCH} capabilities with {@code setpriv}. As a
 * normal user the child needs no change and the same checks hold.
 */
class PermissionFaultTest {

    @TempDir
    Path temp;

    @BeforeAll
    static void requirePosix() {
        Assumptions.assumeTrue(System.getProperty("os.name", "").toLowerCase().contains("linux"),
                "permission tests skipped: they use POSIX modes and setpriv, which need Linux");
    }

    private static ChildJvm.Result probe(String... args) throws IOException, InterruptedException {
        List<String> command = ChildJvm.command(FaultProbe.class, args);
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            command = ChildJvm.withoutPermissionBypass(command);
            Assumptions.assumeTrue(command != null, "permission tests skipped: running as root without setpriv");
        }
        return ChildJvm.run(command, 60);
    }

    private static void deny(Path path) throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("---------"));
    }

    private static void writeStl10(Path folder) throws IOException {
        Files.createDirectories(folder);
        byte[] pixels = new byte[96 * 96 * 3];
        new Random(1).nextBytes(pixels);
        RgbImage image = new RgbImage(96, 96, pixels);
        Stl10Writer.writeImages(folder.resolve("train_X.bin"), List.of(image, image));
        Stl10Writer.writeLabels(folder.resolve("train_y.bin"), new int[] {1, 2});
        Files.writeString(folder.resolve("class_names.txt"),
                "airplane\nbird\ncar\ncat\ndeer\ndog\nhorse\nmonkey\nship\ntruck\n");
    }

    private void writeFolderDataset(Path folder) throws IOException {
        for (String label : new String[] {"cat", "dog"}) {
            Path classFolder = Files.createDirectories(folder.resolve("train").resolve(label));
            java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(4, 4,
                    java.awt.image.BufferedImage.TYPE_INT_RGB);
            javax.imageio.ImageIO.write(image, "png", classFolder.resolve("a.png").toFile());
        }
    }

    /** Asserts that the child reported one clear line naming {@code path}, with no stack trace. */
    private static void assertReported(ChildJvm.Result result, Path path) {
        List<String> lines = new ArrayList<>(result.output().strip().lines().toList());
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        assertEquals(3, result.exitCode(), result.output());
        assertTrue(last.startsWith("ERROR "), result.output());
        assertTrue(last.contains(path.toString()), "message must name " + path + ": " + last);
        assertTrue(last.contains("permission"), "message must point at the permissions: " + last);
        assertTrue(!result.output().contains("\tat "), result.output());
    }

    @Test
    void intactDatasetReadsInChild() throws Exception {
        writeStl10(temp.resolve("stl"));
        ChildJvm.Result result = probe("dataset", temp.resolve("stl").toString());

        assertEquals(0, result.exitCode(), result.output());
    }

    @Test
    void unreadableStl10ImageFileNamed() throws Exception {
        Path folder = temp.resolve("stl");
        writeStl10(folder);
        deny(folder.resolve("train_X.bin"));

        assertReported(probe("dataset", folder.toString()), folder.resolve("train_X.bin"));
    }

    @Test
    void unreadableStl10LabelFileNamed() throws Exception {
        Path folder = temp.resolve("stl");
        writeStl10(folder);
        deny(folder.resolve("train_y.bin"));

        assertReported(probe("dataset", folder.toString()), folder.resolve("train_y.bin"));
    }

    @Test
    void unreadableClassNamesNamed() throws Exception {
        Path folder = temp.resolve("stl");
        writeStl10(folder);
        deny(folder.resolve("class_names.txt"));

        assertReported(probe("dataset", folder.toString()), folder.resolve("class_names.txt"));
    }

    @Test
    void unreadableDatasetFolderNamed() throws Exception {
        Path folder = temp.resolve("stl");
        writeStl10(folder);
        deny(folder);

        assertReported(probe("dataset", folder.toString()), folder);
    }

    @Test
    void unreadableClassFolderNamed() throws Exception {
        Path folder = temp.resolve("images");
        writeFolderDataset(folder);
        deny(folder.resolve("train/dog"));

        assertReported(probe("dataset", folder.toString()), folder.resolve("train/dog"));
    }

    @Test
    void unreadableImageInClassFolderNamed() throws Exception {
        Path folder = temp.resolve("images");
        writeFolderDataset(folder);
        deny(folder.resolve("train/cat/a.png"));

        assertReported(probe("dataset", folder.toString()), folder.resolve("train/cat/a.png"));
    }

    @Test
    void unreadableDroppedImageNamed() throws Exception {
        Path folder = temp.resolve("images");
        writeFolderDataset(folder);
        Path image = folder.resolve("train/cat/a.png");
        deny(image);

        // The decoder names a file by its name alone, as the user dropped it.
        assertReported(probe("decode", image.toString()), image.getFileName());
    }
}
