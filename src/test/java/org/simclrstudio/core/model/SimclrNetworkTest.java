package org.simclrstudio.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simclrstudio.core.train.TrainingSteps;

class SimclrNetworkTest {

    private static final int SIZE = 32;

    @TempDir
    Path folder;

    private static NDArray randomImages(NDManager manager, int n, long seed) {
        float[] values = new float[n * 3 * SIZE * SIZE];
        Random random = new Random(seed);
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat();
        }
        return manager.create(values, new Shape(n, 3, SIZE, SIZE));
    }

    private static List<float[]> snapshot(List<Parameter> parameters) {
        List<float[]> values = new ArrayList<>();
        for (Parameter parameter : parameters) {
            values.add(parameter.getArray().toFloatArray());
        }
        return values;
    }

    @Test
    void kerasEncoderRejectsTinyImages() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new KerasEncoder().checkImageSize(28));
        assertTrue(error.getMessage().contains("31"), error.getMessage());
        assertEquals(5, KerasEncoder.mapSize(96));
        assertEquals(1, KerasEncoder.mapSize(32));
    }

    @Test
    void probeStepLeavesEncoderBitIdentical() {
        try (SimclrNetwork network = SimclrNetwork.create(new KerasEncoder(), SIZE, 10, true, Device.cpu());
                TrainingSteps steps = TrainingSteps.forPretraining(network, 1e-2, 0.1);
                NDManager manager = network.manager().newSubManager()) {
            List<float[]> encoderBefore = snapshot(network.encoderParameters());
            List<float[]> probeBefore = snapshot(network.headParameters());
            NDArray labels = manager.create(new long[] {0, 1, 2, 3, 4, 5});
            for (int i = 0; i < 3; i++) {
                steps.probe(randomImages(manager, 6, i), labels);
            }
            List<float[]> encoderAfter = snapshot(network.encoderParameters());
            for (int i = 0; i < encoderBefore.size(); i++) {
                assertArrayEquals(encoderBefore.get(i), encoderAfter.get(i), "encoder parameter " + i);
            }
            assertFalse(Arrays.equals(probeBefore.get(0), snapshot(network.headParameters()).get(0)),
                    "the probe itself learns");
        }
    }

    @Test
    void contrastiveStepChangesEncoderAndNotProbe() {
        try (SimclrNetwork network = SimclrNetwork.create(new KerasEncoder(), SIZE, 10, true, Device.cpu());
                TrainingSteps steps = TrainingSteps.forPretraining(network, 1e-3, 0.1);
                NDManager manager = network.manager().newSubManager()) {
            List<float[]> encoderBefore = snapshot(network.encoderParameters());
            List<float[]> probeBefore = snapshot(network.headParameters());
            TrainingSteps.StepResult result = steps.contrastive(randomImages(manager, 4, 1), randomImages(manager, 4, 2));
            assertTrue(Double.isFinite(result.loss()));
            assertTrue(result.accuracy() >= 0);
            assertTrue(result.accuracy() <= 1);
            assertFalse(Arrays.equals(encoderBefore.get(0), snapshot(network.encoderParameters()).get(0)));
            assertArrayEquals(probeBefore.get(0), snapshot(network.headParameters()).get(0));
        }
    }

    @Test
    void resnetTrainsAndReloads() throws Exception {
        Path file = folder.resolve("resnet.ckpt");
        float[] expected;
        try (SimclrNetwork network = SimclrNetwork.create(new ResNet18Small(), 16, 3, true, Device.cpu());
                TrainingSteps steps = TrainingSteps.forPretraining(network, 1e-3, 0.1);
                NDManager manager = network.manager().newSubManager()) {
            NDArray first = randomImages(manager, 3, 1).get(":, :, 0:16, 0:16");
            NDArray second = randomImages(manager, 3, 2).get(":, :, 0:16, 0:16");
            TrainingSteps.StepResult result = steps.contrastive(first, second);
            assertTrue(Double.isFinite(result.loss()), "loss " + result.loss());
            expected = network.features(first, false).toFloatArray();
            CheckpointFile.write(file, network::saveParameters);
        }
        try (SimclrNetwork restored = SimclrNetwork.create(new ResNet18Small(), 16, 3, true, Device.cpu());
                NDManager manager = restored.manager().newSubManager()) {
            CheckpointFile.read(file, in -> {
                try {
                    restored.loadParameters(in, true);
                } catch (MalformedModelException e) {
                    throw new IOException(e);
                }
                return null;
            });
            NDArray first = randomImages(manager, 3, 1).get(":, :, 0:16, 0:16");
            assertArrayEquals(expected, restored.features(first, false).toFloatArray(),
                    "weights and batch-norm statistics survive the round trip");
        }
    }

    @Test
    void evalFeaturesRepeatExactly() {
        for (Backbone backbone : List.of(new KerasEncoder(), new ResNet18Small())) {
            try (SimclrNetwork network = SimclrNetwork.create(backbone, SIZE, 3, false, Device.cpu());
                    NDManager manager = network.manager().newSubManager()) {
                NDArray images = randomImages(manager, 2, 5);
                float[] first = network.features(images, false).toFloatArray();
                float[] second = network.features(images, false).toFloatArray();
                assertEquals(2 * backbone.featureSize(), first.length);
                assertArrayEquals(first, second, backbone.name());
            }
        }
    }

    @Test
    void weightsSurviveCheckpointRoundTrip() throws Exception {
        Path file = folder.resolve("weights.ckpt");
        float[] expected;
        try (SimclrNetwork network = SimclrNetwork.create(new KerasEncoder(), SIZE, 4, true, Device.cpu());
                TrainingSteps steps = TrainingSteps.forPretraining(network, 1e-3, 0.1);
                NDManager manager = network.manager().newSubManager()) {
            steps.contrastive(randomImages(manager, 3, 1), randomImages(manager, 3, 2));
            NDArray images = randomImages(manager, 2, 9);
            expected = network.logits(network.features(images, false), false).toFloatArray();
            CheckpointFile.write(file, out -> {
                network.saveParameters(out);
                steps.mainOptimizer().save(out);
            });
        }
        try (SimclrNetwork restored = SimclrNetwork.create(new KerasEncoder(), SIZE, 4, true, Device.cpu());
                TrainingSteps steps = TrainingSteps.forPretraining(restored, 1e-3, 0.1);
                NDManager manager = restored.manager().newSubManager()) {
            CheckpointFile.read(file, in -> {
                try {
                    restored.loadParameters(in, true);
                    steps.mainOptimizer().load(in);
                } catch (MalformedModelException e) {
                    throw new IOException(e);
                }
                return null;
            });
            assertEquals(1, steps.mainOptimizer().updates());
            NDArray images = randomImages(manager, 2, 9);
            assertArrayEquals(expected, restored.logits(restored.features(images, false), false).toFloatArray());
        }
    }

    @Test
    void truncatedCheckpointIsReported() throws IOException {
        Path file = folder.resolve("model.ckpt");
        CheckpointFile.write(file, out -> out.write(new byte[1000]));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 30));
        IOException error = assertThrows(CheckpointFile.CorruptCheckpointException.class,
                () -> CheckpointFile.read(file, in -> null));
        assertTrue(error.getMessage().contains("truncated"), error.getMessage());
    }

    @Test
    void corruptCheckpointIsReported() throws IOException {
        Path file = folder.resolve("model.ckpt");
        CheckpointFile.write(file, out -> out.write(new byte[1000]));
        byte[] bytes = Files.readAllBytes(file);
        bytes[500] ^= 0x40;
        Files.write(file, bytes);
        IOException error = assertThrows(CheckpointFile.CorruptCheckpointException.class,
                () -> CheckpointFile.read(file, in -> null));
        assertTrue(error.getMessage().contains("corrupt"), error.getMessage());
    }

    @Test
    void failedWriteKeepsPreviousCheckpoint() throws IOException {
        Path file = folder.resolve("model.ckpt");
        CheckpointFile.write(file, out -> out.writeInt(7));
        assertThrows(UncheckedIOException.class, () -> CheckpointFile.write(file, out -> {
            out.writeInt(8);
            throw new UncheckedIOException(new IOException("disk full"));
        }));
        assertEquals(7, (int) CheckpointFile.read(file, in -> in.readInt()));
        try (var files = Files.list(folder)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }
}
