package io.benchfleet.report;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.toList;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tasks of one (dataset, architecture, device, split) group: how many succeeded, failed or did not
 * run, statistics over the succeeded ones, and the hardware they ran on (each CPU or GPU model once).
 *
 * @param key folds and repetitions of one split are one group: its statistics are the mean and spread over folds
 */
public record GroupSummary(
        GroupKey key,
        int succeeded,
        int failed,
        int notRun,
        GroupStatistics statistics,
        List<String> hardware) {

    /**
     * One summary per group, in the order the groups first appear among the tasks (the sweep's order).
     *
     * @param epochs the epochs of each task's final attempt
     */
    static List<GroupSummary> of(List<TaskResult> tasks, List<RecordedEpoch> epochs) {
        Map<TaskInRun, List<RecordedEpoch>> epochsByTask = epochs.stream().collect(groupingBy(RecordedEpoch::inRun));
        return tasks.stream()
                .collect(groupingBy(result -> GroupKey.of(result.task()), LinkedHashMap::new, toList()))
                .entrySet().stream()
                .map(group -> summarise(group.getKey(), group.getValue(), epochsByTask))
                .toList();
    }

    private static GroupSummary summarise(GroupKey key, List<TaskResult> group,
                                          Map<TaskInRun, List<RecordedEpoch>> epochsByTask) {
        List<TaskResult> succeededTasks = group.stream()
                .filter(result -> result.status() == TaskStatus.SUCCEEDED)
                .toList();
        List<RecordedAttempt> succeeded = succeededTasks.stream()
                .map(result -> result.finalAttempt().orElseThrow())
                .toList();
        List<List<RecordedEpoch>> epochs = succeededTasks.stream()
                .map(result -> epochsByTask.getOrDefault(result.inRun(), List.of()))
                .toList();
        return new GroupSummary(key, succeeded.size(), count(group, TaskStatus.FAILED),
                count(group, TaskStatus.NOT_RUN), GroupStatistics.of(succeeded, epochs),
                succeeded.stream().flatMap(attempt -> attempt.device().name().stream()).distinct().toList());
    }

    private static int count(List<TaskResult> group, TaskStatus status) {
        return (int) group.stream().filter(result -> result.status() == status).count();
    }
}
