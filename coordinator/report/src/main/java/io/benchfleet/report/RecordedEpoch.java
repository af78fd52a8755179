package io.benchfleet.report;

import java.util.Optional;

/**
 * One epoch of an attempt, as the trainer reported it and the {@code epochs} table recorded it: one row of
 * epochs.csv.
 *
 * @param inRun the task it belongs to and the run directory it was read from
 */
public record RecordedEpoch(
        TaskInRun inRun,
        int epoch,
        double seconds,
        double samplesPerSecond,
        Optional<Double> trainLoss,
        Optional<Double> trainAccuracy,
        Optional<Double> testLoss,
        Optional<Double> testAccuracy,
        Optional<Long> heapBytes,
        Optional<Long> rssBytes) {
}
