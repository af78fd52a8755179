package io.benchfleet.coordinator.report;

import java.util.Optional;

/**
 * One execution of a task on a worker node, as recorded in the {@code attempts} table. The
 * measurements are empty where the trainer did not get far enough to report them.
 *
 * @param workerHostname the hostname from the {@code workers} table, empty if the worker node never registered
 * @param status running | succeeded | failed
 * @param peakRssBytes the largest trainer RSS seen in this attempt's samples and epochs
 */
public record Attempt(
        String id,
        String taskId,
        int number,
        String workerId,
        Optional<String> workerHostname,
        String status,
        Optional<String> failureKind,
        Optional<String> failureMessage,
        Optional<Long> params,
        Optional<Long> trainSamples,
        Optional<Long> testSamples,
        Optional<Double> trainSeconds,
        Optional<Double> samplesPerSecond,
        Optional<Double> testAccuracy,
        Optional<Double> testLoss,
        Optional<Long> peakRssBytes) {

    private static final String SUCCEEDED = "succeeded";

    public boolean succeeded() {
        return SUCCEEDED.equals(status);
    }

    /** Falls back to the worker id so that a result never loses where it ran. */
    public String worker() {
        return workerHostname.orElse(workerId);
    }
}
