package io.benchfleet.report;

import static java.util.Objects.requireNonNull;

import io.benchfleet.rundirectory.AttemptStatus;

import java.util.Optional;

/**
 * One execution of a task on a worker node, as recorded in the {@code attempts} table. The
 * measurements are empty where the trainer did not get far enough to report them.
 *
 * @param workerHostname the hostname from the {@code workers} table, empty if the worker node never registered
 * @param status         running | succeeded | failed; a value this report does not know is read as failed, with the
 *                       value named in the failure message
 * @param peakRssBytes   the largest trainer RSS seen in this attempt's samples and epochs
 * @param energyJoules   CPU package energy (the whole host's, RAPL) plus the energy of the slot's GPUs over the
 *                       attempt; empty when neither could be read
 * @param samplesDropped the metrics agent's samples of this attempt that were dropped, not recorded
 * @param device         the CPU or GPU it trained on
 * @param frameworkVersion the version of the framework as its trainer's started line gave it
 * @param partitionSha256 the hash of the data it trained and was tested on: the same for every framework, device
 *                        and architecture that saw the same samples; empty where the trainer never started
 */
public record RecordedAttempt(
        String id,
        String taskId,
        int number,
        String workerId,
        Optional<String> workerHostname,
        AttemptStatus status,
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
        DeviceUsed device,
        Optional<String> frameworkVersion,
        Optional<String> partitionSha256) {

    public static Builder builder() {
        return new Builder();
    }

    public boolean succeeded() {
        return status == AttemptStatus.SUCCEEDED;
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

    /**
     * Sets the components by name, which twenty-one positional ones, most of them optional, do not allow without
     * mixing them up. The identity and the status are required; a measurement not set is empty, a device not set
     * unknown.
     */
    public static final class Builder {

        private String id;
        private String taskId;
        private Integer number;
        private String workerId;
        private Optional<String> workerHostname = Optional.empty();
        private AttemptStatus status;
        private Optional<String> failureKind = Optional.empty();
        private Optional<String> failureMessage = Optional.empty();
        private Optional<Long> params = Optional.empty();
        private Optional<Long> trainSamples = Optional.empty();
        private Optional<Long> testSamples = Optional.empty();
        private Optional<Double> trainSeconds = Optional.empty();
        private Optional<Double> samplesPerSecond = Optional.empty();
        private Optional<Double> testAccuracy = Optional.empty();
        private Optional<Double> testLoss = Optional.empty();
        private Optional<Long> peakRssBytes = Optional.empty();
        private Optional<Double> energyJoules = Optional.empty();
        private Optional<Long> samplesDropped = Optional.empty();
        private DeviceUsed device = DeviceUsed.UNKNOWN;
        private Optional<String> frameworkVersion = Optional.empty();
        private Optional<String> partitionSha256 = Optional.empty();

        private Builder() {
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder taskId(String taskId) {
            this.taskId = taskId;
            return this;
        }

        public Builder number(int number) {
            this.number = number;
            return this;
        }

        public Builder workerId(String workerId) {
            this.workerId = workerId;
            return this;
        }

        public Builder workerHostname(Optional<String> workerHostname) {
            this.workerHostname = workerHostname;
            return this;
        }

        public Builder status(AttemptStatus status) {
            this.status = status;
            return this;
        }

        public Builder failureKind(Optional<String> failureKind) {
            this.failureKind = failureKind;
            return this;
        }

        public Builder failureMessage(Optional<String> failureMessage) {
            this.failureMessage = failureMessage;
            return this;
        }

        public Builder params(Optional<Long> params) {
            this.params = params;
            return this;
        }

        public Builder trainSamples(Optional<Long> trainSamples) {
            this.trainSamples = trainSamples;
            return this;
        }

        public Builder testSamples(Optional<Long> testSamples) {
            this.testSamples = testSamples;
            return this;
        }

        public Builder trainSeconds(Optional<Double> trainSeconds) {
            this.trainSeconds = trainSeconds;
            return this;
        }

        public Builder samplesPerSecond(Optional<Double> samplesPerSecond) {
            this.samplesPerSecond = samplesPerSecond;
            return this;
        }

        public Builder testAccuracy(Optional<Double> testAccuracy) {
            this.testAccuracy = testAccuracy;
            return this;
        }

        public Builder testLoss(Optional<Double> testLoss) {
            this.testLoss = testLoss;
            return this;
        }

        public Builder peakRssBytes(Optional<Long> peakRssBytes) {
            this.peakRssBytes = peakRssBytes;
            return this;
        }

        public Builder energyJoules(Optional<Double> energyJoules) {
            this.energyJoules = energyJoules;
            return this;
        }

        public Builder samplesDropped(Optional<Long> samplesDropped) {
            this.samplesDropped = samplesDropped;
            return this;
        }

        public Builder device(DeviceUsed device) {
            this.device = device;
            return this;
        }

        public Builder frameworkVersion(Optional<String> frameworkVersion) {
            this.frameworkVersion = frameworkVersion;
            return this;
        }

        public Builder partitionSha256(Optional<String> partitionSha256) {
            this.partitionSha256 = partitionSha256;
            return this;
        }

        public RecordedAttempt build() {
            return new RecordedAttempt(requireNonNull(id, "id"), requireNonNull(taskId, "taskId"),
                    requireNonNull(number, "number"), requireNonNull(workerId, "workerId"), workerHostname,
                    requireNonNull(status, "status"), failureKind, failureMessage, params, trainSamples, testSamples,
                    trainSeconds, samplesPerSecond, testAccuracy, testLoss, peakRssBytes, energyJoules, samplesDropped,
                    device, frameworkVersion, partitionSha256);
        }
    }
}
