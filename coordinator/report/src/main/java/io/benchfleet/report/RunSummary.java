package io.benchfleet.report;

import java.util.List;
import java.util.Optional;

/**
 * What a run came to: its tasks, the statistics per group and the studies' comparisons, for the console and
 * the report.
 */
public record RunSummary(RunMetadata run, List<GroupSummary> groups, List<TaskResult> tasks, StudyTables tables) {

    /**
     * @param baseline  the group the comparisons are against; none: no comparisons
     * @param reference the study's own figures to set beside ours; none: no such table
     */
    static RunSummary of(RunResults results, Optional<Baseline> baseline, Optional<StudyReference> reference) {
        List<GroupSummary> groups = GroupSummary.of(results.tasks(), results.epochs());
        List<KFoldTime> kFoldTimes = KFoldTime.of(results.tasks());
        return new RunSummary(results.run(), groups, results.tasks(), StudyTables.of(results.tasks(), baseline,
                reference.map(study -> ReferenceTable.of(study, groups, kFoldTimes, results.workers())), kFoldTimes));
    }

    public List<TaskResult> failedTasks() {
        return tasks.stream().filter(task -> task.status() == TaskStatus.FAILED).toList();
    }

    public List<TaskResult> suspectTasks() {
        return tasks.stream().filter(task -> task.suspicion().isPresent()).toList();
    }

    /** Which of the framework and train fraction axes the console and report.html name. */
    ShownAxes shownAxes() {
        return ShownAxes.of(groups.stream().map(GroupSummary::key).toList());
    }

    /** Whether every task succeeded: the coordinator's exit status 0. */
    public boolean allSucceeded() {
        return tasks.stream().allMatch(task -> task.status() == TaskStatus.SUCCEEDED);
    }
}
