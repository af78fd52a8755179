package io.benchfleet.coordinator.report;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.toList;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The tasks of one (dataset, architecture, device) group: how many succeeded, failed or did not
 * run, and statistics over the succeeded ones.
 */
public record GroupSummary(
        String dataset,
        String architecture,
        String device,
        int succeeded,
        int failed,
        int notRun,
        Optional<Statistic> trainSeconds,
        Optional<Statistic> samplesPerSecond,
        Optional<Statistic> testAccuracy) {

    private record Key(String dataset, String architecture, String device) {
    }

    /** One summary per group, in the order the groups first appear among the tasks (the sweep's order). */
    static List<GroupSummary> of(List<TaskResult> tasks) {
        return tasks.stream()
                .collect(groupingBy(GroupSummary::keyOf, LinkedHashMap::new, toList()))
                .entrySet().stream()
                .map(group -> summarise(group.getKey(), group.getValue()))
                .toList();
    }

    private static Key keyOf(TaskResult result) {
        Task task = result.task();
        return new Key(task.dataset(), task.architecture(), task.device());
    }

    private static GroupSummary summarise(Key key, List<TaskResult> group) {
        List<Attempt> succeeded = group.stream()
                .filter(result -> result.status() == TaskStatus.SUCCEEDED)
                .map(result -> result.finalAttempt().orElseThrow())
                .toList();
        return new GroupSummary(key.dataset(), key.architecture(), key.device(),
                succeeded.size(), count(group, TaskStatus.FAILED), count(group, TaskStatus.NOT_RUN),
                statistic(succeeded, Attempt::trainSeconds),
                statistic(succeeded, Attempt::samplesPerSecond),
                statistic(succeeded, Attempt::testAccuracy));
    }

    private static int count(List<TaskResult> group, TaskStatus status) {
        return (int) group.stream().filter(result -> result.status() == status).count();
    }

    private static Optional<Statistic> statistic(List<Attempt> attempts, Function<Attempt, Optional<Double>> measure) {
        return Statistic.of(attempts.stream().map(measure));
    }
}
