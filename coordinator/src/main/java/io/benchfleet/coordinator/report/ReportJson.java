package io.benchfleet.coordinator.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes report.json. Field names are snake_case like the CSV headers, and stable: scripts read
 * them. Unknown values are {@code null}.
 * <pre>
 * format_version  1; raised when a field changes meaning or goes away
 * runs[]          one per run directory: run_directory plus every key of its run table
 *                 (sweep_name, started_at, finished_at, coordinator_jvm)
 * totals          tasks, succeeded, failed, not_run
 * groups[]        dataset, architecture, device, succeeded (the n of the statistics), failed, not_run,
 *                 train_seconds, samples_per_second, test_accuracy: each {n, mean, std} or null
 *                 (null when no succeeded task reported it; std null when n is 1)
 * tasks[]         the columns of results.csv, failure_message included, with numbers as numbers
 * failed_tasks[]  task_id, dataset, architecture, device, split, fold, repetition, attempts, worker,
 *                 failure_kind, failure_message
 * </pre>
 */
final class ReportJson {

    static final int FORMAT_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    static void write(Path file, RunSummary summary) throws IOException {
        MAPPER.writeValue(file.toFile(), document(summary));
    }

    private static Map<String, Object> document(RunSummary summary) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("format_version", FORMAT_VERSION);
        document.put("runs", List.of(run(summary.run())));
        document.put("totals", totals(summary));
        document.put("groups", summary.groups().stream().map(ReportJson::group).toList());
        document.put("tasks", summary.tasks().stream().map(task -> row(ExportColumns.RESULTS, task)).toList());
        document.put("failed_tasks", summary.failedTasks().stream().map(ReportJson::failure).toList());
        return document;
    }

    private static Map<String, Object> run(RunMetadata run) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("run_directory", run.runDirectory().toString());
        fields.putAll(run.values());
        return fields;
    }

    private static Map<String, Object> totals(RunSummary summary) {
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("tasks", summary.tasks().size());
        totals.put("succeeded", summary.groups().stream().mapToInt(GroupSummary::succeeded).sum());
        totals.put("failed", summary.groups().stream().mapToInt(GroupSummary::failed).sum());
        totals.put("not_run", summary.groups().stream().mapToInt(GroupSummary::notRun).sum());
        return totals;
    }

    private static Map<String, Object> group(GroupSummary group) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("dataset", group.dataset());
        fields.put("architecture", group.architecture());
        fields.put("device", group.device());
        fields.put("succeeded", group.succeeded());
        fields.put("failed", group.failed());
        fields.put("not_run", group.notRun());
        fields.put("train_seconds", statistic(group.trainSeconds()));
        fields.put("samples_per_second", statistic(group.samplesPerSecond()));
        fields.put("test_accuracy", statistic(group.testAccuracy()));
        return fields;
    }

    private static Map<String, Object> statistic(Optional<Statistic> statistic) {
        return statistic.map(value -> {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("n", value.n());
            fields.put("mean", value.mean());
            fields.put("std", value.standardDeviation().orElse(null));
            return fields;
        }).orElse(null);
    }

    private static Map<String, Object> failure(TaskResult result) {
        Map<String, Object> fields = new LinkedHashMap<>();
        Task task = result.task();
        fields.put("task_id", task.id());
        fields.put("dataset", task.dataset());
        fields.put("architecture", task.architecture());
        fields.put("device", task.device());
        fields.put("split", task.split());
        fields.put("fold", task.fold());
        fields.put("repetition", task.repetition());
        fields.put("attempts", result.attempts());
        fields.put("worker", result.finalAttempt().map(Attempt::worker).orElse(null));
        fields.put("failure_kind", result.finalAttempt().flatMap(Attempt::failureKind).orElse(null));
        fields.put("failure_message", result.finalAttempt().flatMap(Attempt::failureMessage).orElse(null));
        return fields;
    }

    private static <T> Map<String, Object> row(List<ExportColumn<T>> columns, T row) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (ExportColumn<T> column : columns) {
            fields.put(column.name(), column.value().apply(row).orElse(null));
        }
        return fields;
    }
}
