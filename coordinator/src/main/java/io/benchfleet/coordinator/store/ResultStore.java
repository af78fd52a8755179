package io.benchfleet.coordinator.store;

import io.benchfleet.coordinator.queue.Attempt;
import io.benchfleet.coordinator.queue.AttemptDevice;
import io.benchfleet.coordinator.queue.RunHistory;
import io.benchfleet.protocol.cluster.FrameworkOffer;
import io.benchfleet.protocol.cluster.GpuDevice;
import io.benchfleet.protocol.cluster.GpuSample;
import io.benchfleet.protocol.cluster.HostInfo;
import io.benchfleet.protocol.cluster.ResourceSample;
import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.protocol.sweep.Device;
import io.benchfleet.protocol.sweep.TaskSpec;
import io.benchfleet.protocol.trainer.TrainerEvent;
import io.benchfleet.rundirectory.AttemptStatus;
import io.benchfleet.rundirectory.ResultsDatabase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * results.db, the run's record of truth. Every call is its own committed transaction, so a crash
 * of the coordinator loses at most what was in flight. Only the coordinator writes it, from one
 * thread (the result writer actor); JDBC connections are not shared.
 * <p>
 * A failed call throws {@link StoreException}: that record is lost, the next may well succeed. When the
 * file itself cannot be written (full disk, I/O error, read-only, removed) it throws the subclass
 * {@link UnwritableException}, and no later call will succeed either.
 */
public final class ResultStore implements AutoCloseable {

    /** The slot column of an attempt that never ran, such as a task failed as unschedulable. */
    private static final String NO_SLOT = "none";

    private final Connection connection;
    private final Path file;
    private final Optional<Object> identity;

    private ResultStore(Connection connection, Path file, Optional<Object> identity) {
        this.connection = connection;
        this.file = file;
        this.identity = identity;
    }

    /** Opens (or creates) the run directory's results.db with the current schema. */
    public static ResultStore open(Path runDirectory) {
        Path file = ResultsDatabase.fileIn(runDirectory);
        Connection connection;
        try {
            connection = ResultsDatabase.openForWriting(runDirectory);
        } catch (SQLException e) {
            throw new UnwritableException(file, e.getMessage(), e);
        }
        try {
            return new ResultStore(connection, file, identityOf(file));
        } catch (IOException e) {
            closeAfterFailure(connection, e);
            throw new UnwritableException(file, "cannot read its attributes (" + e + ")", e);
        }
    }

    /**
     * Throws {@link UnwritableException} unless results.db is still the file this store opened. SQLite goes on
     * writing to a file that was removed or renamed, where no resume and no report will find it.
     */
    public void checkStillThere() {
        try {
            if (!identityOf(file).equals(identity)) {
                throw new UnwritableException(file, "it was replaced by another file while the sweep ran", null);
            }
        } catch (NoSuchFileException e) {
            throw new UnwritableException(file, "it or its directory was removed while the sweep ran", e);
        } catch (IOException e) {
            throw new UnwritableException(file, "cannot read its attributes (" + e + ")", e);
        }
    }

    /** The file's inode where the file system has one: a file moved away and another put there differ. */
    private static Optional<Object> identityOf(Path file) throws IOException {
        return Optional.ofNullable(Files.readAttributes(file, BasicFileAttributes.class).fileKey());
    }

