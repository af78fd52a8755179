package io.benchfleet.coordinator.report;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.toList;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The tasks of one (dataset, architecture, device, split) group: how many succeeded, failed or did not
 * run, statistics over the succeeded ones, and the hardware they ran on (each CPU or GPU model once).
 */
public record GroupSummary(
        String dataset,
        String architecture,
        String device,
        String split,
        int succeeded,
        int failed,
        int notRun,
        Optional<Statistic> trainSeconds,
        Optional<Statistic> samplesPerSecond,
        Optional<Statistic> testAccuracy,
        Optional<Statistic> firstEpochSeconds,
        Optional<Statistic> laterEpochSeconds,
        Optional<Statistic> peakRssBytes,
        Optional<Statistic> energyJoules,
        Optional<Statistic> epochSeconds,
        List<String> hardware) {

    /** Folds and repetitions of one split are one group: its statistics are the mean and spread over folds. */
    private record Key(String dataset, String architecture, String device, String split) {
    }

    /**
     * One summary per group, in the order the groups first appear among the tasks (the sweep's order).
     *
     * @param epochs the epochs of each task's final attempt
     */
    static List<GroupSummary> of(List<TaskResult> tasks, List<Epoch> epochs) {
        Map<TaskInRun, List<Epoch>> epochsByTask = epochs.stream().collect(groupingBy(Epoch::inRun));
        return tasks.stream()
                .collect(groupingBy(GroupSummary::keyOf, LinkedHashMap::new, toList()))
                .entrySet().stream()
                .map(group -> summarise(group.getKey(), group.getValue(), epochsByTask))
                .toList();
    }

    private static Key keyOf(TaskResult result) {
        Task task = result.task();
        return new Key(task.dataset(), task.architecture(), task.device(), task.split());
    }

    private static GroupSummary summarise(Key key, List<TaskResult> group, Map<TaskInRun, List<Epoch>> epochsByTask) {
        List<TaskResult> succeededTasks = group.stream()
                .filter(result -> result.status() == TaskStatus.SUCCEEDED)
                .toList();
        List<Attempt> succeeded = succeededTasks.stream().map(result -> result.finalAttempt().orElseThrow()).toList();
        List<List<Epoch>> epochs = succeededTasks.stream()
                .map(result -> epochsByTask.getOrDefault(result.inRun(), List.of()))
                .toList();
        return new GroupSummary(key.dataset(), key.architecture(), key.device(), key.split(),
                succeeded.size(), count(group, TaskStatus.FAILED), count(group, TaskStatus.NOT_RUN),
                statistic(succeeded, Attempt::trainSeconds),
                statistic(succeeded, Attempt::samplesPerSecond),
                Statistic.ofProportions(succeeded.stream().map(Attempt::testAccuracy)),
                Statistic.of(epochs.stream().map(GroupSummary::firstEpochSeconds)),
                Statistic.of(epochs.stream().map(GroupSummary::laterEpochSeconds)),
                statistic(succeeded, attempt -> attempt.peakRssBytes().map(Long::doubleValue)),
                statistic(succeeded, Attempt::energyJoules),
                // S2 reports the spread of every epoch's time of a model, not of the tasks' means.
                Statistic.of(epochs.stream().flatMap(List::stream).map(epoch -> Optional.of(epoch.seconds()))),
                succeeded.stream().flatMap(attempt -> attempt.device().name().stream()).distinct().toList());
    }

    /** The first epoch is slower in every study (warm-up, JIT, allocation): it is kept apart from the rest. */
    private static Optional<Double> firstEpochSeconds(List<Epoch> epochs) {
        return epochs.stream().filter(e -> e.epoch() == 1).map(Epoch::seconds).findFirst();
    }

    /** The mean seconds of epochs 2 and later of one task; none when it trained one epoch only. */
    private static Optional<Double> laterEpochSeconds(List<Epoch> epochs) {
        var later = epochs.stream().filter(e -> e.epoch() > 1).mapToDouble(Epoch::seconds).summaryStatistics();
        return later.getCount() == 0 ? Optional.empty() : Optional.of(later.getAverage());
    }

    private static int count(List<TaskResult> group, TaskStatus status) {
        return (int) group.stream().filter(result -> result.status() == status).count();
    }

    private static Optional<Statistic> statistic(List<Attempt> attempts, Function<Attempt, Optional<Double>> measure) {
        return Statistic.of(attempts.stream().map(measure));
    }
}
