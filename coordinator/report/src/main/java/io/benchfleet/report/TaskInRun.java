package io.benchfleet.report;

/**
 * A task as one run directory measured it. Merged runs share task ids (the same task measured again), so
 * whatever belongs to one measurement, such as its final attempt's epochs, is found by this pair, never by
 * the task id alone.
 *
 * @param run the run's name in the exports' {@code run} column, as in {@link TaskResult#run()}
 */
public record TaskInRun(String run, String taskId) {
}
