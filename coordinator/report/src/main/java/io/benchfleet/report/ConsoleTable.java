package io.benchfleet.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Prints the summary at the end of a sweep: one row per group (dataset, architecture, device, split, and the
 * framework and train fraction where the report names them), the run directory, and one line per failed task.
 * Formatted with String.format: the table is small and fixed, not worth a dependency.
 */
public final class ConsoleTable {

    private static final List<String> GROUP_HEADERS = List.of("dataset", "architecture", "device", "split");
    private static final List<String> MEASURE_HEADERS = List.of(
            "n", "failed", "train s", "samples/s", "test acc", "epoch 1 s", "later epochs s");
    private static final String COLUMN_GAP = "  ";
    private static final String ABSENT = "-";

    private ConsoleTable() {
    }

    public static void print(RunSummary summary, PrintStream out) {
        ShownAxes shown = summary.shownAxes();
        List<List<String>> rows = new ArrayList<>();
        List<String> names = new ArrayList<>(GROUP_HEADERS);
        names.addAll(shown.headers());
        rows.add(concat(names, MEASURE_HEADERS));
        summary.groups().forEach(group -> rows.add(row(group, shown)));
        String format = format(rows, names.size());
        rows.forEach(row -> out.println(String.format(Locale.ROOT, format, row.toArray()).stripTrailing()));
        StudyTablesConsole.print(summary.tables(), shown, out);
        out.println("run directory: " + summary.run().runDirectory());
        boolean merged = summary.run().value(MergedRuns.MERGED_RUNS).isPresent();
        for (TaskResult result : summary.failedTasks()) {
            out.println("failed: " + named(result, merged, shown) + ": "
                    + firstLine(result.failureReason().orElse("")));
        }
        for (TaskResult result : summary.suspectTasks()) {
            out.println("suspect: " + named(result, merged, shown) + ": " + result.suspicion().orElseThrow());
        }
    }

    /**
     * E.g. {@code t4 fashion-mnist/cnn-medium/gpu rep 2}, with the framework and train fraction where the report
     * names them, and the run it is from in a merged report.
     */
    private static String named(TaskResult result, boolean merged, ShownAxes shown) {
        Task task = result.task();
        List<String> names = new ArrayList<>(List.of(task.dataset(), task.architecture(), task.device()));
        names.addAll(shown.suffixes(GroupKey.of(task)));
        return task.id() + " " + String.join("/", names) + " rep " + task.repetition()
                + (merged ? " (run " + result.run() + ")" : "");
    }

    private static List<String> row(GroupSummary group, ShownAxes shown) {
        List<String> names = new ArrayList<>(List.of(group.key().dataset(), group.key().architecture(),
                group.key().device(), group.key().split()));
        names.addAll(shown.cells(group.key()));
        return concat(names, List.of(String.valueOf(group.succeeded()), String.valueOf(group.failed()),
                mean(group.statistics().trainSeconds(), "%.2f"), mean(group.statistics().samplesPerSecond(), "%.1f"),
                mean(group.statistics().testAccuracy(), "%.4f"), mean(group.statistics().firstEpochSeconds(), "%.2f"),
                mean(group.statistics().laterEpochSeconds(), "%.2f")));
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }

    private static String mean(Optional<Statistic> statistic, String format) {
        return statistic.map(value -> String.format(Locale.ROOT, format, value.mean())).orElse(ABSENT);
    }

    /** Names (the first {@code nameColumns}) left-aligned, numbers right-aligned. */
    private static String format(List<List<String>> rows, int nameColumns) {
        return IntStream.range(0, rows.get(0).size())
                .mapToObj(column -> {
                    int width = rows.stream().mapToInt(row -> row.get(column).length()).max().orElse(0);
                    return "%" + (column < nameColumns ? "-" : "") + width + "s";
                })
                .collect(Collectors.joining(COLUMN_GAP));
    }

    // A failure message can be a whole stderr tail; the console gets its first line, the report all of it.
    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }
}
