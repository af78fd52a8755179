package io.benchfleet.report;

import io.benchfleet.rundirectory.AttemptStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Turns the rows of {@link ResultsReader}'s queries into the report's records, an SQL NULL into an empty value. */
final class ResultRows {

    private ResultRows() {
    }

    /** A task of a file older than the framework and train fraction columns reads as {@link Task}'s defaults. */
    static Task task(ResultSet rows) throws SQLException {
        return new Task(rows.getString("task_id"), rows.getString("dataset"), rows.getString("architecture"),
                rows.getString("device"), rows.getString("split"), rows.getInt("fold"), rows.getInt("repetition"),
                text(rows, "framework").orElse(Task.DL4J),
                doubleValue(rows, "train_fraction").orElse(Task.WHOLE_TRAINING_PART),
                new Hyperparameters(rows.getInt("epochs"), rows.getInt("batch_size"), doubleValue(rows, "learning_rate")));
    }

    static RecordedWorkerNode workerNode(ResultSet rows) throws SQLException {
        List<String> slots = Arrays.stream(rows.getString("slots").split(","))
                .map(String::strip).filter(slot -> !slot.isEmpty()).toList();
        return new RecordedWorkerNode(rows.getString("worker_id"), rows.getString("hostname"), rows.getString("os"),
                rows.getString("cpu_model"), rows.getInt("logical_cores"), rows.getLong("memory_bytes"),
                rows.getString("jvm"), slots, text(rows, "gpus").orElse(""), rows.getString("joined_at"),
                OfferedFramework.listOf(text(rows, "frameworks").orElse("")));
    }

    static RecordedAttempt attempt(ResultSet rows) throws SQLException {
        Optional<Long> samplePeak = longValue(rows, "sample_peak");
        Optional<Long> epochPeak = longValue(rows, "epoch_peak");
        Optional<Long> peak = samplePeak.isPresent() && epochPeak.isPresent()
                ? Optional.of(Math.max(samplePeak.get(), epochPeak.get()))
                : samplePeak.or(() -> epochPeak);
        String recordedStatus = rows.getString("status");
        Optional<AttemptStatus> status = AttemptStatus.of(recordedStatus);
        Optional<String> failureMessage = text(rows, "failure_message");
        return RecordedAttempt.builder()
                .id(rows.getString("attempt_id"))
                .taskId(rows.getString("task_id"))
                .number(rows.getInt("number"))
                .workerId(rows.getString("worker_id"))
                .workerHostname(text(rows, "hostname"))
                .status(status.orElse(AttemptStatus.FAILED))
                .failureKind(text(rows, "failure_kind"))
                .failureMessage(status.isPresent()
                        ? failureMessage
                        : Optional.of(unknownStatus(recordedStatus, failureMessage)))
                .params(longValue(rows, "params"))
                .trainSamples(longValue(rows, "train_samples"))
                .testSamples(longValue(rows, "test_samples"))
                .trainSeconds(doubleValue(rows, "train_seconds"))
                .samplesPerSecond(doubleValue(rows, "samples_per_second"))
                .testAccuracy(doubleValue(rows, "test_accuracy"))
                .testLoss(doubleValue(rows, "test_loss"))
                .peakRssBytes(peak)
                .energyJoules(sumOfPresent(doubleValue(rows, "cpu_joules"), doubleValue(rows, "gpu_joules")))
                .samplesDropped(longValue(rows, "samples_dropped"))
                .device(new DeviceUsed(named(rows, "device_name"), named(rows, "driver_version"),
                        named(rows, "cuda_version"), longValue(rows, "gpu_mem_peak")))
                .frameworkVersion(named(rows, "framework_version"))
                .partitionSha256(named(rows, "partition_sha256"))
                .build();
    }

    static RecordedEpoch epoch(String run, ResultSet rows) throws SQLException {
        return new RecordedEpoch(new TaskInRun(run, rows.getString("task_id")), rows.getInt("epoch"),
                rows.getDouble("seconds"), rows.getDouble("samples_per_second"), doubleValue(rows, "train_loss"),
                doubleValue(rows, "train_accuracy"), doubleValue(rows, "test_loss"),
                doubleValue(rows, "test_accuracy"), longValue(rows, "heap_bytes"), longValue(rows, "rss_bytes"),
                longValue(rows, "gpu_mem_bytes"));
    }

    static Sample sample(String run, ResultSet rows) throws SQLException {
        return new Sample(new TaskInRun(run, rows.getString("task_id")), intValue(rows, "number"),
                rows.getDouble("seconds_since_start"), trainerProcess(rows), host(rows), gpu(rows),
                longValue(rows, "samples_dropped"));
    }

    /**
     * A status no benchfleet wrote (a newer coordinator's, or a hand-edited database) cannot vouch for the attempt's
     * measurements, so it reads as failed; the message names it so that the report shows why.
     */
    private static String unknownStatus(String status, Optional<String> failureMessage) {
        return "status '" + status + "' is unknown to this report"
                + failureMessage.map(message -> "; " + message).orElse("");
    }

    private static Optional<Double> sumOfPresent(Optional<Double> a, Optional<Double> b) {
        return a.isPresent() && b.isPresent() ? Optional.of(a.get() + b.get()) : a.or(() -> b);
    }

    private static Sample.TrainerProcess trainerProcess(ResultSet rows) throws SQLException {
        return new Sample.TrainerProcess(doubleValue(rows, "process_cpu_percent"), longValue(rows, "process_rss_bytes"),
                doubleValue(rows, "process_host_cpu_percent"), intValue(rows, "process_threads"));
    }

    private static Sample.Host host(ResultSet rows) throws SQLException {
        return new Sample.Host(doubleValue(rows, "host_cpu_percent"), longValue(rows, "host_used_bytes"),
                longValue(rows, "host_available_bytes"), doubleValue(rows, "host_load_average"),
                text(rows, "host_core_cpu_percent"), doubleValue(rows, "cpu_temperature_celsius"),
                doubleValue(rows, "cpu_frequency_mhz"), doubleValue(rows, "cpu_energy_joules"));
    }

    private static Sample.Gpu gpu(ResultSet rows) throws SQLException {
        return new Sample.Gpu(intValue(rows, "gpu_index"), doubleValue(rows, "gpu_util_percent"),
                longValue(rows, "gpu_mem_used_bytes"), longValue(rows, "gpu_mem_total_bytes"),
                doubleValue(rows, "gpu_power_watts"), doubleValue(rows, "gpu_temperature_celsius"),
                doubleValue(rows, "gpu_sm_clock_mhz"), doubleValue(rows, "gpu_energy_joules"));
    }

    private static Optional<String> text(ResultSet rows, String column) throws SQLException {
        return Optional.ofNullable(rows.getString(column));
    }

    /** Empty also where the coordinator recorded that there is no such name (a cpu slot's driver version). */
    private static Optional<String> named(ResultSet rows, String column) throws SQLException {
        return text(rows, column).filter(name -> !name.isBlank());
    }

    private static Optional<Double> doubleValue(ResultSet rows, String column) throws SQLException {
        double value = rows.getDouble(column);
        return rows.wasNull() ? Optional.empty() : Optional.of(value);
    }

    private static Optional<Long> longValue(ResultSet rows, String column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? Optional.empty() : Optional.of(value);
    }

    private static Optional<Integer> intValue(ResultSet rows, String column) throws SQLException {
        int value = rows.getInt(column);
        return rows.wasNull() ? Optional.empty() : Optional.of(value);
    }
}
