package io.benchfleet.coordinator.cli;

import io.benchfleet.coordinator.run.RunDirectory;
import io.benchfleet.coordinator.run.SweepRun;
import io.benchfleet.coordinator.sweep.SweepFile;
import io.benchfleet.protocol.dataset.DatasetCatalog;
import io.benchfleet.protocol.dataset.DatasetInfo;
import io.benchfleet.protocol.dataset.DatasetLocator;
import io.benchfleet.protocol.sweep.Sweep;
import picocli.CommandLine.Command;
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

    @Option(names = "--local-workers", defaultValue = "1",
            description = "Worker nodes started on this machine as separate JVMs (default: ${DEFAULT-VALUE}).")
    private int localWorkers;

    @Option(names = "--port", defaultValue = "0",
            description = "Cluster port for worker nodes to --join (default: any free port, printed at start).")
    private int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on; loopback unless told otherwise (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--min-workers", defaultValue = "1",
            description = "Worker nodes to wait for before handing out the first task (default: ${DEFAULT-VALUE}).")
    private int minWorkers;

    @Override
    public Integer call() throws IOException {
        Sweep sweep = SweepFile.load(sweepFile);
        validateOptions();
        if (localWorkers > 0) {
            checkDatasets(sweep);
        }
        Path path = runDir != null ? runDir : RunDirectory.defaultFor(sweep.name(), LocalDateTime.now());
        RunDirectory directory;
        try {
            directory = RunDirectory.create(path, sweepFile);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        // Before anything logs (SweepRun has a logger): logback reads this property once, when it starts.
        System.setProperty("benchfleet.log.file", directory.logs().resolve("coordinator.log").toString());
        var options = new SweepRun.Options(localWorkers, host, port, minWorkers, Installation.home());
        return new SweepRun(sweep, directory, options, System.out).execute();
    }

    private void validateOptions() {
        if (localWorkers < 0) {
            throw new BadInputException("--local-workers = " + localWorkers + ": expected 0 or more");
        }
        if (port < 0 || port > 65_535) {
            throw new BadInputException("--port = " + port + ": expected 0 (any free port) or 1-65535");
        }
        if (minWorkers < 0) {
            throw new BadInputException("--min-workers = " + minWorkers + ": expected 0 or more");
        }
    }

    /** Local worker nodes read the datasets on this machine: a missing one stops the run before it starts. */
    private static void checkDatasets(Sweep sweep) {
        DatasetLocator locator = DatasetLocator.forDataDir(sweep.dataDir());
        for (String name : sweep.datasets()) {
            DatasetInfo dataset = DatasetCatalog.byName(name).orElseThrow();
            if (locator.locate(dataset).isEmpty()) {
                throw new BadInputException(locator.missingMessage(dataset));
            }
        }
    }
}
