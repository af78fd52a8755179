package io.benchfleet.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Several run directories read as one: their tasks side by side. A task id that appears in more than
 * one run is the same task measured again (its id hashes its values), so both rows stay and count as
 * repetitions of its group; tasks of different sweeps simply add rows and groups. Every row carries its
 * run's name ({@link #runNames}), so what belongs to one measurement is found by run and task id together.
 */
final class MergedRuns {

    /** The run table key that lists the merged run directories, in the order given. */
    static final String MERGED_RUNS = "merged_runs";

    private MergedRuns() {
    }

    /**
     * The names the rows of {@code runDirectories} carry in the exports' run column: the directories' names, or,
     * where two of them share a name (alpha/run and beta/run), their absolute paths.
     *
     * @throws ReportException if a run directory is given twice: its measurements would count twice
     */
    static List<String> runNames(List<Path> runDirectories) throws ReportException {
        List<Path> absolute = runDirectories.stream().map(directory -> directory.toAbsolutePath().normalize()).toList();
        Set<Path> seen = new HashSet<>();
        for (Path directory : absolute) {
            if (!seen.add(directory)) {
                throw new ReportException(directory + ": given twice; expected each run directory once");
            }
        }
        List<String> names = absolute.stream().map(directory -> String.valueOf(directory.getFileName())).toList();
        return names.stream().distinct().count() == names.size()
                ? names
                : absolute.stream().map(Path::toString).toList();
    }

    static RunResults of(List<RunResults> runs, Path outputDirectory) {
        if (runs.size() == 1) {
            RunResults only = runs.get(0);
            return new RunResults(new RunMetadata(outputDirectory, only.run().values()), only.tasks(), only.epochs(),
                    only.workers());
        }
        List<TaskResult> tasks = new ArrayList<>();
        List<RecordedEpoch> epochs = new ArrayList<>();
        Map<String, RecordedWorkerNode> workers = new LinkedHashMap<>();
        for (RunResults run : runs) {
            tasks.addAll(run.tasks());
            epochs.addAll(run.epochs());
            run.workers().forEach(worker -> workers.putIfAbsent(worker.id(), worker));
        }
        return new RunResults(new RunMetadata(outputDirectory, values(runs)), tasks, epochs, List.copyOf(workers.values()));
    }

    /**
     * The resources of every group of {@code summary}, in its order. Each task's samples are read from its own
     * run's results.db, and its host's memory from that run's worker nodes: attempt and worker node ids repeat
     * across runs.
     */
    static List<GroupResources> resources(List<ResultsReader> readers, List<RunResults> runs, RunSummary summary,
                                          ReportOptions options) {
        Map<GroupKey, List<GroupResources.RepetitionTraces>> repetitions = new HashMap<>();
        for (int run = 0; run < runs.size(); run++) {
            Map<String, Long> memoryByWorker = runs.get(run).workers().stream()
                    .collect(Collectors.toMap(RecordedWorkerNode::id, RecordedWorkerNode::memoryBytes, (a, b) -> a));
            for (TaskResult task : runs.get(run).tasks()) {
                if (task.status() == TaskStatus.SUCCEEDED) {
                    RecordedAttempt attempt = task.finalAttempt().orElseThrow();
                    var traces = new GroupResources.RepetitionTraces(label(task, runs.size() > 1), traces(
                            readers.get(run), attempt, Optional.ofNullable(memoryByWorker.get(attempt.workerId()))));
                    repetitions.computeIfAbsent(GroupKey.of(task.task()), key -> new ArrayList<>())
                            .add(options.traceWindowSeconds().map(traces::until).orElse(traces));
                }
            }
        }
        return summary.groups().stream()
                .map(group -> GroupResources.of(repetitions.getOrDefault(group.key(), List.of())))
                .toList();
    }

    /** E.g. {@code rep 2}, {@code rep 1, fold 3}, or with the run's name in a merged report. */
    private static String label(TaskResult result, boolean merged) {
        Task task = result.task();
        return "rep " + task.repetition() + (task.fold() > 0 ? ", fold " + task.fold() : "")
                + (merged ? ", " + result.run() : "");
    }

    private static Map<TracedMeasure, Trace> traces(ResultsReader reader, RecordedAttempt attempt,
                                                    Optional<Long> hostMemoryBytes) {
        AttemptTraces traces = new AttemptTraces(hostMemoryBytes);
        try {
            reader.forEachSampleOf(attempt.id(), traces);
        } catch (IOException e) {
            throw new ReportException("samples of attempt " + attempt.id() + ": cannot read (" + e.getMessage() + ")", e);
        }
        return traces.traces();
    }

    // The first run's start and the last run's finish bound the merged measurements.
    private static Map<String, String> values(List<RunResults> runs) {
        Map<String, String> values = new LinkedHashMap<>(runs.get(0).run().values());
        runs.get(runs.size() - 1).run().value(RunMetadata.FINISHED_AT)
                .ifPresent(finished -> values.put(RunMetadata.FINISHED_AT, finished));
        values.put(RunMetadata.SWEEP_NAME, runs.stream().map(run -> run.run().sweepName()).distinct()
                .collect(Collectors.joining(" + ")));
        values.put(MERGED_RUNS, runs.stream().map(run -> run.run().runDirectory().toString())
                .collect(Collectors.joining(", ")));
        return values;
    }
}
