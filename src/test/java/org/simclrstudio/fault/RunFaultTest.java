package org.simclrstudio.fault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simclrstudio.core.model.CheckpointFile;
import org.simclrstudio.core.train.NonFiniteLossException;

/**
 * Training runs under faults: kill -9 at random moments (many of them inside a checkpoint save), a full
 * disk during a save, truncated and corrupted checkpoint files, a NaN loss, and native memory after
 * runs that stop early.
 */
class RunFaultTest {

    @TempDir
    Path temp;

    /** A running child trainer whose output lines the test reads one at a time. */
    private static final class Trainer implements AutoCloseable {
        private final Process process;
        private final BufferedReader lines;

        Trainer(Path folder, int steps) throws IOException {
            process = new ProcessBuilder(ChildJvm.command(TinyRun.class, folder.toString(), Integer.toString(steps)))
                    .redirectErrorStream(true).start();
            lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            // Ends a child the test lost track of, so a missing line fails the test instead of hanging it.
            Thread watchdog = new Thread(() -> {
                try {
                    if (!process.waitFor(90, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    process.destroyForcibly();
                }
            });
            watchdog.setDaemon(true);
            watchdog.start();
        }

        /** Reads lines until one starts with {@code prefix}; returns it. */
        String await(String prefix) throws IOException {
            StringBuilder seen = new StringBuilder();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith(prefix)) {
                    return line;
                }
                seen.append(line).append('\n');
            }
            throw new AssertionError("Trainer ended before printing '" + prefix + "'; output:\n" + seen);
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "killed trainer did not end");
        }

        int exitCode() throws InterruptedException {
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "trainer did not finish");
            return process.exitValue();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    private static int number(String line) {
        return Integer.parseInt(line.substring(line.lastIndexOf(' ') + 1));
    }

