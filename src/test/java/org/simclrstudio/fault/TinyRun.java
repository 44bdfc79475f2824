package org.simclrstudio.fault;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.simclrstudio.core.model.CheckpointFile;
import org.simclrstudio.core.model.KerasEncoder;
import org.simclrstudio.core.model.SimclrNetwork;
import org.simclrstudio.core.train.TrainingSteps;

/**
 * A tiny pretraining run for the fault suite: Keras encoder at 32x32, batch 8 of seeded noise, one
 * checkpoint (step, weights, both Adam states) written with {@link CheckpointFile} after every step.
 *
 * <p>TODO: drive the training module's run API (config, checkpoints, resume) instead once it exists;
 * this harness uses its building blocks (network, steps, optimizers, checkpoint format) directly.
 */
final class TinyRun implements AutoCloseable {

    /** Image side in pixels, the smallest the Keras encoder accepts. */
    static final int SIZE = 32;
    /** Images per view batch. */
    static final int BATCH = 8;
    /** Checkpoint file name inside the run folder. */
    static final String CHECKPOINT = "checkpoint.bin";

    private final SimclrNetwork network;
    private final TrainingSteps steps;
    private int step;

    TinyRun() {
        // The same seed gives every run the same initial weights, so runs can be compared.
        ai.djl.engine.Engine.getInstance().setRandomSeed(17);
        network = SimclrNetwork.create(new KerasEncoder(), SIZE, 10, true, Device.cpu());
        steps = TrainingSteps.forPretraining(network, 1e-3, 0.1);
    }

    /** Returns the number of steps done. */
    int step() {
        return step;
    }

    /** Returns the network. */
    SimclrNetwork network() {
        return network;
    }

    /** Runs one contrastive step on seeded noise; {@code poison} puts a NaN into the first view. */
    double trainStep(boolean poison) {
        try (NDManager manager = network.manager().newSubManager()) {
            NDArray first = noise(manager, 2L * step + 1);
            NDArray second = noise(manager, 2L * step + 2);
            if (poison) {
                first.set(new ai.djl.ndarray.index.NDIndex("0,0,0,0"), Float.NaN);
            }
            double loss = steps.contrastive(first, second).loss();
            step++;
            return loss;
        }
    }

    private static NDArray noise(NDManager manager, long seed) {
        float[] values = new float[BATCH * 3 * SIZE * SIZE];
        Random random = new Random(seed);
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat();
        }
        return manager.create(values, new Shape(BATCH, 3, SIZE, SIZE));
    }

    /** Writes the checkpoint atomically into {@code folder}. */
    void save(Path folder) throws IOException {
        CheckpointFile.write(folder.resolve(CHECKPOINT), out -> {
            out.writeInt(step);
            network.saveParameters(out);
            steps.mainOptimizer().save(out);
            steps.probeOptimizer().save(out);
        });
    }

    /** Restores step, weights and optimizer states from {@code folder}; returns false when it has no checkpoint. */
    boolean resume(Path folder) throws IOException {
        Path file = folder.resolve(CHECKPOINT);
        if (!Files.exists(file)) {
            return false;
        }
        step = CheckpointFile.read(file, in -> {
            int saved = in.readInt();
            try {
                network.loadParameters(in, true);
                steps.mainOptimizer().load(in);
                steps.probeOptimizer().load(in);
            } catch (MalformedModelException e) {
                throw new IOException("Checkpoint " + file + " does not match the network: " + e.getMessage(), e);
            }
            return saved;
        });
        return true;
    }

    /** Returns every weight as one flat array, to compare runs. */
    float[] weights() {
        java.util.List<float[]> parts = new java.util.ArrayList<>();
        int total = 0;
        for (var parameter : network.encoderParameters()) {
            float[] values = parameter.getArray().toFloatArray();
            parts.add(values);
            total += values.length;
        }
        float[] all = new float[total];
        int offset = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, all, offset, part.length);
            offset += part.length;
        }
        return all;
    }

    @Override
    public void close() {
        steps.close();
        network.close();
    }

    /**
     * Child-process entry point: {@code RUN_DIR STEPS} resumes from the run folder's checkpoint when there
     * is one, then trains up to {@code STEPS} steps, saving after each, and prints one line per event
     * ({@code RESUMED n}, {@code SAVING n}, {@code SAVED n}, {@code DONE n}) for the parent to follow.
     */
    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        int target = Integer.parseInt(args[1]);
        Files.createDirectories(folder);
        try (TinyRun run = new TinyRun()) {
            if (run.resume(folder)) {
                System.out.println("RESUMED " + run.step());
            } else {
                System.out.println("STARTED");
            }
            while (run.step() < target) {
                run.trainStep(false);
                System.out.println("SAVING " + run.step());
                run.save(folder);
                System.out.println("SAVED " + run.step());
            }
            System.out.println("DONE " + run.step());
        } catch (CheckpointFile.CorruptCheckpointException e) {
            System.out.println("ERROR " + e.getMessage());
            System.exit(3);
        }
        System.exit(0);
    }
}
