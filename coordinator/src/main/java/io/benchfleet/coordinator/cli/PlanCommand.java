package io.benchfleet.coordinator.cli;

import io.benchfleet.coordinator.plan.DatasetPlaces;
import io.benchfleet.coordinator.plan.SweepPlan;
import io.benchfleet.coordinator.plan.WallTimeEstimate;
import io.benchfleet.coordinator.sweep.SweepFile;
import io.benchfleet.report.ReportException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Validates a sweep file and prints what it would run: the axes with tasks per value, what worker"
                + " nodes need, the tasks, and with --like an estimate of the wall time. Runs nothing.")
final class PlanCommand implements Callable<Integer> {

    static final int SHOWN_TASKS = 20;

    @Parameters(paramLabel = "SWEEP.conf", description = "The sweep file (HOCON).")
    private Path sweepFile;

    @Mixin
    private SweepSettings settings;

    @Option(names = "--tasks", paramLabel = "N", defaultValue = "" + SHOWN_TASKS,
            description = "How many tasks to list (default: ${DEFAULT-VALUE}).")
    private int shownTasks;

    @Option(names = "--like", paramLabel = "RUN_DIR",
            description = "Estimates the wall time from this run's measured tasks of the same dataset, architecture,"
                    + " framework, device, split and train fraction.")
    private Path likeRun;

    @Option(names = "--slots", paramLabel = "N",
            description = "The slots the estimate spreads the tasks over (default: 1; with --like only).")
    private Integer slots;

    @Override
    public Integer call() throws ReportException {
        if (shownTasks < 0) {
            throw new BadInputException("--tasks = " + shownTasks + ": expected 0 or more");
        }
        if (slots != null && likeRun == null) {
            throw new BadInputException("--slots sizes the estimate of --like; expected --like RUN_DIR with it");
        }
        if (slots != null && slots < 1) {
            throw new BadInputException("--slots = " + slots + ": expected 1 or more");
        }
        SweepFile.Contents contents = SweepFile.read(sweepFile, settings.overrides());
        SweepPlan plan = print(contents, sweepFile, shownTasks, System.out);
        if (likeRun != null) {
            printEstimate(plan, WallTimeEstimate.LikeRun.read(likeRun), slots == null ? 1 : slots, System.out);
        }
        return 0;
    }

    static SweepPlan print(SweepFile.Contents contents, Path source, int shownTasks, PrintStream out) {
        SweepPlan plan = new SweepPlan(contents.sweep());
        plan.print(source.toString(), out, shownTasks, DatasetPlaces.onThisMachine(contents.sweep().dataDir()));
        return plan;
    }

    private void printEstimate(SweepPlan plan, WallTimeEstimate.LikeRun like, int slotCount, PrintStream out) {
        WallTimeEstimate estimate = WallTimeEstimate.of(plan.tasks(), like, slotCount);
        out.printf("estimate from %s on %d slot(s): %s for %d of %d tasks%n", likeRun, slotCount,
                WallTimeEstimate.readable(estimate.wall()), estimate.estimated(), plan.tasks().size());
        if (estimate.without() > 0) {
            out.printf("  %d task(s) left out: that run has no succeeded task of the same dataset, architecture,"
                    + " framework, device, split and train fraction%n", estimate.without());
        }
    }
}
