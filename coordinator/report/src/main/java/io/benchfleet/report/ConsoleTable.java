package io.benchfleet.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Prints the summary at the end of a sweep: one row per (dataset, architecture, device), the run
 * directory, and one line per failed task. Formatted with String.format: the table is small and
 * fixed, not worth a dependency.
 */
public final class ConsoleTable {

    private static final List<String> HEADERS = List.of(
            "dataset", "architecture", "device", "split", "n", "failed", "train s", "samples/s", "test acc", "epoch 1 s",
            "later epochs s");
    // The first four columns are names (left-aligned), the rest numbers (right-aligned).
    private static final int NAME_COLUMNS = 4;
    private static final String COLUMN_GAP = "  ";
    private static final String ABSENT = "-";

    private ConsoleTable() {
    }

    public static void print(RunSummary summary, PrintStream out) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADERS);
        summary.groups().forEach(group -> rows.add(row(group)));
        String format = format(rows);
        rows.forEach(row -> out.println(String.format(Locale.ROOT, format, row.toArray()).stripTrailing()));
        StudyTablesConsole.print(summary.tables(), out);
        out.println("run directory: " + summary.run().runDirectory());
        boolean merged = summary.run().value(MergedRuns.MERGED_RUNS).isPresent();
        for (TaskResult result : summary.failedTasks()) {
            out.println("failed: " + named(result, merged) + ": " + firstLine(result.failureReason().orElse("")));
        }
        for (TaskResult result : summary.suspectTasks()) {
            out.println("suspect: " + named(result, merged) + ": " + result.suspicion().orElseThrow());
        }
    }

    /** E.g. {@code t4 fashion-mnist/cnn-medium/gpu rep 2}, and the run it is from in a merged report. */
    private static String named(TaskResult result, boolean merged) {
        Task task = result.task();
        return task.id() + " " + task.dataset() + "/" + task.architecture() + "/" + task.device() + " rep "
                + task.repetition() + (merged ? " (run " + result.run() + ")" : "");
    }

    private static List<String> row(GroupSummary group) {
        return List.of(group.key().dataset(), group.key().architecture(), group.key().device(), group.key().split(),
                String.valueOf(group.succeeded()), String.valueOf(group.failed()),
                mean(group.statistics().trainSeconds(), "%.2f"), mean(group.statistics().samplesPerSecond(), "%.1f"),
                mean(group.statistics().testAccuracy(), "%.4f"), mean(group.statistics().firstEpochSeconds(), "%.2f"),
                mean(group.statistics().laterEpochSeconds(), "%.2f"));
    }

    private static String mean(Optional<Statistic> statistic, String format) {
        return statistic.map(value -> String.format(Locale.ROOT, format, value.mean())).orElse(ABSENT);
    }

    private static String format(List<List<String>> rows) {
        return IntStream.range(0, HEADERS.size())
                .mapToObj(column -> {
                    int width = rows.stream().mapToInt(row -> row.get(column).length()).max().orElse(0);
                    return "%" + (column < NAME_COLUMNS ? "-" : "") + width + "s";
                })
                .collect(Collectors.joining(COLUMN_GAP));
    }

    // A failure message can be a whole stderr tail; the console gets its first line, the report all of it.
    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }
}
