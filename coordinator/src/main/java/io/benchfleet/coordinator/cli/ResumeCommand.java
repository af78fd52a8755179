package io.benchfleet.coordinator.cli;

import io.benchfleet.coordinator.queue.RunHistory;
import io.benchfleet.coordinator.run.RunDirectory;
import io.benchfleet.coordinator.run.SweepRun;
import io.benchfleet.coordinator.store.ResultStore;
import io.benchfleet.coordinator.sweep.SweepFile;
import io.benchfleet.coordinator.sweep.SweepOverrides;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Runs the tasks of a stopped sweep that have no successful result yet, appending to its run directory.")
final class ResumeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN_DIR", description = "The run directory of the sweep to go on with.")
    private Path runDir;

    @Option(names = "--sweep", paramLabel = "NEW.conf",
            description = "A changed sweep file: its new tasks are added, finished ones kept; it replaces the run's sweep.conf.")
    private Path newSweepFile;

    @Mixin
    private SweepSettings settings;

    @Mixin
    private WorkerOptions workers;

    @Override
    public Integer call() throws IOException {
        RunDirectory directory;
        try {
            directory = RunDirectory.reopen(runDir);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        try (directory) {
            SweepOverrides overrides = settings.overrides();
            SweepFile.Contents contents = SweepFile.read(newSweepFile != null ? newSweepFile : directory.sweepFile(),
                    overrides);
            var options = workers.toRunOptions(Installation.home());
            if (options.localWorkers() > 0) {
                RunCommand.checkDatasets(contents.sweep());
            }
            // Before anything logs (SweepRun has a logger): logback reads this property once, when it starts.
            System.setProperty("benchfleet.log.file", directory.logs().resolve("coordinator.log").toString());
            RunHistory history = readHistory(directory);
            if (newSweepFile != null || !overrides.isEmpty()) {
                directory.replaceSweepFile(contents.text());
            }
            System.out.printf("resuming %s: %d task(s) succeeded before%n", directory.path(), history.succeededTasks().size());
            return new SweepRun(contents, directory, options, System.out).resume(history);
        }
    }

    private static RunHistory readHistory(RunDirectory directory) {
        try (ResultStore store = ResultStore.open(directory.path())) {
            return store.resume(Clock.systemUTC().instant());
        } catch (ResultStore.StoreException e) {
            throw new BadInputException(e.getMessage() + "; expected the results.db of a benchfleet run");
        }
    }
}
