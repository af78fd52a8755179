package io.benchfleet.coordinator.cli;

import io.benchfleet.coordinator.run.RunDirectory;
import io.benchfleet.coordinator.run.SweepRun;
import io.benchfleet.coordinator.sweep.SweepFile;
import io.benchfleet.dataset.DatasetCatalog;
import io.benchfleet.dataset.DatasetDownload;
import io.benchfleet.dataset.DatasetLocator;
import io.benchfleet.dataset.DatasetUnavailableException;
import io.benchfleet.dataset.HttpDownloader;
import io.benchfleet.protocol.sweep.Sweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true, description = "Runs a sweep and writes its report.")
final class RunCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SWEEP.conf", description = "The sweep file (HOCON).")
    private Path sweepFile;

    @Option(names = "--run-dir", description = "Where results go (default: runs/<sweep>-<timestamp>).")
    private Path runDir;

    @Mixin
    private SweepSettings settings;

    @Option(names = "--dry-run", description = "Validates the sweep and prints its plan (as `plan` does) instead of running it.")
    private boolean dryRun;

    @Mixin
    private WorkerOptions workers;

    @Override
    public Integer call() throws IOException {
        SweepFile.Contents contents = SweepFile.read(sweepFile, settings.overrides());
        if (dryRun) {
            PlanCommand.print(contents, sweepFile, PlanCommand.SHOWN_TASKS, System.out);
            return 0;
        }
        Sweep sweep = contents.sweep();
        var options = workers.toRunOptions(Installation.home());
        if (options.localWorkers() > 0) {
            checkDatasets(sweep);
        }
        Path path = runDir != null ? runDir : RunDirectory.defaultFor(sweep.name(), LocalDateTime.now());
        RunDirectory directory;
        try {
            directory = RunDirectory.create(path, contents.text());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        try (directory) {
            // Before anything logs (SweepRun has a logger): logback reads this property once, when it starts.
            System.setProperty("benchfleet.log.file", directory.logs().resolve("coordinator.log").toString());
            return new SweepRun(contents, directory, options, System.out).execute();
        }
    }

    /**
     * Local worker nodes read the datasets on this machine: one not on disk is downloaded here first,
     * with a progress bar, and one that cannot be stops the run before it starts.
     */
    static void checkDatasets(Sweep sweep) {
        var download = new DatasetDownload(DatasetLocator.forDataDir(sweep.dataDir()), new HttpDownloader(),
                new DownloadProgressBar());
        for (String name : sweep.datasets()) {
            try {
                download.find(DatasetCatalog.byName(name).orElseThrow());
            } catch (DatasetUnavailableException e) {
                throw new BadInputException(e.getMessage());
            }
        }
    }
}
