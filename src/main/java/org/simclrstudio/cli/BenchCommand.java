package org.simclrstudio.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.simclrstudio.core.bench.BenchOptions;
import org.simclrstudio.core.bench.BenchSuite;
import org.simclrstudio.core.bench.DatasetOpenBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code bench} command: training, classification and dataset speed on this machine. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures training, classification and dataset speed on this machine.",
            "Runs the GEMM ceiling, the bare pretraining step, a pretraining epoch with reading and augmentation,"
                + " single-picture classify latency and the open time of a 100,000-image STL-10 file, in one process."})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--batch-size", defaultValue = "256", paramLabel = "N",
            description = "Images per pretraining batch; a step trains 2N views (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--image-size", defaultValue = "96", paramLabel = "PX",
            description = "Side of the training views in pixels, 31 or more (default: ${DEFAULT-VALUE}).")
    int imageSize;

    @Option(names = "--steps", defaultValue = "10", paramLabel = "N",
            description = "Timed steps of the step and epoch measurements (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--warmup-steps", defaultValue = "2", paramLabel = "N",
            description = "Untimed steps before each training measurement (default: ${DEFAULT-VALUE}).")
    int warmupSteps;

    @Option(names = "--gemm-size", defaultValue = "2048", paramLabel = "N",
            description = "Side of the square float32 matrices of the GEMM measurement (default: ${DEFAULT-VALUE}).")
    int gemmSize;

    @Option(names = "--classify-repeats", defaultValue = "30", paramLabel = "N",
            description = "Timed classifications of the photo (default: ${DEFAULT-VALUE}).")
    int classifyRepeats;

    @Option(names = "--dataset-images", paramLabel = "N",
            description = "Images in the sparse STL-10 file of the open measurement (default: 100000, the unlabeled split).")
    int datasetImages = DatasetOpenBenchmark.STL10_UNLABELED_IMAGES;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Dataset folder for the epoch measurement (default: random images in STL-10 layout in a temp folder).")
    Path data;

    @Option(names = "--photo", paramLabel = "FILE",
            description = "Picture for the classify measurement (default: a generated 4032x3024 JPEG).")
    Path photo;

    @Option(names = "--device", defaultValue = "auto", paramLabel = "D",
            description = "auto, cpu or gpu (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--parts", split = ",", paramLabel = "PART",
            description = "Measurements to run, comma-separated: gemm, step, epoch, classify, open (default: all).")
    List<String> parts = BenchOptions.ALL_PARTS;

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        BenchOptions options;
        try {
            options = new BenchOptions(batchSize, imageSize, warmupSteps, steps, gemmSize, classifyRepeats,
                    datasetImages, data, photo, device, Set.copyOf(parts));
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        if (photo != null && !Files.isRegularFile(photo)) {
            throw new CliException("Photo not found: " + photo + "; pass an image file to --photo");
        }
        if (data != null && !Files.isDirectory(data)) {
            throw new CliException("Dataset folder not found: " + data + "; pass a dataset folder to --data");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Object> report;
        try {
            report = BenchSuite.run(options, line -> {
                err.println(line + " ...");
                err.flush();
            });
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(report));
        } else {
            printTable(out, report);
        }
        out.flush();
        return 0;
    }

    /** Prints the report as a table of one row per measurement. */
    static void printTable(PrintWriter out, Map<String, Object> report) {
        row(out, "Device", report.get("device") + ", " + report.get("threads") + " libtorch threads, " + report.get("allocator"));
        row(out, "Load average", format("%.2f at start", report.get("loadAverageAtStart"))
                + format(", %.2f at end", report.get("loadAverageAtEnd")));
        row(out, "Shape", report.get("viewsPerStep") + " views of " + report.get("imageSize") + " px per step, "
                + format("%.3f", report.get("gflopPerView")) + " GFLOP per view");
        if (report.containsKey("gemmGflops")) {
            row(out, "GEMM ceiling", format("%.1f GFLOP/s", report.get("gemmGflops")));
            row(out, "GEMM-bound limit", format("%.1f views/s", report.get("gemmBoundViewsPerSecond")));
        }
        if (report.containsKey("stepViewsPerSecond")) {
            String ofLimit = report.containsKey("stepFractionOfGemmBound")
                    ? format(", %.2f of the limit", report.get("stepFractionOfGemmBound")) : "";
            row(out, "Pretraining step", format("%.1f views/s", report.get("stepViewsPerSecond"))
                    + format(" (best step %.1f views/s", report.get("stepBestViewsPerSecond")) + ofLimit + ")");
        }
        if (report.containsKey("stepKernelCpuShare")) {
            row(out, "Kernel CPU share", format("%.3f during the timed steps", report.get("stepKernelCpuShare")));
        }
        if (report.containsKey("epochViewsPerSecond")) {
            String ofStep = report.containsKey("epochFractionOfStep")
                    ? format(" (%.2f of the bare step)", report.get("epochFractionOfStep")) : "";
            row(out, "Pretraining epoch", format("%.1f views/s", report.get("epochViewsPerSecond")) + ofStep);
        }
        if (report.containsKey("classifyP50Ms")) {
            row(out, "Classify latency", format("p50 %.1f ms", report.get("classifyP50Ms"))
                    + format(", p95 %.1f ms", report.get("classifyP95Ms"))
                    + format(", decoding %.1f ms of it", report.get("classifyDecodeP50Ms")) + " (" + report.get("classifyPhoto") + ")");
        }
        if (report.containsKey("datasetOpenMs")) {
            row(out, "Dataset open", format("%.1f ms", report.get("datasetOpenMs")) + " for " + report.get("datasetImages")
                    + " STL-10 images, " + format("%.1f MB heap", ((Number) report.get("datasetHeapBytes")).doubleValue() / 1e6));
        }
        if (report.containsKey("peakResidentBytes")) {
            row(out, "Peak resident", format("%.0f MB", ((Number) report.get("peakResidentBytes")).doubleValue() / 1e6));
        }
    }

    private static void row(PrintWriter out, String name, String value) {
        out.printf(Locale.ROOT, "%-19s %s%n", name, value);
    }

    private static String format(String pattern, Object value) {
        return String.format(Locale.ROOT, pattern, value);
    }
}
