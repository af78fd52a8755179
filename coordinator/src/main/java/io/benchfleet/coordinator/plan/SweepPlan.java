package io.benchfleet.coordinator.plan;

import io.benchfleet.protocol.sweep.Device;
import io.benchfleet.protocol.sweep.Sweep;
import io.benchfleet.protocol.sweep.TaskSpec;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a sweep will run, before it runs: its axes with the number of tasks per value, what worker nodes need to
 * run them, and its tasks, as {@code bin/coordinator plan} and {@code run --dry-run} print them.
 */
public final class SweepPlan {

    private final Sweep sweep;
    private final List<TaskSpec> tasks;

    public SweepPlan(Sweep sweep) {
        this.sweep = sweep;
        this.tasks = sweep.tasks();
    }

    public List<TaskSpec> tasks() {
        return tasks;
    }

    /** Tasks per value of one axis, in the order the sweep lists the values. */
    public Map<String, Long> tasksPer(Function<TaskSpec, String> axis) {
        return tasks.stream().collect(Collectors.groupingBy(axis, LinkedHashMap::new, Collectors.counting()));
    }

    public void print(String source, PrintStream out, int shownTasks, DatasetPlaces places) {
        out.printf("sweep %s (%s): %d tasks%n", sweep.name(), source, tasks.size());
        printAxes(out);
        printNeeds(out, places);
        printTasks(out, shownTasks);
    }

    private void printAxes(PrintStream out) {
        out.println("axes (tasks per value)");
        row(out, "datasets", counts(TaskSpec::dataset));
        row(out, "architectures", counts(TaskSpec::architecture));
        row(out, "frameworks", counts(TaskSpec::framework));
        row(out, "devices", counts(task -> task.device().label()));
        row(out, "split", sweep.split().label() + ", " + sweep.split().folds().size() + " fold(s) per repetition");
        row(out, "train fractions", counts(task -> fraction(task.trainFraction())));
        row(out, "repetitions", sweep.repetitions() + ", seed " + sweep.seed());
        row(out, "training", counts(SweepPlan::training));
    }

    private void printNeeds(PrintStream out, DatasetPlaces places) {
        out.println("worker nodes need");
        row(out, "datasets", sweep.datasets().stream().map(places::describe).collect(Collectors.joining("; ")));
        row(out, "slots", counts(task -> task.device().label()));
        row(out, "frameworks", counts(task -> task.framework() + " on " + task.device().label()));
        if (sweep.devices().contains(Device.GPU)) {
            row(out, "", "gpu tasks wait for a worker node with --slots gpu (or fail with --fail-unschedulable)");
        }
    }

    private void printTasks(PrintStream out, int shown) {
        int count = Math.min(shown, tasks.size());
        if (count == 0) {
            return;
        }
        out.printf("tasks%s%n", count < tasks.size()
                ? " (the first " + count + " of " + tasks.size() + "; --tasks N shows more)" : "");
        out.printf("  %-16s  %-14s  %-18s  %-9s  %-6s  %-12s  %4s  %3s  %8s  %s%n", "id", "dataset", "architecture",
                "framework", "device", "split", "fold", "rep", "fraction", "training");
        tasks.stream().limit(count).forEach(task -> out.printf(Locale.ROOT,
                "  %-16s  %-14s  %-18s  %-9s  %-6s  %-12s  %4d  %3d  %8s  %s%n", task.id(), task.dataset(),
                task.architecture(), task.framework(), task.device().label(), task.split(), task.fold(),
                task.repetition(), fraction(task.trainFraction()), training(task)));
    }

    private String counts(Function<TaskSpec, String> axis) {
        return tasksPer(axis).entrySet().stream().map(entry -> entry.getKey() + " (" + entry.getValue() + ")")
                .collect(Collectors.joining(" · "));
    }

    private static void row(PrintStream out, String name, String values) {
        out.printf("  %-16s %s%n", name, values);
    }

    private static String fraction(double fraction) {
        return String.format(Locale.ROOT, "%.4g", fraction).replaceAll("\\.?0+$", "");
    }

    private static String training(TaskSpec task) {
        var training = task.training();
        return "epochs " + training.epochs() + ", batch " + training.batchSize()
                + (training.trainLimit() > 0 ? ", train limit " + training.trainLimit() : "")
                + ", " + training.optimizer().describe();
    }
}
