package io.benchfleet.coordinator.report;

import java.util.Optional;

/**
 * One execution of a task on a worker node, as recorded in the {@code attempts} table. The
 * measurements are empty where the trainer did not get far enough to report them.
 *
 * @param workerHostname the hostname from the {@code workers} table, empty if the worker node never registered
 * @param status running | succeeded | failed
 * @param peakRssBytes the largest trainer RSS seen in this attempt's samples and epochs
 * @param energyJoules CPU package energy (the whole host's, RAPL) plus the energy of the slot's GPUs over the
 *                     attempt; empty when neither could be read
 * @param samplesDropped the metrics agent's samples of this attempt that were dropped, not recorded
 * @param device         the CPU or GPU it trained on
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
        Optional<Long> peakRssBytes,
        Optional<Double> energyJoules,
        Optional<Long> samplesDropped,
        DeviceUsed device) {

    private static final String SUCCEEDED = "succeeded";

    /** An attempt without the metrics agent's energy and drop figures or its device, as tests of other measures build them. */
    public Attempt(String id, String taskId, int number, String workerId, Optional<String> workerHostname,
                   String status, Optional<String> failureKind, Optional<String> failureMessage, Optional<Long> params,
                   Optional<Long> trainSamples, Optional<Long> testSamples, Optional<Double> trainSeconds,
                   Optional<Double> samplesPerSecond, Optional<Double> testAccuracy, Optional<Double> testLoss,
                   Optional<Long> peakRssBytes) {
        this(id, taskId, number, workerId, workerHostname, status, failureKind, failureMessage, params, trainSamples,
                testSamples, trainSeconds, samplesPerSecond, testAccuracy, testLoss, peakRssBytes, Optional.empty(),
                Optional.empty(), DeviceUsed.UNKNOWN);
    }

    public boolean succeeded() {
        return SUCCEEDED.equals(status);
    }

    /**
     * Energy per training sample processed (training set size x epochs, which is samples per second x training
     * seconds). The energy covers the whole attempt, start-up and evaluation included, as a user pays for it.
     */
    public Optional<Double> joulesPerSample() {
        return energyJoules.flatMap(joules -> samplesPerSecond.flatMap(rate -> trainSeconds
                .map(seconds -> rate * seconds).filter(samples -> samples > 0).map(samples -> joules / samples)));
    }

    /** Falls back to the worker id so that a result never loses where it ran. */
    public String worker() {
        return workerHostname.orElse(workerId);
    }
}
