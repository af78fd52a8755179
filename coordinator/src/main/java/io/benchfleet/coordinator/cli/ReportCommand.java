package io.benchfleet.coordinator.cli;

import io.benchfleet.coordinator.report.ConsoleTable;
import io.benchfleet.coordinator.report.RunReport;
import io.benchfleet.coordinator.report.RunSummary;
import io.benchfleet.protocol.BuildVersions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Writes a run directory's exports and report again from its results.db, and prints the tables.")
final class ReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN_DIR", arity = "1..*", description = "The run directory.")
    private List<Path> runDirectories;

    @Override
    public Integer call() {
        if (runDirectories.size() > 1) {
            throw new BadInputException("merging " + runDirectories.size()
                    + " run directories is not available in this version; expected one RUN_DIR");
        }
        RunSummary summary = RunReport.write(runDirectories.get(0), BuildVersions.all());
        ConsoleTable.print(summary, System.out);
        return summary.allSucceeded() ? 0 : CoordinatorMain.SOME_TASK_FAILED;
    }
}
