package io.benchfleet.coordinator.report;

import java.util.List;

/** What a run came to: its tasks and the statistics per group, for the console and the report. */
public record RunSummary(RunMetadata run, List<GroupSummary> groups, List<TaskResult> tasks) {

    static RunSummary of(RunResults results) {
        return new RunSummary(results.run(), GroupSummary.of(results.tasks()), results.tasks());
    }

    public List<TaskResult> failedTasks() {
        return tasks.stream().filter(task -> task.status() == TaskStatus.FAILED).toList();
    }

    /** Whether every task succeeded: the coordinator's exit status 0. */
    public boolean allSucceeded() {
        return tasks.stream().allMatch(task -> task.status() == TaskStatus.SUCCEEDED);
    }
}
