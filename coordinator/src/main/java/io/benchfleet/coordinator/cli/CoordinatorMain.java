package io.benchfleet.coordinator.cli;

import io.benchfleet.coordinator.run.SweepStoppedException;
import io.benchfleet.report.ReportException;
import io.benchfleet.coordinator.sweep.SweepFileException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/**
 * {@code bin/coordinator}: exit 0 when every task succeeded, 1 when some failed or the sweep stopped
 * because results.db could not be written, 2 for bad input (one line naming what was wrong and what
 * was expected; the stack trace goes to the log file).
 */
@Command(name = "coordinator", mixinStandardHelpOptions = true, versionProvider = CoordinatorVersion.class,
        scope = CommandLine.ScopeType.INHERIT,
        description = "Runs neural-network training benchmarks as sweeps over worker nodes and reports them.",
        subcommands = {RunCommand.class, ResumeCommand.class, PlanCommand.class, ReportCommand.class, RunsCommand.class,
                ArchitecturesCommand.class, DatasetsCommand.class})
public final class CoordinatorMain implements Callable<Integer> {

    static final int SOME_TASK_FAILED = 1;
    static final int BAD_INPUT = 2;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new CoordinatorMain())
                .setParameterExceptionHandler(CoordinatorMain::onBadArguments)
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> onFailure(commandLine, e));
    }

    /** {@code bin/coordinator} alone names no command. */
    @Override
    public Integer call() {
        throw new BadInputException("expected a command: " + commands() + " (see --help)");
    }

    private static int onBadArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        if (commandLine.getParent() == null && e instanceof CommandLine.UnmatchedArgumentException unmatched
                && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
            return badInput(commandLine.getCommandName(), "unknown command '" + unmatched.getUnmatched().get(0)
                    + "': expected one of " + commands() + " (see --help)");
        }
        return badInput(commandLine.getCommandName(), e.getMessage());
    }

    private static String commands() {
        return String.join(", ", new CommandLine(new CoordinatorMain()).getSubcommands().keySet());
    }

    private static int onFailure(CommandLine commandLine, Exception e) {
        if (e instanceof BadInputException || e instanceof SweepFileException || e instanceof ReportException) {
            LoggerFactory.getLogger(CoordinatorMain.class).debug("bad input", e);
            return badInput(commandLine.getCommandName(), e.getMessage());
        }
        if (e instanceof SweepStoppedException) {
            LoggerFactory.getLogger(CoordinatorMain.class).error("the sweep stopped", e);
            System.err.println(prefix(commandLine.getCommandName()) + e.getMessage());
            return SOME_TASK_FAILED;
        }
        LoggerFactory.getLogger(CoordinatorMain.class).error("{} failed", commandLine.getCommandName(), e);
        System.err.println(prefix(commandLine.getCommandName()) + e + " (details in the log file)");
        return SOME_TASK_FAILED;
    }

    static int badInput(String command, String message) {
        System.err.println(prefix(command) + message);
        return BAD_INPUT;
    }

    /** "coordinator run: ", or "coordinator: " for the command itself. */
    private static String prefix(String command) {
        return command.equals("coordinator") ? "coordinator: " : "coordinator " + command + ": ";
    }
}
