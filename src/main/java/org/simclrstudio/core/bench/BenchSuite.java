package org.simclrstudio.core.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.simclrstudio.core.data.ClassNames;
import org.simclrstudio.core.data.DatasetException;
import org.simclrstudio.core.data.Stl10Dataset;
import org.simclrstudio.core.image.ImageDecodeException;
import org.simclrstudio.core.infer.Classifier;
import org.simclrstudio.core.model.Devices;
import org.simclrstudio.core.model.KerasEncoder;
import org.simclrstudio.core.model.NtXentLoss;
import org.simclrstudio.core.model.SimclrNetwork;
import org.simclrstudio.core.train.TrainingSteps;

/**
 * Runs every measurement of {@code simclr-studio bench} in one process, on the classes that pretraining
 * and classification use (Keras encoder, NT-Xent, Adam, the augmenter, the STL-10 reader, the image
 * decoder), and collects the figures under the names of the command's JSON output.
 */
public final class BenchSuite {

    private static final double LEARNING_RATE = 1e-3;
    private static final int PHOTO_WIDTH = 4032;
    private static final int PHOTO_HEIGHT = 3024;

    private BenchSuite() {
    }

    /**
     * Runs the measurements that {@code options} select and returns the figures in report order.
     * {@code progress} receives one line before each measurement.
     *
     * @throws BenchException when a measurement cannot run (no temp space, unreadable data or photo)
     */
    public static Map<String, Object> run(BenchOptions options, Consumer<String> progress) {
        Path temp = null;
        try {
            temp = Files.createTempDirectory("simclr-bench-");
            return runIn(options, progress, temp);
        } catch (IOException e) {
            throw new BenchException("Benchmark files in " + (temp == null ? "the temp folder" : temp)
                    + " could not be written: " + e.getMessage() + "; free some disk space or set java.io.tmpdir", e);
        } catch (DatasetException | ImageDecodeException e) {
            throw new BenchException(e.getMessage(), e);
        } finally {
            deleteRecursively(temp);
        }
    }

    private static Map<String, Object> runIn(BenchOptions options, Consumer<String> progress, Path temp)
            throws IOException, DatasetException, ImageDecodeException {
        Map<String, Object> report = new LinkedHashMap<>();
        Device device = Devices.resolve(options.device());
        int views = 2 * options.batchSize();
        double flopPerView = KerasEncoderFlops.trainingFlopPerView(options.imageSize());
        report.put("loadAverageAtStart", loadAverage());
        report.put("device", device.toString());
        report.put("threads", libtorchThreads());
        report.put("allocator", describeAllocator(System.getenv()));
        report.put("batchSize", options.batchSize());
        report.put("viewsPerStep", views);
        report.put("imageSize", options.imageSize());
        report.put("steps", options.steps());
        report.put("gflopPerView", flopPerView / 1e9);

        try (NDManager manager = NDManager.newBaseManager(device)) {
            if (options.runs("gemm")) {
                progress.accept("GEMM ceiling: " + options.gemmSize() + "x" + options.gemmSize() + " float32 matMul");
                double gemm = GemmBenchmark.measureGflops(manager, options.gemmSize(), 5);
                report.put("gemmGflops", gemm);
                report.put("gemmBoundViewsPerSecond", gemm * 1e9 / flopPerView);
            }
            if (options.runs("step") || options.runs("epoch")) {
                measureTraining(options, manager, device, temp, progress, report);
            }
            if (options.runs("classify")) {
                measureClassify(options, temp, progress, report);
            }
        }
        if (options.runs("open")) {
            progress.accept("Dataset open: " + options.datasetImages() + " STL-10 images (sparse file)");
            DatasetOpenBenchmark.Result open = DatasetOpenBenchmark.measure(temp.resolve("open"), options.datasetImages());
            report.put("datasetOpenMs", open.openMs());
            report.put("datasetImages", open.images());
            report.put("datasetFileBytes", open.fileBytes());
            report.put("datasetHeapBytes", open.heapBytes());
        }
        peakResidentBytes().ifPresent(bytes -> report.put("peakResidentBytes", bytes));
        report.put("loadAverageAtEnd", loadAverage());
        return report;
    }

    private static void measureTraining(BenchOptions options, NDManager manager, Device device, Path temp,
            Consumer<String> progress, Map<String, Object> report) throws IOException {
        StepTiming step = null;
        if (options.runs("step")) {
            progress.accept("Pretraining step: " + 2 * options.batchSize() + " views of " + options.imageSize() + " px");
            try (SimclrNetwork network = SimclrNetwork.create(new KerasEncoder(), options.imageSize(),
                    Stl10Dataset.CLASS_COUNT, true, device);
                    TrainingSteps steps = TrainingSteps.forPretraining(network, LEARNING_RATE,
                            NtXentLoss.DEFAULT_TEMPERATURE)) {
                PretrainStepBenchmark.Result result = PretrainStepBenchmark.measure(manager, steps,
                        options.batchSize(), options.imageSize(), options.warmupSteps(), options.steps());
                step = result.timing();
                result.cpu().ifPresent(cpu -> report.put("stepKernelCpuShare", cpu.kernelShare()));
            }
            report.put("stepViewsPerSecond", step.viewsPerSecond());
            report.put("stepBestViewsPerSecond", step.bestViewsPerSecond());
            report.put("stepMedianSeconds", step.medianStepSeconds());
            if (report.get("gemmBoundViewsPerSecond") instanceof Double bound) {
                report.put("stepFractionOfGemmBound", step.viewsPerSecond() / bound);
            }
        }
        if (options.runs("epoch")) {
            progress.accept("Pretraining epoch: a one-epoch run with reading, augmentation and step");
            StepTiming epoch = measureEpoch(options, temp);
            report.put("epochViewsPerSecond", epoch.viewsPerSecond());
            report.put("epochMedianSeconds", epoch.medianStepSeconds());
            if (step != null) {
                report.put("epochFractionOfStep", epoch.viewsPerSecond() / step.viewsPerSecond());
            }
        }
    }

