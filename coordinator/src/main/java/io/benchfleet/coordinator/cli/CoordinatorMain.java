package io.benchfleet.coordinator.cli;

import io.benchfleet.coordinator.run.SweepStoppedException;
import io.benchfleet.report.ReportException;
import io.benchfleet.coordinator.sweep.SweepFileException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bin/coordinator}: exit 0 when every task succeeded, 1 when some failed or the sweep stopped
 * because results.db could not be written, 2 for bad input (one line naming what was wrong and what
 * was expected; the stack trace goes to the log file).
 */
@Command(name = "coordinator", mixinStandardHelpOptions = true,
        description = "Runs neural-network training benchmarks as sweeps over worker nodes and reports them.",
        subcommands = {RunCommand.class, ResumeCommand.class, ReportCommand.class, ArchitecturesCommand.class, DatasetsCommand.class})
public final class CoordinatorMain {

    static final int SOME_TASK_FAILED = 1;
    static final int BAD_INPUT = 2;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new CoordinatorMain())
                .setParameterExceptionHandler((e, args) -> badInput(e.getCommandLine().getCommandName(), e.getMessage()))
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> onFailure(commandLine, e));
    }

    private static int onFailure(CommandLine commandLine, Exception e) {
        if (e instanceof BadInputException || e instanceof SweepFileException || e instanceof ReportException) {
            LoggerFactory.getLogger(CoordinatorMain.class).debug("bad input", e);
            return badInput(commandLine.getCommandName(), e.getMessage());
        }
        if (e instanceof SweepStoppedException) {
            LoggerFactory.getLogger(CoordinatorMain.class).error("the sweep stopped", e);
            System.err.println("coordinator " + commandLine.getCommandName() + ": " + e.getMessage());
            return SOME_TASK_FAILED;
        }
        LoggerFactory.getLogger(CoordinatorMain.class).error("{} failed", commandLine.getCommandName(), e);
        System.err.println("coordinator " + commandLine.getCommandName() + ": " + e + " (details in the log file)");
        return SOME_TASK_FAILED;
    }

    static int badInput(String command, String message) {
        System.err.println("coordinator " + command + ": " + message);
        return BAD_INPUT;
    }
}
