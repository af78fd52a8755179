package io.benchfleet.coordinator.cli;

import io.benchfleet.coordinator.sweep.ReferenceBlock;
import io.benchfleet.coordinator.sweep.ReportBlock;
import io.benchfleet.report.ConsoleTable;
import io.benchfleet.report.ReportOptions;
import io.benchfleet.report.RunReport;
import io.benchfleet.report.RunSummary;
import io.benchfleet.protocol.BuildVersions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Writes the exports and report.html again from one run directory's results.db, or merges"
                + " several run directories into one report (the same task in two runs counts as repeated"
                + " measurements), and prints the tables. The comparisons use the baseline and the study's own"
                + " figures of the first run directory's sweep.conf."})
final class ReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN_DIR", arity = "1..*", description = "The run directories to report on.")
    private List<Path> runDirectories;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where the report goes (default: the RUN_DIR when only one is given; required with several).")
    private Optional<Path> out;

    @Option(names = "--trace-window", paramLabel = "SECONDS",
            description = "Cut every resource trace to its first SECONDS since the attempt started before averaging"
                    + " and computing peaks, as S1 did with 70 (default: sweep.conf's report.trace-window, else the"
                    + " whole traces).")
    private Optional<Double> traceWindow;

    @Override
    public Integer call() {
        for (Path directory : runDirectories) {
            if (!Files.isDirectory(directory)) {
                throw new BadInputException("RUN_DIR " + directory + ": no such directory; expected a run directory"
                        + " holding results.db");
            }
        }
        if (runDirectories.size() > 1 && out.isEmpty()) {
            throw new BadInputException("merging " + runDirectories.size()
                    + " run directories needs --out DIR: expected the directory for the merged report");
        }
        List<Path> absolute = runDirectories.stream().map(directory -> directory.toAbsolutePath().normalize()).toList();
        if (absolute.stream().distinct().count() < absolute.size()) {
            throw new BadInputException("a RUN_DIR is given twice: expected each run directory once");
        }
        // A merged report written into one of its runs would replace that run's own exports.
        if (runDirectories.size() > 1 && absolute.contains(out.orElseThrow().toAbsolutePath().normalize())) {
            throw new BadInputException("--out " + out.get() + " is one of the RUN_DIRs: expected a directory of its own"
                    + " for the merged report");
        }
        RunSummary summary = RunReport.write(runDirectories, out.orElse(runDirectories.get(0)),
                ReportBlock.ofRunDirectory(runDirectories.get(0)), ReferenceBlock.ofRunDirectory(runDirectories.get(0)),
                BuildVersions.all(), options());
        ConsoleTable.print(summary, System.out);
        return summary.allSucceeded() ? 0 : CoordinatorMain.SOME_TASK_FAILED;
    }

    /** The flag's window over the first run directory's sweep.conf's. */
    private ReportOptions options() {
        if (traceWindow.isEmpty()) {
            return ReportBlock.optionsOfRunDirectory(runDirectories.get(0));
        }
        double seconds = traceWindow.get();
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new BadInputException("--trace-window " + seconds + ": expected a positive number of seconds, such as 70");
        }
        return ReportOptions.traceWindow(seconds);
    }
}