    private static void measureClassify(BenchOptions options, Path temp, Consumer<String> progress,
            Map<String, Object> report) throws IOException, ImageDecodeException {
        progress.accept("Classify latency: decode, resize, forward, top " + ClassifyBenchmark.TOP);
        Path photo = options.photo();
        if (photo == null) {
            photo = temp.resolve("photo.jpg");
            ClassifyBenchmark.writeSyntheticPhoto(photo, PHOTO_WIDTH, PHOTO_HEIGHT);
        }
        // Latency does not depend on the weights, so a one-step run on random images provides the model.
        Path data = temp.resolve("classify-data");
        writeRandomStl10(data.resolve(Stl10Dataset.FOLDER_NAME), 2);
        Path run = temp.resolve("classify-run");
        EpochBenchmark.measure(data, run, "cpu", 2, options.imageSize(), 0, 1);
        try (Classifier classifier = Classifier.load(run)) {
            ClassifyBenchmark.Latency latency = ClassifyBenchmark.measure(classifier, photo, 3, options.classifyRepeats());
            report.put("classifyP50Ms", latency.p50Ms());
            report.put("classifyP95Ms", latency.p95Ms());
            report.put("classifyDecodeP50Ms", latency.decodeP50Ms());
            report.put("classifyPhoto", options.photo() == null
                    ? "generated JPEG " + PHOTO_WIDTH + "x" + PHOTO_HEIGHT : photo.toString());
        }
    }

    private static StepTiming measureEpoch(BenchOptions options, Path temp) throws IOException {
        Path folder = options.data();
        if (folder == null) {
            folder = temp.resolve("epoch");
            int needed = options.batchSize() * (options.warmupSteps() + options.steps());
            writeRandomStl10(folder.resolve(Stl10Dataset.FOLDER_NAME), needed);
        }
        return EpochBenchmark.measure(folder, temp.resolve("run"), options.device(), options.batchSize(),
                options.imageSize(), options.warmupSteps(), options.steps());
    }

    /** STL-10's class names, in label order, for the generated folders. */
    static final List<String> STL10_CLASS_NAMES = List.of("airplane", "bird", "car", "cat", "deer", "dog", "horse",
            "monkey", "ship", "truck");

    /** Writes {@code class_names.txt} into a generated STL-10 folder. */
    static void writeClassNames(Path root) throws IOException {
        Files.createDirectories(root);
        Files.write(root.resolve(ClassNames.FILE_NAME), STL10_CLASS_NAMES);
    }

    /** Writes {@code images} random-noise STL-10 images; decoding cost does not depend on the content. */
    private static void writeRandomStl10(Path root, int images) throws IOException {
        writeClassNames(root);
        byte[] image = new byte[Stl10Dataset.IMAGE_BYTES];
        SplittableRandom random = new SplittableRandom(5);
        try (RandomAccessFile out = new RandomAccessFile(root.resolve("unlabeled_X.bin").toFile(), "rw")) {
            for (int i = 0; i < images; i++) {
                for (int b = 0; b < image.length; b++) {
                    image[b] = (byte) random.nextInt(256);
                }
                out.write(image);
            }
        }
    }

    /** Returns which native allocator settings this process started with, read from its environment. */
    static String describeAllocator(Map<String, String> environment) {
        String preload = environment.getOrDefault("LD_PRELOAD", "");
        for (String allocator : new String[] {"jemalloc", "tcmalloc", "mimalloc"}) {
            if (preload.contains(allocator)) {
                return allocator + " (LD_PRELOAD)";
            }
        }
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return "system default";
        }
        boolean noMmap = "0".equals(environment.get("MALLOC_MMAP_MAX_"))
                || environment.getOrDefault("GLIBC_TUNABLES", "").contains("glibc.malloc.mmap_max=0");
        return noMmap ? "glibc, tuned (no mmap)" : "glibc defaults";
    }

    /** Returns the system's 1-minute load average, or -1 where the platform has none (Windows). */
    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static int libtorchThreads() {
        try {
            return ai.djl.pytorch.jni.JniUtils.getNumThreads();
        } catch (RuntimeException | LinkageError e) {
            return -1;
        }
    }

    /** Returns the peak resident set size (VmHWM) on Linux. */
    private static Optional<Long> peakResidentBytes() {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(status)) {
            return lines.filter(line -> line.startsWith("VmHWM:"))
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024)
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void deleteRecursively(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temp folder is harmless; the next run uses a new one.
        }
    }
}
