package org.simclrstudio.core.train;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import java.io.IOException;
import java.nio.file.Path;
import org.simclrstudio.core.model.Backbone;
import org.simclrstudio.core.model.CheckpointFile;
import org.simclrstudio.core.model.SimclrNetwork;

/** Writes and reads the {@code model/} folder of a run: the latest good weights and their description. */
public final class TrainedModels {

    private TrainedModels() {
    }

    /**
     * A network read from a run with its description.
     *
     * @param network the network; the caller closes it
     * @param info what the weights are
     */
    public record Loaded(SimclrNetwork network, RunFolder.ModelInfo info) implements AutoCloseable {

        /** Releases the network. */
        @Override
        public void close() {
            network.close();
        }
    }

    /** Writes the weights, then their description, each atomically. */
    public static void save(RunFolder folder, SimclrNetwork network, RunFolder.ModelInfo info) throws IOException {
        CheckpointFile.write(folder.modelWeightsFile(), network::saveParameters);
        RunJson.writeAtomically(folder.modelInfoFile(), info);
    }

    /**
     * Reads the model of the run in {@code runDir} onto {@code device}, with its linear head (the
     * classifier, or the probe of a pretraining run) and without a projection head.
     *
     * @throws IOException when the run has no model, or its weights are missing, truncated or corrupt
     */
    public static Loaded load(Path runDir, Device device) throws IOException {
        RunFolder folder = new RunFolder(runDir);
        RunFolder.ModelInfo info = folder.readModelInfo();
        SimclrNetwork network = SimclrNetwork.create(Backbone.byName(info.backbone()), info.imageSize(),
                info.classNames().size(), false, device);
        try {
            readWeights(folder, network, true);
        } catch (IOException | RuntimeException e) {
            network.close();
            throw e;
        }
        return new Loaded(network, info);
    }

    /**
     * Reads the weights of {@code folder} into {@code network}: the encoder, and the linear head when
     * {@code withHead} is true.
     *
     * @throws IOException when the weights are missing, damaged or of another architecture
     */
    public static void readWeights(RunFolder folder, SimclrNetwork network, boolean withHead) throws IOException {
        CheckpointFile.read(folder.modelWeightsFile(), in -> {
            try {
                network.loadParameters(in, withHead);
            } catch (MalformedModelException e) {
                throw new IOException("Weights " + folder.modelWeightsFile() + " do not fit the model: " + e.getMessage(), e);
            }
            return null;
        });
    }
}
