package org.simclrstudio.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Fashion-MNIST sample shipped inside the application jar (3,000 train and 1,000 test images,
 * MIT licence, Copyright (c) 2017 Zalando SE), so every workspace has a real labelled dataset
 * without a network. {@link #extractTo(Path)} copies it to a folder that {@link Datasets#open} reads.
 */
public final class BundledSample {

    /** Name of the folder the sample is extracted to. */
    public static final String FOLDER_NAME = "fashion-mnist-sample";

    /** Classpath folder of the sample files. */
    static final String RESOURCE_FOLDER = "/assets/sample/fashion-mnist/";

    /** The files of the sample; a jar cannot list a resource folder, so they are named here. */
    static final List<String> FILES = List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", ClassNames.FILE_NAME, "LICENSE", "README.md");

    private static final Logger LOG = LoggerFactory.getLogger(BundledSample.class);

    private BundledSample() {
    }

    /**
     * Copies the sample to {@code datasetsDir/fashion-mnist-sample} unless it is already there, and
     * returns that folder. A first extraction writes a temporary folder and renames it, so a crash
     * never leaves a half-written dataset under the final name. Files missing from an existing
     * folder are copied again.
     *
     * @throws IOException when the folder cannot be written or the sample is missing from the classpath
     */
    public static Path extractTo(Path datasetsDir) throws IOException {
        Path target = datasetsDir.resolve(FOLDER_NAME);
        if (Files.isDirectory(target)) {
            repairMissingFiles(target);
            return target;
        }
        Files.createDirectories(datasetsDir);
        Path temporary = Files.createTempDirectory(datasetsDir, "." + FOLDER_NAME + "-");
        try {
            for (String name : FILES) {
                copyResource(name, temporary.resolve(name));
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target);
            }
            LOG.info("Extracted the bundled Fashion-MNIST sample to {}", target);
        } catch (FileAlreadyExistsException e) {
            // Another thread or process extracted it first; its copy is complete.
            LOG.debug("Bundled sample already extracted to {} by another process", target);
        } catch (IOException e) {
            if (!Files.isDirectory(target)) {
                throw e;
            }
            // On some file systems a rename onto a folder created meanwhile fails with a generic error.
            LOG.debug("Bundled sample already extracted to {}", target, e);
        } finally {
            deleteRecursively(temporary);
        }
        return target;
    }

    private static void repairMissingFiles(Path target) throws IOException {
        for (String name : FILES) {
            Path file = target.resolve(name);
            if (Files.isRegularFile(file)) {
                continue;
            }
            Path temporary = Files.createTempFile(target, "." + name + "-", ".tmp");
            try {
                copyResource(name, temporary);
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                LOG.info("Restored {} of the bundled sample in {}", name, target);
            } finally {
                Files.deleteIfExists(temporary);
            }
        }
    }

    private static void copyResource(String name, Path file) throws IOException {
        try (InputStream in = BundledSample.class.getResourceAsStream(RESOURCE_FOLDER + name)) {
            if (in == null) {
                throw new IOException("The bundled sample file " + RESOURCE_FOLDER + name
                        + " is missing from the application; reinstall it");
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