    public void putRunValue(String key, String value) {
        update("INSERT INTO run(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                key, value);
    }

    public void addTasks(List<TaskSpec> tasks) {
        String sql = "INSERT OR IGNORE INTO tasks(task_id, dataset, architecture, device, split, fold, repetition, seed,"
                + " epochs, batch_size, train_limit, framework, train_fraction, learning_rate)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        inTransaction("the sweep's tasks", () -> {
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                for (TaskSpec t : tasks) {
                    bind(insert, t.id(), t.dataset(), t.architecture(), t.device().label(), t.split(), t.fold(),
                            t.repetition(), t.seed(), t.training().epochs(), t.training().batchSize(),
                            t.training().trainLimit(), t.framework(), t.trainFraction(),
                            t.training().optimizer().learningRate());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    /** A worker node that registers again (a resumed run, a restarted node) keeps its row, with what it runs now. */
    public void addWorker(String workerId, HostInfo host, List<SlotName> slots, List<FrameworkOffer> frameworks,
                          Instant joinedAt) {
        update("INSERT INTO workers(worker_id, hostname, os, cpu_model, logical_cores, memory_bytes, jvm, slots, gpus,"
                        + " joined_at, frameworks) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT(worker_id) DO UPDATE SET joined_at = excluded.joined_at,"
                        + " frameworks = excluded.frameworks",
                workerId, host.hostname(), host.os(), host.cpuModel(), host.logicalCores(), host.memoryBytes(), host.jvm(),
                slots.stream().map(SlotName::toString).collect(Collectors.joining(",")), gpus(host.gpus()), joinedAt.toString(),
                frameworks(frameworks));
    }

    /** E.g. {@code dl4j 1.0.0-M2.1 (cpu); pytorch 1.13.0a0 (cpu, gpu)}. */
    private static String frameworks(List<FrameworkOffer> offers) {
        return offers.stream().map(offer -> offer.name() + " " + offer.version() + " ("
                        + offer.devices().stream().map(Device::label).collect(Collectors.joining(", ")) + ")")
                .collect(Collectors.joining("; "));
    }

    private static String gpus(List<GpuDevice> gpus) {
        return gpus.stream().map(gpu -> String.format(Locale.ROOT, "gpu:%d %s, %.1f GiB, driver %s, CUDA %s", gpu.index(),
                gpu.name(), gpu.memoryBytes() / (double) (1L << 30), gpu.driverVersion(),
                gpu.cudaVersion().isEmpty() ? "unknown" : gpu.cudaVersion())).collect(Collectors.joining("; "));
    }

    public void attemptStarted(Attempt attempt, AttemptDevice device, Instant at) {
        update("INSERT INTO attempts(attempt_id, task_id, number, worker_id, slot, status, started_at, device_name,"
                        + " driver_version, cuda_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                attempt.id(), attempt.task().id(), attempt.number(), attempt.workerId(),
                attempt.slot().map(SlotName::toString).orElse(NO_SLOT),
                AttemptStatus.RUNNING.column(), at.toString(),
                device.name(), device.driverVersion(), device.cudaVersion());
    }

    public void record(String attemptId, String taskId, TrainerEvent event, Instant at) {
        if (event instanceof TrainerEvent.Started s) {
            update("UPDATE attempts SET pid = ?, threads = ?, backend = ?, layer_helpers = ?, params = ?,"
                            + " train_samples = ?, test_samples = ?, startup_seconds = ?, framework_version = ?,"
                            + " partition_sha256 = ? WHERE attempt_id = ?",
                    s.pid(), s.threads(), s.backend(), String.join(";", s.layerHelpers()), s.parameters(),
                    s.trainSamples(), s.testSamples(), s.startupSeconds(), nullIfEmpty(s.frameworkVersion()),
                    nullIfEmpty(s.partitionSha256()), attemptId);
        } else if (event instanceof TrainerEvent.Epoch e) {
            update("INSERT OR REPLACE INTO epochs(attempt_id, task_id, epoch, seconds, samples_per_second, train_loss,"
                            + " train_accuracy, test_loss, test_accuracy, heap_bytes, rss_bytes, off_heap_bytes,"
                            + " gpu_mem_bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    attemptId, taskId, e.epoch(), e.seconds(), e.samplesPerSecond(), e.trainLoss(), e.trainAccuracy(),
                    e.testLoss(),
                    e.testAccuracy(), e.heapBytes(), e.rssBytes(), e.offHeapBytes(), e.gpuMemBytes().orElse(null));
        } else if (event instanceof TrainerEvent.Finished f) {
            update("UPDATE attempts SET status = ?, ended_at = ?, train_seconds = ?, samples_per_second = ?,"
                            + " test_accuracy = ?, test_loss = ? WHERE attempt_id = ?",
                    AttemptStatus.SUCCEEDED.column(), at.toString(), f.trainSeconds(), f.samplesPerSecond(), f.testAccuracy(), f.testLoss(), attemptId);
        } else if (event instanceof TrainerEvent.Failed f) {
            update("UPDATE attempts SET status = ?, ended_at = ?, failure_kind = ?, failure_message = ?"
                    + " WHERE attempt_id = ?", AttemptStatus.FAILED.column(), at.toString(), f.kind().name(), f.message(), attemptId);
        }
    }

    /**
     * For {@code resume}: attempts still marked running were cut off when the coordinator stopped;
     * they become failed COORDINATOR_STOPPED (their tasks run again as new attempts). Returns what
     * the earlier run left: the succeeded tasks and every task's last attempt number.
     */
    public RunHistory resume(Instant at) {
        update("UPDATE attempts SET status = ?, ended_at = ?, failure_kind = ?, failure_message = ?"
                        + " WHERE status = ?", AttemptStatus.FAILED.column(), at.toString(),
                TrainerEvent.FailureKind.COORDINATOR_STOPPED.name(), "the coordinator stopped while this attempt ran",
                AttemptStatus.RUNNING.column());
        Set<String> succeeded = new HashSet<>();
        Map<String, Integer> lastAttempt = new HashMap<>();
        String sql = "SELECT task_id, MAX(number) AS last, MAX(status = ?) AS succeeded FROM attempts GROUP BY task_id";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, AttemptStatus.SUCCEEDED.column());
            ResultSet rows = statement.executeQuery();
            while (rows.next()) {
                lastAttempt.put(rows.getString("task_id"), rows.getInt("last"));
                if (rows.getBoolean("succeeded")) {
                    succeeded.add(rows.getString("task_id"));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the earlier attempts: " + e.getMessage(), e);
        }
        return new RunHistory(succeeded, lastAttempt);
    }

    /** A trainer or worker node that leaves a value out says nothing: NULL, as in files written before. */
    private static String nullIfEmpty(String value) {
        return value.isEmpty() ? null : value;
    }

    /** One row per sample and GPU of the sample; a sample without GPUs (a cpu slot) is one row without. */
    public void addSamples(String attemptId, String taskId, List<ResourceSample> samples) {
        String sql = "INSERT INTO samples(attempt_id, task_id, seconds_since_start, process_cpu_percent, process_rss_bytes,"
                + " host_cpu_percent, host_used_bytes, process_host_cpu_percent, process_threads, host_available_bytes,"
                + " host_load_average, host_core_cpu_percent, cpu_temperature_celsius, cpu_frequency_mhz,"
                + " cpu_energy_joules, samples_dropped, gpu_index, gpu_util_percent, gpu_mem_used_bytes, gpu_power_watts,"
                + " gpu_mem_total_bytes, gpu_temperature_celsius, gpu_sm_clock_mhz, gpu_energy_joules)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        inTransaction("samples of " + attemptId, () -> {
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                for (ResourceSample s : samples) {
                    List<Optional<GpuSample>> gpus = s.gpus().isEmpty()
                            ? List.of(Optional.empty()) : s.gpus().stream().map(Optional::of).toList();
                    for (Optional<GpuSample> gpu : gpus) {
                        bind(insert, attemptId, taskId, s.secondsSinceStart(), s.processCpuPercent(), s.processRssBytes(),
                                s.hostCpuPercent(), s.hostUsedBytes(), s.processHostCpuPercent(), s.processThreads(),
                                s.hostAvailableBytes(), s.hostLoadAverage().orElse(null),
                                perCore(s.hostCoreCpuPercent()),
                                s.cpuTemperatureCelsius().orElse(null), s.cpuFrequencyMhz().orElse(null),
                                s.cpuEnergyJoules().orElse(null), s.samplesDropped(),
                                gpu.map(GpuSample::index).orElse(null), gpu.flatMap(GpuSample::utilPercent).orElse(null),
                                gpu.flatMap(GpuSample::memUsedBytes).orElse(null), gpu.flatMap(GpuSample::powerWatts).orElse(null),
                                gpu.flatMap(GpuSample::memTotalBytes).orElse(null),
                                gpu.flatMap(GpuSample::temperatureCelsius).orElse(null),
                                gpu.flatMap(GpuSample::smClockMhz).orElse(null), gpu.flatMap(GpuSample::energyJoules).orElse(null));
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
            }
        });
    }

    /** One decimal is finer than a 1 s tick count can resolve on most hosts, and keeps a 128-core row short. */
    private static String perCore(List<Double> percents) {
        return percents.stream().map(core -> String.format(Locale.ROOT, "%.1f", core)).collect(Collectors.joining(" "));
    }

    private void update(String sql, Object... values) {
        write(sql.substring(0, sql.indexOf(' ', 7)) + "...", () -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, values);
                statement.executeUpdate();
            }
        });
    }

    /** Several statements committed as one: a batch of samples is recorded whole or not at all, and costs one commit. */
    private void inTransaction(String what, Statements statements) {
        write(what, () -> {
            connection.setAutoCommit(false);
            try {
                statements.run();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackAfter(e);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        });
    }

    /** A write that failed on the file (SQLITE_FULL, SQLITE_IOERR) may have ended the transaction already. */
    private void rollbackAfter(Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private void write(String what, Statements statements) {
        try {
            statements.run();
        } catch (SQLException e) {
            if (ResultsDatabase.isUnwritable(e)) {
                throw new UnwritableException(file, e.getMessage(), e);
            }
            throw new StoreException("cannot write " + file + " (" + what + "): " + e.getMessage(), e);
        }
        checkStillThere();
    }

    @FunctionalInterface
    private interface Statements {
        void run() throws SQLException;
    }

    private static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
                statement.setNull(i + 1, Types.REAL);
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close results.db: " + e.getMessage(), e);
        }
    }

    private static void closeAfterFailure(Connection connection, Exception failure) {
        try {
            connection.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** One call failed: what it was to record is lost. */
    public static sealed class StoreException extends RuntimeException permits UnwritableException {
        private static final long serialVersionUID = 1L;

        StoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** results.db cannot be written at all; what was committed before is in it. */
    public static final class UnwritableException extends StoreException {
        private static final long serialVersionUID = 1L;

        private final transient Path file;
        private final String reason;

        UnwritableException(Path file, String reason, Throwable cause) {
            super("cannot write " + file + ": " + reason, cause);
            this.file = file;
            this.reason = reason;
        }

        public Path file() {
            return file;
        }

        /** What is wrong with the file, e.g. SQLite's {@code [SQLITE_FULL] ... (database or disk is full)}. */
        public String reason() {
            return reason;
        }
    }
}
