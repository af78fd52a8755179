package io.benchfleet.coordinator.cli;

import io.benchfleet.coordinator.run.RunsFolder;
import io.benchfleet.report.TaskStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "Lists the run directories in a folder: sweep, start, state (running, finished, stopped),"
                + " tasks succeeded / failed / not run, and the command to resume or report each.")
final class RunsCommand implements Callable<Integer> {

    private static final String ROW = "%-40s  %-20s  %-20s  %-10s  %9s  %6s  %7s  %s%n";

    @Parameters(paramLabel = "DIR", arity = "0..1", defaultValue = "runs",
            description = "The folder of run directories (default: ${DEFAULT-VALUE}).")
    private Path folder;

    @Override
    public Integer call() throws IOException {
        List<RunsFolder.Run> runs;
        try {
            runs = RunsFolder.list(folder);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        print(runs, System.out);
        return 0;
    }

    private void print(List<RunsFolder.Run> runs, PrintStream out) {
        if (runs.isEmpty()) {
            out.println("no run directories in " + folder + " (a run directory holds a results.db)");
            return;
        }
        out.printf(ROW, "run directory", "sweep", "started", "state", "succeeded", "failed", "not run", "next");
        for (RunsFolder.Run run : runs) {
            out.printf(ROW, run.directory(), run.sweepName(), run.startedAt().map(RunsCommand::toSeconds).orElse("-"), run.state().label(),
                    run.tasks(TaskStatus.SUCCEEDED), run.tasks(TaskStatus.FAILED), run.tasks(TaskStatus.NOT_RUN),
                    next(run));
        }
    }

    /** An ISO-8601 instant as results.db has it, to the second: 2026-12-01 18:49:03Z. */
    private static String toSeconds(String instant) {
        try {
            return Instant.parse(instant).truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ');
        } catch (DateTimeParseException e) {
            return instant;
        }
    }

    private static String next(RunsFolder.Run run) {
        return switch (run.state()) {
            case RUNNING -> "wait: a coordinator holds it (" + run.detail().orElse("") + ")";
            case STOPPED -> "bin/coordinator resume " + run.directory();
            case FINISHED -> "bin/coordinator report " + run.directory();
            case UNREADABLE -> run.detail().orElse("");
        };
    }
}
