package org.simclrstudio.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.simclrstudio.core.data.IdxWriter;
import org.simclrstudio.core.train.RunConfig;
import org.simclrstudio.core.train.RunKind;
import org.simclrstudio.core.train.RunOutcome;
import org.simclrstudio.core.train.StepMetrics;
import org.simclrstudio.core.train.TrainingListener;
import org.simclrstudio.core.train.TrainingRun;

/**
 * Memory soak benchmark, run by hand (not a unit test): a real pretraining run of many small steps on a
 * generated IDX dataset, printing the resident set size every few hundred steps as a Markdown table.
 * A flat curve after warm-up means no per-step native or heap leak.
 *
 * <p>Usage: {@code java -cp <test classpath> org.simclrstudio.fault.MemorySoak [STEPS] [EVERY] [BATCH] [DEVICE]},
 * defaults 10000, 500, 16, cpu.
 */
public final class MemorySoak {

    private static final int STEPS_PER_EPOCH = 500;

    private MemorySoak() {
    }

    /** Runs the soak and prints the table to stdout. */
    public static void main(String[] args) throws IOException {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int every = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        String device = args.length > 3 ? args[3] : "cpu";
        Path work = Files.createTempDirectory("memory-soak");
        int stepsPerEpoch = Math.min(STEPS_PER_EPOCH, steps);
        Path data = writeDataset(work.resolve("data"), stepsPerEpoch * batch);
        RunConfig config = RunConfig.builder(RunKind.PRETRAIN).dataDir(data).outDir(work.resolve("run"))
                .epochs((steps + stepsPerEpoch - 1) / stepsPerEpoch).batchSize(batch).imageSize(32)
                .labelsPerClass(2).stepsPerEpoch(stepsPerEpoch).validationLimit(64).device(device).seed(1).build();
        long start = System.nanoTime();
        System.out.printf(Locale.ROOT, "| Step | RSS (MB) | Java heap used (MB) | Loss | Elapsed (s) |%n");
        System.out.printf(Locale.ROOT, "|---:|---:|---:|---:|---:|%n");
        System.out.printf(Locale.ROOT, "| 0 | %d | %d | | 0 |%n", MemoryProbe.residentBytes() >> 20, heapUsed() >> 20);
        RunOutcome outcome = TrainingRun.run(config, false, new TrainingListener() {
            @Override
            public void onStep(StepMetrics metrics) {
                if (metrics.step() % every == 0 || metrics.step() == 1) {
                    System.out.printf(Locale.ROOT, "| %d | %d | %d | %.4f | %.0f |%n", metrics.step(),
                            MemoryProbe.residentBytes() >> 20, heapUsed() >> 20, metrics.loss(),
                            (System.nanoTime() - start) / 1e9);
                    System.out.flush();
                }
            }
        }, null);
        System.out.println();
        System.out.println("Outcome: " + outcome.status() + " after step " + outcome.step() + ": " + outcome.message());
    }

    private static long heapUsed() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** Writes an IDX dataset of {@code count} random 28x28 training images and 64 test images, labels 0..9. */
    private static Path writeDataset(Path folder, int count) throws IOException {
        Files.createDirectories(folder);
        Random random = new Random(1);
        for (String[] split : new String[][] {{"train", Integer.toString(count)}, {"t10k", "64"}}) {
            int images = Integer.parseInt(split[1]);
            byte[] pixels = new byte[images * 28 * 28];
            random.nextBytes(pixels);
            byte[] labels = new byte[images];
            for (int i = 0; i < images; i++) {
                labels[i] = (byte) (i % 10);
            }
            IdxWriter.writeImages(folder.resolve(split[0] + "-images-idx3-ubyte"), images, 28, 28, pixels);
            IdxWriter.writeLabels(folder.resolve(split[0] + "-labels-idx1-ubyte"), labels);
        }
        return folder;
    }
}
