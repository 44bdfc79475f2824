package org.simclrstudio.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.simclrstudio.core.data.download.DownloadException;
import org.simclrstudio.core.data.download.Stl10Downloader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code datasets download} command: downloads, verifies and extracts a dataset archive with a
 * progress bar on stderr. Ctrl-C stops it cleanly: a partial download stays for a resume, a partial
 * extraction is deleted.
 */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = {"Downloads, verifies and extracts a dataset archive into DIR.",
            "stl10: the STL-10 binary archive (about 2.6 GB, 3.1 GB extracted) into DIR/stl10_binary. "
                    + "An interrupted download resumes when run again."})
public final class DatasetsDownloadCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATASET", description = "Dataset to download: stl10.")
    String dataset;

    @Option(names = "--dir", required = true, paramLabel = "DIR",
            description = "Folder that receives the archive and the extracted dataset; created when missing.")
    Path dir;

    @Option(names = "--url", paramLabel = "URL",
            description = "Archive address, for a mirror (default: ${DEFAULT-VALUE}).")
    String url = Stl10Downloader.DEFAULT_URL.toString();

    @Option(names = "--md5", paramLabel = "HEX",
            description = "Expected MD5 checksum of the archive, 32 hexadecimal digits (default: ${DEFAULT-VALUE}).")
    String md5 = Stl10Downloader.DEFAULT_MD5;

    @Option(names = "--keep-archive", description = "Keep the .tar.gz archive after extracting it.")
    boolean keepArchive;

    @Override
    public Integer call() {
        if (!dataset.toLowerCase(Locale.ROOT).equals("stl10")) {
            throw new CliException("Unknown dataset '" + dataset + "': expected stl10. Fashion-MNIST comes as a "
                    + "Debian package: apt-get install dataset-fashion-mnist", 2);
        }
        URI source;
        try {
            source = new URI(url);
        } catch (URISyntaxException e) {
            throw new CliException("Invalid --url '" + url + "': " + e.getMessage(), 2);
        }
        PrintWriter err = spec.commandLine().getErr();
        DownloadProgressBar bar = new DownloadProgressBar(err, System.console() != null);
        CountDownLatch finished = new CountDownLatch(1);
        Thread stopOnInterrupt = new Thread(() -> {
            bar.cancel();
            try {
                // Gives the download time to close its files and delete a partial extraction.
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "download-shutdown");
        Runtime.getRuntime().addShutdownHook(stopOnInterrupt);
        try {
            Path folder = new Stl10Downloader().keepArchive(keepArchive).download(dir, source, md5, bar);
            bar.finish();
            spec.commandLine().getOut().println("STL-10 is ready in " + folder);
            spec.commandLine().getOut().flush();
            return 0;
        } catch (DownloadException e) {
            bar.finish();
            throw new CliException(e.getMessage(), e);
        } catch (CancellationException e) {
            bar.finish();
            // Printed here, not by the error handler, because after Ctrl-C the JVM halts as soon as the
            // latch below is released, before the handler would run.
            err.println("simclr-studio: error: Download cancelled; run the same command again to resume.");
            err.flush();
            return 130;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnInterrupt);
            } catch (IllegalStateException e) {
                // The JVM is shutting down: the hook is running and waits for the latch released above.
            }
        }
    }
}
