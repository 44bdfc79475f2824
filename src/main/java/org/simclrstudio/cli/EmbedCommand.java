package org.simclrstudio.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.simclrstudio.core.data.Dataset;
import org.simclrstudio.core.data.DatasetException;
import org.simclrstudio.core.data.DatasetSplit;
import org.simclrstudio.core.data.Datasets;
import org.simclrstudio.core.explore.EmbeddingCsv;
import org.simclrstudio.core.explore.FeatureEncoder;
import org.simclrstudio.core.explore.FeatureExtractor;
import org.simclrstudio.core.explore.FeatureMatrix;
import org.simclrstudio.core.explore.ModelOpener;
import org.simclrstudio.core.explore.PcaProjector;
import org.simclrstudio.core.explore.Projection;
import org.simclrstudio.core.explore.ProjectionMethod;
import org.simclrstudio.core.explore.RunEncoders;
import org.simclrstudio.core.explore.SplitLookup;
import org.simclrstudio.core.explore.TsneProjector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The {@code embed} command: encoder features of a split projected to 2-D, written as CSV. */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = {"Projects encoder features of a split to 2-D and writes them as CSV.",
            "The file has the header 'index,label,x,y' and one row per image: its index in the split, "
                + "its class index (0-based, the order of the dataset's class names; empty for an unlabelled "
                + "image) and its coordinates."})
public final class EmbedCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "RUN",
            description = "Run folder whose encoder computes the features (pretrain, finetune or baseline).")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "Dataset folder.")
    Path data;

    @Option(names = "--split", defaultValue = "test", paramLabel = "S",
            description = "Split to project: train, test or unlabeled (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "CSV file to write.")
    Path out;

    @Option(names = "--method", defaultValue = "pca", paramLabel = "pca|tsne",
            description = "Projection: pca or tsne (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--limit", paramLabel = "N",
            description = "Project at most N images, spread evenly over the split (default: every image for "
                    + "pca, 10000 for tsne).")
    Integer limit;

    @Option(names = "--perplexity", defaultValue = "30", paramLabel = "P",
            description = "t-SNE perplexity, the effective number of neighbours (default: ${DEFAULT-VALUE}).")
    double perplexity;

    @Option(names = "--iterations", defaultValue = "1000", paramLabel = "N",
            description = "t-SNE gradient iterations, at least 250 (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S",
            description = "Seed of the t-SNE initial layout (default: ${DEFAULT-VALUE}).")
    long seed;

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

    /** Maximum number of images t-SNE projects when {@code --limit} is not given. */
    static final int TSNE_DEFAULT_LIMIT = 10_000;

    @Override
    public Integer call() throws IOException {
        ProjectionMethod projectionMethod = parseMethod(method);
        if (batchSize < 1) {
            throw new CliException("--batch-size must be at least 1, got " + batchSize);
        }
        if (limit != null && limit < 1) {
            throw new CliException("--limit must be at least 1, got " + limit);
        }
        TsneProjector.Settings tsneSettings = null;
        if (projectionMethod == ProjectionMethod.TSNE) {
            try {
                tsneSettings = new TsneProjector.Settings(perplexity, iterations, seed);
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage().replace("t-SNE perplexity", "--perplexity")
                        .replace("t-SNE needs at least 250 iterations", "--iterations must be at least 250"));
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        ExploreProgress progress = new ExploreProgress(err);

        Projection projection;
        try (Dataset dataset = Datasets.open(data, null);
                FeatureEncoder encoder = models.openEncoder(model, device)) {
            DatasetSplit images = SplitLookup.require(dataset, split);
            int chosenLimit = limit != null ? limit
                    : projectionMethod == ProjectionMethod.TSNE ? TSNE_DEFAULT_LIMIT : 0;
            int[] indices = FeatureExtractor.evenlySpaced(images.size(), chosenLimit);
            FeatureMatrix features = FeatureExtractor.extract(images, indices, encoder, batchSize, progress);
            projection = switch (projectionMethod) {
                case PCA -> PcaProjector.project(features, progress);
                case TSNE -> TsneProjector.project(features, tsneSettings, progress);
            };
        } catch (DatasetException e) {
            throw new CliException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }

        try {
            EmbeddingCsv.write(projection, out);
        } catch (IOException e) {
            throw new CliException("Cannot write " + out + ": " + e.getMessage() + "; check the folder exists and "
                    + "is writable", e);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "Wrote %,d points (%s) to %s%n", projection.size(),
                projection.method().displayName(), out);
        stdout.flush();
        return 0;
    }

    private static ProjectionMethod parseMethod(String name) {
        for (ProjectionMethod candidate : ProjectionMethod.values()) {
            if (candidate.cliName().equalsIgnoreCase(name) || candidate.displayName().equalsIgnoreCase(name)) {
                return candidate;
            }
        }
        throw new CliException("--method must be pca or tsne, got '" + name + "'");
    }
}
