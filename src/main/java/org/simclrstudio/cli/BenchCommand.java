package org.simclrstudio.cli;

import ai.djl.ndarray.NDManager;
import java.util.concurrent.Callable;
import org.simclrstudio.core.bench.GemmBenchmark;
import org.simclrstudio.core.bench.PretrainStepBenchmark;
import org.simclrstudio.core.bench.ReferenceKerasStep;
import org.simclrstudio.core.bench.StepTiming;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code bench} command. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measures training, classification and dataset speed on this machine.")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--batch-size", defaultValue = "256")
    int batchSize;
    @Option(names = "--image-size", defaultValue = "96")
    int imageSize;
    @Option(names = "--steps", defaultValue = "10")
    int steps;

    @Override
    public Integer call() {
        try (NDManager manager = NDManager.newBaseManager()) {
            double gflops = GemmBenchmark.measureGflops(manager, 2048, 5);
            System.out.printf("gemm %.1f GFLOP/s%n", gflops);
            try (ReferenceKerasStep step = new ReferenceKerasStep(imageSize)) {
                var c0 = org.simclrstudio.core.bench.ProcessCpuTime.now().orElseThrow();
                StepTiming t = PretrainStepBenchmark.measure(manager, step, batchSize, imageSize, 2, steps);
                var c = org.simclrstudio.core.bench.ProcessCpuTime.now().orElseThrow().minus(c0);
                System.out.printf("cpu user %.1f sys %.1f share %.2f%n", c.userSeconds(), c.kernelSeconds(), c.kernelShare());
                System.out.printf("step %.1f views/s best %.1f bound %.1f%n", t.viewsPerSecond(), t.bestViewsPerSecond(), gflops * 1e9 / step.flopPerView());
            }
        }
        return 0;
    }
}
