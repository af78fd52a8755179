package io.benchfleet.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Writes report.json. Field names are snake_case like the CSV headers, and stable: scripts read
 * them. Unknown values are {@code null}.
 * <pre>
 * format_version  1; raised when a field changes meaning or goes away
 * runs[]          one per run directory: run_directory plus every key of its run table
 *                 (sweep_name, started_at, finished_at, coordinator_jvm); a merged report has one, whose
 *                 merged_runs lists the run directories read (comma-separated) and sweep_name their names
 * merged_runs[]   only in a merged report: one per run directory read, in the order given: run (the name its
 *                 rows carry in the run column of tasks[] and the CSVs), run_directory, and every key of its run
 *                 table
 * totals          tasks, succeeded, failed, not_run
 * groups[]        dataset, architecture, device, hardware[] (the CPU and GPU models its succeeded tasks ran on),
 *                 split, framework (dl4j in a results.db older than the framework axis), train_fraction (1 there),
 *                 epochs, batch_size, learning_rate (null in a results.db older than the learning-rate axis),
 *                 succeeded (the n of the statistics), failed, not_run,
 *                 train_seconds, samples_per_second, test_accuracy, first_epoch_seconds,
 *                 later_epoch_seconds (a task's mean over epochs 2 and later): each {n, mean, std} or null
 *                 (null when no succeeded task reported it; std null when n is 1)
 *                 resources: repetitions (the succeeded tasks' final attempts), gpu_idle_seconds (seconds
 *                 per repetition with GPU utilisation at zero: {n, mean, std} or null without GPU samples),
 *                 gpu_zero_windows (each repetition's stretches with GPU utilisation at zero, by its label such as
 *                 "rep 1": [{start, end}] in seconds since the attempt started, consecutive zero samples merged,
 *                 each sample covering the time since the one before it, the first since the start; null without
 *                 GPU samples), and
 *                 measures, one per traced samples.csv column that has values (process_cpu_percent,
 *                 process_rss_bytes, host_cpu_percent, gpu_util_percent, gpu_mem_used_bytes, gpu_power_watts)
 *                 and per share that can be computed: process_rss_percent_of_host (RSS over the worker node's
 *                 memory, else over the sample's host used plus available bytes) and gpu_mem_used_percent (the
 *                 GPUs' used over their total memory):
 *                 peak (each repetition's highest sample), peak_seconds (the seconds since its attempt started at
 *                 that sample) and steady_state (each repetition's mean between 20 %
 *                 and 90 % of its sampled time, leaving out start-up, warm-up, final evaluation and exit), each
 *                 {n, mean, std}; range {min, max}: the lowest and highest sample of any repetition;
 *                 trace: the repetitions' mean on a common grid (step_seconds, seconds[], mean[],
 *                 std[] or null for one repetition, min[], max[]), over the time all repetitions cover, or null;
 *                 all of them over the trace window when there is one
 *                 peak_rss_bytes and energy_joules (CPU package plus GPU energy; null where the hosts expose
 *                 neither) over the final attempts, epoch_seconds (every epoch of the group: S2's
 *                 spread of epoch times); every {n, mean, std} also has ci95_low, ci95_high: the 95 %
 *                 confidence interval of the mean (t distribution), null when n is 1
 * tasks[]         the columns of results.csv, failure_message, run, framework, framework_version,
 *                 train_fraction and partition_sha256 included, with numbers as numbers
 * failed_tasks[]  task_id, dataset, architecture, device, split, framework, train_fraction, fold, repetition,
 *                 attempts, worker, failure_kind, failure_message, run
 * baseline        the sweep file's report.baseline block ({device: cpu}, {framework: pytorch}) or null; then
 *                 comparisons[]: dataset, architecture, device, split, framework, train_fraction, baseline {the same
 *                 six of the group compared with},
 *                 ratios {train_seconds, samples_per_second, test_accuracy, peak_rss_bytes, energy_joules}: each
 *                 {ratio (mean of the group / mean of the baseline), p_value (Welch's t-test; null with
 *                 fewer than two values a side)}
 * scalability[]   S2: dataset, device, split, framework, train_fraction, from, to (architectures in sweep order),
 *                 params_multiplier, time_multiplier (mean train seconds), memory_multiplier (of the mean peak
 *                 memory that counts on the device: gpu_mem_peak_bytes on a gpu, peak_rss_bytes on a cpu), memory
 *                 (which of the two)
 * framework_memory[] S2's memory between frameworks, only where the report compares frameworks: one per setting
 *                 with two frameworks or more: dataset, architecture, device, split, train_fraction, epochs,
 *                 batch_size, learning_rate, memory (gpu_mem_peak_bytes on a gpu, peak_rss_bytes on a cpu), reference
 *                 (the baseline's framework where report.baseline names one, else the first), frameworks[]:
 *                 framework, memory_bytes ({n, mean, std, ...} of the succeeded tasks' peaks, or null), ratio (its mean
 *                 over the reference's; null without both)
 * train_sizes[]   S3, only where a group trained on several training-set sizes, over its train fractions:
 *                 dataset, architecture, device, split, framework, train_fraction, train_samples, train_seconds,
 *                 peak_rss_bytes
 * reference       the study's own figures beside ours (the sweep file's reference block), or null: study,
 *                 hardware (the study's, as the block words it), our_hardware[] (the CPU and GPU models of our
 *                 matched groups, else of the worker nodes), ambiguities[], contradictions[] (texts), groups[]: one
 *                 per study group: dataset, architecture, device, split, train_fraction (each null where the study
 *                 does not say), framework (the study's name), source, note, figures {train_seconds, test_accuracy,
 *                 epoch_seconds, first_epoch_seconds, epoch_seconds_std, samples_per_second, memory_bytes: each
 *                 published one a list of {value, source}, two or more where the study printed different values},
 *                 disagreeing[] (the figures whose values differ), ours[]: our groups it stands beside (dataset,
 *                 architecture, device, split, framework, train_fraction, epochs, batch_size, learning_rate,
 *                 hardware[]) with figures {the same names, each {value: our mean (epoch_seconds_std: the std of
 *                 every epoch time; memory_bytes: peak RSS), ratios[]: ours / each of the study's values, in order}}
 * k_fold_times[]  S4, one per group on a k-fold split: dataset, architecture, device, split, framework,
 *                 train_fraction, epochs, batch_size, learning_rate, folds (k), total_seconds (the study's figure:
 *                 per repetition the sum of its k folds' train seconds, over the repetitions whose every fold
 *                 succeeded), fold_seconds (over every succeeded fold, as the group's train_seconds), holdouts[]:
 *                 one per group of the same training on a hold-out split: split, holdout_seconds, ratio
 *                 (total_seconds' mean / holdout_seconds' mean: what cross-validation costs over the hold-out;
 *                 null where either is unknown)
 * trace_window_seconds  the seconds from each attempt's start its traces were cut to (report.trace-window or
 *                 --trace-window), or null: the whole traces
 * resources_compared[]  S1's side-by-side resource charts, one per chart setting (dataset, device, split and the
 *                 named axes but the compared one): setting (its title), dataset, device, split, compared
 *                 (framework or architecture), lines[] {label, group (the index in groups[] whose
 *                 resources.measures hold the line's trace), architecture, framework}, measures[] (the measures
 *                 drawn: process_cpu_percent, process_rss_bytes, process_rss_percent_of_host, gpu_util_percent,
 *                 gpu_mem_used_bytes, gpu_mem_used_percent, those some line has a trace of)
 * </pre>
 */
final class ReportJson {

    static final int FORMAT_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    /**
     * @param resources one per group of {@code summary}, in the same order
     * @param sources   the metadata of each run directory read, by the name its rows carry
     * @param options   the options the resources were read with
     */
    static void write(Path file, RunSummary summary, List<GroupResources> resources, Map<String, RunMetadata> sources,
                      ReportOptions options) throws IOException {
        Map<String, Object> document = document(summary, resources, sources);
        StudyTablesJson.addTo(document, summary.tables());
        document.put("framework_memory", FrameworkMemoryJson.of(FrameworkMemory.of(summary)));
        ResourceFiguresJson.addTo(document, summary, resources, options);
        MAPPER.writeValue(file.toFile(), document);
    }

    private static Map<String, Object> document(RunSummary summary, List<GroupResources> resources,
                                                Map<String, RunMetadata> sources) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("format_version", FORMAT_VERSION);
        document.put("runs", List.of(run(summary.run())));
        if (sources.size() > 1) {
            document.put("merged_runs", sources.entrySet().stream().map(source -> {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put(ExportColumns.RUN, source.getKey());
                fields.putAll(run(source.getValue()));
                return fields;
            }).toList());
        }
        document.put("totals", totals(summary));
        document.put("groups", IntStream.range(0, summary.groups().size())
                .mapToObj(i -> group(summary.groups().get(i), resources.get(i))).toList());
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

    private static Map<String, Object> group(GroupSummary group, GroupResources resources) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("dataset", group.key().dataset());
        fields.put("architecture", group.key().architecture());
        fields.put("device", group.key().device());
        fields.put("hardware", group.hardware());
        fields.put("split", group.key().split());
        fields.put("framework", group.key().framework());
        fields.put("train_fraction", group.key().trainFraction());
        putHyperparameters(fields, group.key().hyperparameters());
        fields.put("succeeded", group.succeeded());
        fields.put("failed", group.failed());
        fields.put("not_run", group.notRun());
        fields.put("train_seconds", statistic(group.statistics().trainSeconds()));
        fields.put("samples_per_second", statistic(group.statistics().samplesPerSecond()));
        fields.put("test_accuracy", statistic(group.statistics().testAccuracy()));
        fields.put("first_epoch_seconds", statistic(group.statistics().firstEpochSeconds()));
        fields.put("later_epoch_seconds", statistic(group.statistics().laterEpochSeconds()));
        fields.put("peak_rss_bytes", statistic(group.statistics().peakRssBytes()));
        fields.put("energy_joules", statistic(group.statistics().energyJoules()));
        fields.put("epoch_seconds", statistic(group.statistics().epochSeconds()));
        fields.put("resources", resources(resources));
        return fields;
    }

    private static Map<String, Object> resources(GroupResources resources) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("repetitions", resources.repetitions());
        fields.put("gpu_idle_seconds", statistic(resources.gpuIdleSeconds()));
        fields.put("gpu_zero_windows", ResourceFiguresJson.zeroWindows(resources));
        Map<String, Object> measures = new LinkedHashMap<>();
        resources.measures().forEach((measure, profile) -> {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("peak", statistic(profile.peak()));
            values.put("peak_seconds", statistic(profile.peakSeconds()));
            values.put("steady_state", statistic(profile.steadyState()));
            values.put("range", ResourceFiguresJson.range(profile));
            values.put("trace", profile.trace().map(ReportJson::trace).orElse(null));
            measures.put(measure.column(), values);
        });
        fields.put("measures", measures);
        return fields;
    }

    private static Map<String, Object> trace(MeanTrace trace) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("step_seconds", trace.stepSeconds());
        fields.put("seconds", trace.seconds());
        fields.put("mean", trace.mean());
        fields.put("std", trace.std().orElse(null));
        fields.put("min", trace.min());
        fields.put("max", trace.max());
        return fields;
    }

    static Map<String, Object> statistic(Optional<Statistic> statistic) {
        return statistic.map(value -> {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("n", value.n());
            fields.put("mean", value.mean());
            fields.put("std", value.standardDeviation().orElse(null));
            fields.put("ci95_low", value.confidence95().map(ConfidenceInterval::lower).orElse(null));
            fields.put("ci95_high", value.confidence95().map(ConfidenceInterval::upper).orElse(null));
            return fields;
        }).orElse(null);
    }

    /** The hyperparameters of a group or task; learning_rate is null for a results.db older than that axis. */
    static void putHyperparameters(Map<String, Object> fields, Hyperparameters hyperparameters) {
        fields.put("epochs", hyperparameters.epochs());
        fields.put("batch_size", hyperparameters.batchSize());
        fields.put("learning_rate", hyperparameters.learningRate().orElse(null));
    }

    private static Map<String, Object> failure(TaskResult result) {
        Map<String, Object> fields = new LinkedHashMap<>();
        Task task = result.task();
        fields.put("task_id", task.id());
        fields.put("dataset", task.dataset());
        fields.put("architecture", task.architecture());
        fields.put("device", task.device());
        fields.put("split", task.split());
        fields.put("framework", task.framework());
        fields.put("train_fraction", task.trainFraction());
        putHyperparameters(fields, task.hyperparameters());
        fields.put("fold", task.fold());
        fields.put("repetition", task.repetition());
        fields.put("attempts", result.attempts());
        fields.put("worker", result.finalAttempt().map(RecordedAttempt::worker).orElse(null));
        fields.put("failure_kind", result.finalAttempt().flatMap(RecordedAttempt::failureKind).orElse(null));
        fields.put("failure_message", result.finalAttempt().flatMap(RecordedAttempt::failureMessage).orElse(null));
        fields.put(ExportColumns.RUN, result.run());
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
