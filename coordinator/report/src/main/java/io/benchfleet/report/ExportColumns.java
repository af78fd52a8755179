package io.benchfleet.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The columns of results.csv, epochs.csv and samples.csv, in the order the user-facing contract fixes;
 * report.json's tasks use the same names.
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
            task("worker", result -> result.finalAttempt().map(RecordedAttempt::worker)),
            measure("params", RecordedAttempt::params),
            measure("train_samples", RecordedAttempt::trainSamples),
            measure("test_samples", RecordedAttempt::testSamples),
            measure("train_seconds", RecordedAttempt::trainSeconds),
            measure("samples_per_second", RecordedAttempt::samplesPerSecond),
            measure("test_accuracy", RecordedAttempt::testAccuracy),
            measure("test_loss", RecordedAttempt::testLoss),
            measure("peak_rss_bytes", RecordedAttempt::peakRssBytes));

    /** Appended after the failure message: why a succeeded task's accuracy is not clearly above chance. */
    static final ExportColumn<TaskResult> SUSPECT = task("suspect", TaskResult::suspicion);

    /** Appended last: the attempt's CPU package plus GPU energy, empty where the host exposes neither. */
    static final ExportColumn<TaskResult> ENERGY_JOULES = measure("energy_joules", RecordedAttempt::energyJoules);
    static final ExportColumn<TaskResult> JOULES_PER_SAMPLE =
            measure("joules_per_sample", RecordedAttempt::joulesPerSample);
    /** Samples the metrics agent dropped: a trace with gaps says so. */
    static final ExportColumn<TaskResult> SAMPLES_DROPPED = measure("samples_dropped", RecordedAttempt::samplesDropped);

    /** Appended after the contract's columns so that scripts reading them by position keep working. */
    static final ExportColumn<TaskResult> FAILURE_MESSAGE = task("failure_message",
            result -> result.finalAttempt().filter(attempt -> !attempt.succeeded())
                    .flatMap(RecordedAttempt::failureMessage));

    /** Appended after the energy and drop figures: the hardware of the final attempt. */
    static final List<ExportColumn<TaskResult>> DEVICE = List.of(
            measure("device_name", attempt -> attempt.device().name()),
            measure("driver_version", attempt -> attempt.device().driverVersion()),
            measure("cuda_version", attempt -> attempt.device().cudaVersion()),
            measure("gpu_mem_peak_bytes", attempt -> attempt.device().gpuMemoryPeakBytes()));

    /**
     * Appended to every export after the columns it then had (columns added since come after it): the run
     * directory a row was read from. A merged report holds the same task id once per run, and only this column
     * tells those rows apart.
     */
    static final String RUN = "run";
    static final ExportColumn<TaskResult> RUN_OF_TASK = task(RUN, result -> Optional.of(result.run()));

    /**
     * Appended after run: what trained the task, and on which data. A results.db older than the framework axis
     * gives dl4j and 1, and no version or partition.
     */
    static final ExportColumn<TaskResult> FRAMEWORK = task("framework", result -> Optional.of(result.task().framework()));
    static final ExportColumn<TaskResult> FRAMEWORK_VERSION =
            measure("framework_version", RecordedAttempt::frameworkVersion);
    static final ExportColumn<TaskResult> TRAIN_FRACTION =
            task("train_fraction", result -> Optional.of(result.task().trainFraction()));
    /** Equal hashes: the frameworks (or devices, architectures) of those rows trained and tested on the same samples. */
    static final ExportColumn<TaskResult> PARTITION_SHA256 = measure("partition_sha256", RecordedAttempt::partitionSha256);

    /** Appended after partition_sha256: how the task trained, which a sweep's hyperparameter axes vary. */
    static final ExportColumn<TaskResult> EPOCHS_OF_TASK =
            task("epochs", result -> Optional.of(result.task().hyperparameters().epochs()));
    static final ExportColumn<TaskResult> BATCH_SIZE =
            task("batch_size", result -> Optional.of(result.task().hyperparameters().batchSize()));
    /** Empty for a results.db older than the learning-rate axis. */
    static final ExportColumn<TaskResult> LEARNING_RATE =
            task("learning_rate", result -> result.task().hyperparameters().learningRate());

    static final List<ExportColumn<TaskResult>> RESULTS =
            Stream.of(TASK.stream(), Stream.of(FAILURE_MESSAGE, SUSPECT, ENERGY_JOULES, JOULES_PER_SAMPLE, SAMPLES_DROPPED),
                    DEVICE.stream(), Stream.of(RUN_OF_TASK, FRAMEWORK, FRAMEWORK_VERSION, TRAIN_FRACTION,
                            PARTITION_SHA256, EPOCHS_OF_TASK, BATCH_SIZE, LEARNING_RATE)).flatMap(s -> s).toList();

    static final List<ExportColumn<RecordedEpoch>> EPOCHS = List.of(
            epoch("task_id", epoch -> Optional.of(epoch.inRun().taskId())),
            epoch("epoch", epoch -> Optional.of(epoch.epoch())),
            epoch("seconds", epoch -> Optional.of(epoch.seconds())),
            epoch("samples_per_second", epoch -> Optional.of(epoch.samplesPerSecond())),
            epoch("train_loss", RecordedEpoch::trainLoss),
            epoch("train_accuracy", RecordedEpoch::trainAccuracy),
            epoch("test_loss", RecordedEpoch::testLoss),
            epoch("test_accuracy", RecordedEpoch::testAccuracy),
            epoch("heap_bytes", RecordedEpoch::heapBytes),
            epoch("rss_bytes", RecordedEpoch::rssBytes),
            epoch(RUN, epoch -> Optional.of(epoch.inRun().run())));

    /**
     * Appended after framework: the memory in use on a gpu task's GPU after the epoch; empty on cpu tasks and in a
     * results.db older than the column.
     */
    static final ExportColumn<RecordedEpoch> GPU_MEM_BYTES = epoch("gpu_mem_bytes", RecordedEpoch::gpuMemBytes);

    static final List<ExportColumn<Sample>> SAMPLES = List.of(
            sample("task_id", sample -> Optional.of(sample.inRun().taskId())),
            sample("attempt", Sample::attempt),
            sample("seconds_since_start", sample -> Optional.of(sample.secondsSinceStart())),
            sample("process_cpu_percent", sample -> sample.process().cpuPercent()),
            sample("process_rss_bytes", sample -> sample.process().rssBytes()),
            sample("host_cpu_percent", sample -> sample.host().cpuPercent()),
            sample("host_used_bytes", sample -> sample.host().usedBytes()),
            sample("gpu_index", sample -> sample.gpu().index()),
            sample("gpu_util_percent", sample -> sample.gpu().utilPercent()),
            sample("gpu_mem_used_bytes", sample -> sample.gpu().memUsedBytes()),
            sample("gpu_power_watts", sample -> sample.gpu().powerWatts()),
            sample("process_host_cpu_percent", sample -> sample.process().hostCpuPercent()),
            sample("process_threads", sample -> sample.process().threads()),
            sample("host_available_bytes", sample -> sample.host().availableBytes()),
            sample("host_load_average", sample -> sample.host().loadAverage()),
            sample("host_core_cpu_percent", sample -> sample.host().coreCpuPercent()),
            sample("cpu_temperature_celsius", sample -> sample.host().cpuTemperatureCelsius()),
            sample("cpu_frequency_mhz", sample -> sample.host().cpuFrequencyMhz()),
            sample("cpu_energy_joules", sample -> sample.host().cpuEnergyJoules()),
            sample("gpu_mem_total_bytes", sample -> sample.gpu().memTotalBytes()),
            sample("gpu_temperature_celsius", sample -> sample.gpu().temperatureCelsius()),
            sample("gpu_sm_clock_mhz", sample -> sample.gpu().smClockMhz()),
            sample("gpu_energy_joules", sample -> sample.gpu().energyJoules()),
            sample("samples_dropped", Sample::samplesDropped),
            sample(RUN, sample -> Optional.of(sample.inRun().run())));

    private ExportColumns() {
    }

    /**
     * {@code columns}, then the framework of each row's task, which epochs.csv and samples.csv append after run: their
     * rows name only their task, so the framework comes from the report's tasks. Empty for a row whose task the tasks
     * table lacks.
     */
    static <T> List<ExportColumn<T>> withFramework(List<ExportColumn<T>> columns, Function<T, TaskInRun> taskOf,
                                                   Map<TaskInRun, String> frameworks) {
        return Stream.concat(columns.stream(), Stream.of(new ExportColumn<T>(FRAMEWORK.name(),
                row -> Optional.ofNullable(frameworks.get(taskOf.apply(row)))))).toList();
    }

    /** The columns of epochs.csv: {@link #EPOCHS}, then framework, then {@link #GPU_MEM_BYTES}. */
    static List<ExportColumn<RecordedEpoch>> epochsWithFramework(Map<TaskInRun, String> frameworks) {
        return Stream.concat(withFramework(EPOCHS, RecordedEpoch::inRun, frameworks).stream(), Stream.of(GPU_MEM_BYTES))
                .toList();
    }

    private static ExportColumn<TaskResult> task(String name, Function<TaskResult, Optional<?>> value) {
        return new ExportColumn<>(name, value);
    }

    private static ExportColumn<TaskResult> measure(String name, Function<RecordedAttempt, Optional<?>> value) {
        return task(name, result -> result.finalAttempt().flatMap(value));
    }

    private static ExportColumn<RecordedEpoch> epoch(String name, Function<RecordedEpoch, Optional<?>> value) {
        return new ExportColumn<>(name, value);
    }

    private static ExportColumn<Sample> sample(String name, Function<Sample, Optional<?>> value) {
        return new ExportColumn<>(name, value);
    }
}
