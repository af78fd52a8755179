package io.benchfleet.coordinator.report;

import java.util.Optional;

/**
 * One epoch of an attempt, as the trainer reported it: one row of epochs.csv.
 *
 * @param run the name of the run directory it was read from, as in {@link TaskResult#run()}
 */
public record Epoch(
        String run,
        String taskId,
        int epoch,
        double seconds,
        double samplesPerSecond,
        Optional<Double> trainLoss,
        Optional<Double> trainAccuracy,
        Optional<Double> testLoss,
        Optional<Double> testAccuracy,
        Optional<Long> heapBytes,
        Optional<Long> rssBytes) {

    TaskInRun inRun() {
        return new TaskInRun(run, taskId);
    }
}
