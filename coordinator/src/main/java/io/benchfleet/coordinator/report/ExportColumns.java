package io.benchfleet.coordinator.report;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The columns of results.csv, epochs.csv and samples.csv, in the order DESIGN.md's user-facing
 * contract fixes; report.json's tasks use the same names.
 */
final class ExportColumns {

    /** The contract's columns of results.csv. */
    static final List<ExportColumn<TaskResult>> TASK = List.of(
            task("task_id", result -> Optional.of(result.task().id())),
            task("dataset", result -> Optional.of(result.task().dataset())),
            task("architecture", result -> Optional.of(result.task().architecture())),
            task("device", result -> Optional.of(result.task().device())),
            task("split", result -> Optional.of(result.task().split())),
            task("fold", result -> Optional.of(result.task().fold())),
            task("repetition", result -> Optional.of(result.task().repetition())),
            task("status", result -> Optional.of(result.status().label())),
            task("attempts", result -> Optional.of(result.attempts())),
            task("worker", result -> result.finalAttempt().map(Attempt::worker)),
            measure("params", Attempt::params),
            measure("train_samples", Attempt::trainSamples),
            measure("test_samples", Attempt::testSamples),
            measure("train_seconds", Attempt::trainSeconds),
            measure("samples_per_second", Attempt::samplesPerSecond),
            measure("test_accuracy", Attempt::testAccuracy),
            measure("test_loss", Attempt::testLoss),
            measure("peak_rss_bytes", Attempt::peakRssBytes));

    /** Appended after the failure message: why a succeeded task's accuracy is not clearly above chance. */
    static final ExportColumn<TaskResult> SUSPECT = task("suspect", TaskResult::suspicion);

    /** Appended last: the attempt's CPU package plus GPU energy, empty where the host exposes neither. */
    static final ExportColumn<TaskResult> ENERGY_JOULES = measure("energy_joules", Attempt::energyJoules);
    static final ExportColumn<TaskResult> JOULES_PER_SAMPLE = measure("joules_per_sample", Attempt::joulesPerSample);
    /** Samples the metrics agent dropped: a trace with gaps says so. */
    static final ExportColumn<TaskResult> SAMPLES_DROPPED = measure("samples_dropped", Attempt::samplesDropped);

    /** Appended after the contract's columns so that scripts reading them by position keep working. */
    static final ExportColumn<TaskResult> FAILURE_MESSAGE = task("failure_message",
            result -> result.finalAttempt().filter(attempt -> !attempt.succeeded()).flatMap(Attempt::failureMessage));

    /** Appended after the energy and drop figures: the hardware of the final attempt. */
    static final List<ExportColumn<TaskResult>> DEVICE = List.of(
            measure("device_name", attempt -> attempt.device().name()),
            measure("driver_version", attempt -> attempt.device().driverVersion()),
            measure("cuda_version", attempt -> attempt.device().cudaVersion()),
            measure("gpu_mem_peak_bytes", attempt -> attempt.device().gpuMemoryPeakBytes()));

    /**
     * Appended last to every export: the run directory a row was read from. A merged report holds the same task
     * id once per run, and only this column tells those rows apart.
     */
    static final String RUN = "run";
    static final ExportColumn<TaskResult> RUN_OF_TASK = task(RUN, result -> Optional.of(result.run()));

    static final List<ExportColumn<TaskResult>> RESULTS =
            Stream.of(TASK.stream(), Stream.of(FAILURE_MESSAGE, SUSPECT, ENERGY_JOULES, JOULES_PER_SAMPLE, SAMPLES_DROPPED),
                    DEVICE.stream(), Stream.of(RUN_OF_TASK)).flatMap(s -> s).toList();

    static final List<ExportColumn<Epoch>> EPOCHS = List.of(
            epoch("task_id", epoch -> Optional.of(epoch.taskId())),
            epoch("epoch", epoch -> Optional.of(epoch.epoch())),
            epoch("seconds", epoch -> Optional.of(epoch.seconds())),
            epoch("samples_per_second", epoch -> Optional.of(epoch.samplesPerSecond())),
            epoch("train_loss", Epoch::trainLoss),
            epoch("train_accuracy", Epoch::trainAccuracy),
            epoch("test_loss", Epoch::testLoss),
            epoch("test_accuracy", Epoch::testAccuracy),
            epoch("heap_bytes", Epoch::heapBytes),
            epoch("rss_bytes", Epoch::rssBytes),
            epoch(RUN, epoch -> Optional.of(epoch.run())));

    static final List<ExportColumn<Sample>> SAMPLES = List.of(
            sample("task_id", sample -> Optional.of(sample.taskId())),
            sample("attempt", Sample::attempt),
            sample("seconds_since_start", sample -> Optional.of(sample.secondsSinceStart())),
            sample("process_cpu_percent", Sample::processCpuPercent),
            sample("process_rss_bytes", Sample::processRssBytes),
            sample("host_cpu_percent", Sample::hostCpuPercent),
            sample("host_used_bytes", Sample::hostUsedBytes),
            sample("gpu_index", Sample::gpuIndex),
            sample("gpu_util_percent", Sample::gpuUtilPercent),
            sample("gpu_mem_used_bytes", Sample::gpuMemUsedBytes),
            sample("gpu_power_watts", Sample::gpuPowerWatts),
            sample("process_host_cpu_percent", Sample::processHostCpuPercent),
            sample("process_threads", Sample::processThreads),
            sample("host_available_bytes", Sample::hostAvailableBytes),
            sample("host_load_average", Sample::hostLoadAverage),
            sample("host_core_cpu_percent", Sample::hostCoreCpuPercent),
            sample("cpu_temperature_celsius", Sample::cpuTemperatureCelsius),
            sample("cpu_frequency_mhz", Sample::cpuFrequencyMhz),
            sample("cpu_energy_joules", Sample::cpuEnergyJoules),
            sample("gpu_mem_total_bytes", Sample::gpuMemTotalBytes),
            sample("gpu_temperature_celsius", Sample::gpuTemperatureCelsius),
            sample("gpu_sm_clock_mhz", Sample::gpuSmClockMhz),
            sample("gpu_energy_joules", Sample::gpuEnergyJoules),
            sample("samples_dropped", Sample::samplesDropped),
            sample(RUN, sample -> Optional.of(sample.run())));

    private ExportColumns() {
    }

    private static ExportColumn<TaskResult> task(String name, Function<TaskResult, Optional<?>> value) {
        return new ExportColumn<>(name, value);
    }

    private static ExportColumn<TaskResult> measure(String name, Function<Attempt, Optional<?>> value) {
        return task(name, result -> result.finalAttempt().flatMap(value));
    }

    private static ExportColumn<Epoch> epoch(String name, Function<Epoch, Optional<?>> value) {
        return new ExportColumn<>(name, value);
    }

    private static ExportColumn<Sample> sample(String name, Function<Sample, Optional<?>> value) {
        return new ExportColumn<>(name, value);
    }
}