    @Test
    void killNineAlwaysLeavesLoadableCheckpoint() throws Exception {
        Path folder = temp.resolve("run");
        Random random = new Random(2024);
        int lastSaved = 0;
        for (int kill = 0; kill < 4; kill++) {
            try (Trainer trainer = new Trainer(folder, 1_000_000)) {
                String first = trainer.await(lastSaved == 0 ? "STARTED" : "RESUMED");
                if (lastSaved > 0) {
                    assertTrue(number(first) >= lastSaved, "resumed at " + first + ", but step " + lastSaved
                            + " was saved");
                    lastSaved = number(first);
                }
                // Half the kills land right after a save starts, the others after a random pause.
                int savesToWait = 1 + random.nextInt(3);
                String saving = null;
                for (int i = 0; i < savesToWait; i++) {
                    saving = trainer.await("SAVING");
                    lastSaved = number(saving) - 1;
                    if (i < savesToWait - 1) {
                        lastSaved = number(trainer.await("SAVED"));
                    }
                }
                if (kill % 2 == 0) {
                    Thread.sleep(random.nextInt(3));
                } else {
                    lastSaved = number(trainer.await("SAVED"));
                    Thread.sleep(random.nextInt(200));
                }
                trainer.kill();
            }
        }

        try (Trainer finisher = new Trainer(folder, lastSaved + 2)) {
            String first = finisher.await(lastSaved == 0 ? "STARTED" : "RESUMED");
            int resumedAt = first.startsWith("RESUMED") ? number(first) : 0;
            assertTrue(resumedAt >= lastSaved, "resumed at " + resumedAt + " after saving " + lastSaved);
            assertEquals("DONE " + Math.max(resumedAt, lastSaved + 2), finisher.await("DONE"));
            assertEquals(0, finisher.exitCode());
        }
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of(TinyRun.CHECKPOINT), files.map(path -> path.getFileName().toString()).toList(),
                    "temporary files of saves cut short by a kill are deleted by the next save");
        }
    }

    @Test
    void resumedRunMatchesUninterruptedRun() throws Exception {
        Path folder = temp.resolve("resume");
        float[] uninterrupted;
        try (TinyRun run = new TinyRun()) {
            for (int i = 0; i < 4; i++) {
                run.trainStep(false);
            }
            uninterrupted = run.weights();
        }
        try (TinyRun first = new TinyRun()) {
            first.trainStep(false);
            first.trainStep(false);
            first.save(folder);
        }
        try (TinyRun second = new TinyRun()) {
            assertTrue(second.resume(folder));
            assertEquals(2, second.step());
            second.trainStep(false);
            second.trainStep(false);

            assertArrayEquals(uninterrupted, second.weights(), "resume restores weights and Adam state");
        }
    }

    @Test
    void fullDiskDuringSaveKeepsPreviousCheckpoint() throws Exception {
        try (TinyRun run = new TinyRun()) {
            run.trainStep(false);
            Path probe = temp.resolve("probe");
            run.save(probe);
            long checkpointBytes = Files.size(probe.resolve(TinyRun.CHECKPOINT));
            // Room for one checkpoint and half of a second one: the save of the next one runs out of space.
            long diskBytes = checkpointBytes * 3 / 2 + 64 * 1024;
            try (SmallTmpfs disk = SmallTmpfs.mount(temp.resolve("disk"), Long.toString(diskBytes))) {
                run.save(disk.path());
                byte[] before = Files.readAllBytes(disk.path().resolve(TinyRun.CHECKPOINT));
                run.trainStep(false);

                IOException error = assertThrows(IOException.class, () -> run.save(disk.path()));

                assertTrue(error.getMessage().contains("No space left on device"), error.getMessage());
                assertArrayEquals(before, Files.readAllBytes(disk.path().resolve(TinyRun.CHECKPOINT)));
                try (Stream<Path> files = Files.list(disk.path())) {
                    assertEquals(List.of(TinyRun.CHECKPOINT), files.map(p -> p.getFileName().toString()).toList(),
                            "the partial temporary file is deleted");
                }
                try (TinyRun restored = new TinyRun()) {
                    assertTrue(restored.resume(disk.path()));
                    assertEquals(1, restored.step());
                }
            }
        }
    }

    @Test
    void truncatedCheckpointReportedAsSuch() throws Exception {
        Path folder = temp.resolve("truncated");
        try (TinyRun run = new TinyRun()) {
            run.trainStep(false);
            run.save(folder);
        }
        Path file = folder.resolve(TinyRun.CHECKPOINT);
        long size = Files.size(file);
        for (long cut : new long[] {0, 7, 100, size / 2, size - 1}) {
            try (RandomAccessFile access = new RandomAccessFile(file.toFile(), "rw")) {
                access.setLength(cut);
            }
            try (TinyRun restored = new TinyRun()) {
                CheckpointFile.CorruptCheckpointException error =
                        assertThrows(CheckpointFile.CorruptCheckpointException.class, () -> restored.resume(folder));
                assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
                assertTrue(error.getMessage().contains("truncated") || error.getMessage().contains("not a SimCLR"),
                        cut + " bytes: " + error.getMessage());
            }
        }
    }

    @Test
    void corruptedCheckpointReportedInChild() throws Exception {
        Path folder = temp.resolve("corrupt");
        try (TinyRun run = new TinyRun()) {
            run.trainStep(false);
            run.save(folder);
        }
        Path file = folder.resolve(TinyRun.CHECKPOINT);
        try (RandomAccessFile access = new RandomAccessFile(file.toFile(), "rw")) {
            access.seek(access.length() / 2);
            int value = access.read();
            access.seek(access.length() / 2);
            access.write(value ^ 0x10);
        }

        ChildJvm.Result result = ChildJvm.run(ChildJvm.command(TinyRun.class, folder.toString(), "3"), 120);

        assertEquals(3, result.exitCode(), result.output());
        assertTrue(result.output().contains("ERROR Checkpoint " + file + " is corrupt (CRC32 mismatch)"),
                result.output());
        assertFalse(result.output().contains("\tat "), result.output());
    }

    @Test
    void nanLossStopsAndKeepsLastGoodCheckpoint() throws Exception {
        Path folder = temp.resolve("nan");
        try (TinyRun run = new TinyRun()) {
            run.trainStep(false);
            run.save(folder);
            byte[] good = Files.readAllBytes(folder.resolve(TinyRun.CHECKPOINT));
            float[] weights = run.weights();

            NonFiniteLossException error = assertThrows(NonFiniteLossException.class, () -> run.trainStep(true));

            assertFalse(error.getMessage().isBlank());
            assertFalse(error.getMessage().contains("\n"), error.getMessage());
            assertArrayEquals(weights, run.weights(), "a NaN step applies no update");
            assertArrayEquals(good, Files.readAllBytes(folder.resolve(TinyRun.CHECKPOINT)));
            run.trainStep(false);
            assertTrue(Double.isFinite(run.trainStep(false)), "training goes on after the bad batch");
        }
    }

    @Test
    void stoppedRunsReleaseNativeArrays() throws Exception {
        NDManager system = Engine.getInstance().newBaseManager().getParentManager();
        int before = -1;
        long rssAfterWarmUp = 0;
        for (int cycle = 0; cycle < 8; cycle++) {
            try (TinyRun run = new TinyRun()) {
                run.trainStep(false);
                run.trainStep(false);
                // A run that stops mid-step, as a cancel or an error does.
                assertThrows(NonFiniteLossException.class, () -> run.trainStep(true));
            }
            int live = ((BaseNDManager) system).getManagedArrays().size();
            if (cycle == 1) {
                before = live;
                rssAfterWarmUp = MemoryProbe.residentBytes();
            } else if (cycle > 1) {
                assertEquals(before, live, "arrays left alive after stopped run " + cycle);
            }
        }
        long growth = MemoryProbe.residentBytes() - rssAfterWarmUp;
        // A leak of one step's arrays per run would add far more than this over six runs.
        assertTrue(growth < 256L << 20, "resident memory grew by " + (growth >> 20) + " MB over 6 stopped runs");
    }
}
