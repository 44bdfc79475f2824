package org.simclrstudio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.simclrstudio.app.AppDirs;
import org.simclrstudio.core.data.Dataset;
import org.simclrstudio.core.data.DatasetException;
import org.simclrstudio.core.data.DatasetSplit;
import org.simclrstudio.core.data.Datasets;
import org.simclrstudio.core.explore.FeatureCache;
import org.simclrstudio.core.explore.FeatureEncoder;
import org.simclrstudio.core.explore.FeatureExtractor;
import org.simclrstudio.core.explore.FeatureMatrix;
import org.simclrstudio.core.explore.ModelOpener;
import org.simclrstudio.core.explore.NearestNeighbors;
import org.simclrstudio.core.explore.Neighbor;
import org.simclrstudio.core.explore.RunEncoders;
import org.simclrstudio.core.explore.SplitLookup;
import org.simclrstudio.core.train.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code neighbors} command: the images of a split most similar to one of them. */
@Command(name = "neighbors", mixinStandardHelpOptions = true,
        description = {"Lists the nearest neighbours of an image by cosine similarity of encoder features.",
            "The image itself comes first with similarity 1. Works with any run, including a pretraining run "
                + "that never saw a label.",
            "The features of the split are kept in the application folder (cache/features, the 4 most recent "
                + "model and split pairs), so later queries on the same split skip the encoding.",
            "With --json it prints {\"neighbors\": [{\"index\": I, \"label\": L, \"className\": NAME, "
                + "\"similarity\": S}, ...]}, where label is the 0-based class index (null for an unlabelled "
                + "image)."})
public final class NeighborsCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "RUN",
            description = "Run folder whose encoder computes the features (pretrain, finetune or baseline).")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "Dataset folder.")
    Path data;

    @Option(names = "--split", defaultValue = "test", paramLabel = "S",
            description = "Split to search: train, test or unlabeled (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--index", required = true, paramLabel = "I", description = "Index of the query image in the split.")
    int index;

    @Option(names = "--k", defaultValue = "10", paramLabel = "K",
            description = "Number of images to list, the query image included (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--batch-size", defaultValue = "64", paramLabel = "N",
            description = "Images encoded per batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--device", defaultValue = "auto", paramLabel = "D",
            description = "Device to encode on: auto, cpu or gpu (default: ${DEFAULT-VALUE}).")
    String device;

    @Spec
    CommandSpec spec;

    /** Opens the run's encoder; tests replace it with small in-memory networks. */
    ModelOpener models = RunEncoders.opener();

    /** Folder of the features of recently searched splits; tests point it at a temporary folder. */
    Path featureCache = AppDirs.home().resolve("cache").resolve("features");

    @Override
    public Integer call() throws IOException {
        if (k < 1) {
            throw new CliException("--k must be at least 1, got " + k);
        }
        if (batchSize < 1) {
            throw new CliException("--batch-size must be at least 1, got " + batchSize);
        }
        List<Neighbor> neighbors;
        List<String> classNames;
        try (Dataset dataset = Datasets.open(data, null)) {
            DatasetSplit images = SplitLookup.require(dataset, split);
            if (index < 0 || index >= images.size()) {
                throw new CliException("--index " + index + " is out of range: split '" + split + "' has "
                        + images.size() + " images, numbered 0 to " + (images.size() - 1));
            }
            classNames = dataset.classNames();
            FeatureMatrix features = splitFeatures(images);
            neighbors = new NearestNeighbors(features).ofImage(index, Math.min(k, images.size()));
        } catch (DatasetException e) {
            throw new CliException(e.getMessage(), e);
        }

        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(toJson(neighbors, classNames));
        } else {
            out.printf(Locale.ROOT, "%4s  %8s  %-20s  %10s%n", "rank", "index", "class", "similarity");
            for (int rank = 0; rank < neighbors.size(); rank++) {
                Neighbor neighbor = neighbors.get(rank);
                out.printf(Locale.ROOT, "%4d  %8d  %-20s  %10.4f%n", rank, neighbor.index(),
                        className(neighbor.label(), classNames), neighbor.similarity());
            }
        }
        out.flush();
        return 0;
    }

    /** Returns the features of every image of the split, from the cache when this model encoded it before. */
    private FeatureMatrix splitFeatures(DatasetSplit images) throws IOException, DatasetException {
        FeatureCache cache = new FeatureCache(featureCache);
        Optional<String> key = FeatureCache.key(new RunFolder(model).modelWeightsFile(), data, split, images.size());
        Optional<FeatureMatrix> cached = key.flatMap(cache::load);
        if (cached.isPresent()) {
            return cached.get();
        }
        FeatureMatrix features;
        try (FeatureEncoder encoder = models.openEncoder(model, device)) {
            ExploreProgress progress = new ExploreProgress(spec.commandLine().getErr());
            int[] all = FeatureExtractor.evenlySpaced(images.size(), 0);
            features = FeatureExtractor.extract(images, all, encoder, batchSize, progress);
        }
        key.ifPresent(value -> cache.save(value, features));
        return features;
    }

    static String toJson(List<Neighbor> neighbors, List<String> classNames) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode list = root.putArray("neighbors");
        for (Neighbor neighbor : neighbors) {
            ObjectNode item = list.addObject();
            item.put("index", neighbor.index());
            if (neighbor.label() >= 0) {
                item.put("label", neighbor.label());
                item.put("className", className(neighbor.label(), classNames));
            } else {
                item.putNull("label");
                item.putNull("className");
            }
            item.put("similarity", neighbor.similarity());
        }
        return mapper.writeValueAsString(root);
    }

    private static String className(int label, List<String> classNames) {
        if (label < 0) {
            return "-";
        }
        return label < classNames.size() ? classNames.get(label) : String.valueOf(label);
    }
}
