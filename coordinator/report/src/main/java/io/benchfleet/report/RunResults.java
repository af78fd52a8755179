package io.benchfleet.report;

import java.util.List;

/**
 * Everything of one run directory except its samples, which {@link ResultsReader#forEachSample}
 * streams instead: a long sweep sampled every second holds millions of them.
 *
 * @param tasks in the order the sweep planned them
 * @param epochs the epochs of each task's final attempt, in task order
 */
public record RunResults(RunMetadata run, List<TaskResult> tasks, List<RecordedEpoch> epochs,
                         List<RecordedWorkerNode> workers) {
}
