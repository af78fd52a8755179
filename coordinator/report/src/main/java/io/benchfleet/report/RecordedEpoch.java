package io.benchfleet.report;

import java.util.Optional;

/**
 * One epoch of an attempt, as the trainer reported it and the {@code epochs} table recorded it: one row of
 * epochs.csv.
 *
 * @param inRun       the task it belongs to and the run directory it was read from
 * @param gpuMemBytes memory in use on the trainer's GPU after the epoch; empty on a cpu task, and in a results.db
 *                    older than the column
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
        Optional<Long> rssBytes,
        Optional<Long> gpuMemBytes) {

    /** An epoch on a CPU, which has no GPU memory. */
    public RecordedEpoch(TaskInRun inRun, int epoch, double seconds, double samplesPerSecond,
                         Optional<Double> trainLoss, Optional<Double> trainAccuracy, Optional<Double> testLoss,
                         Optional<Double> testAccuracy, Optional<Long> heapBytes, Optional<Long> rssBytes) {
        this(inRun, epoch, seconds, samplesPerSecond, trainLoss, trainAccuracy, testLoss, testAccuracy, heapBytes,
                rssBytes, Optional.empty());
    }
}
