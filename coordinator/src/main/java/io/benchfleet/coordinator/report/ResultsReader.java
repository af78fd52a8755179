package io.benchfleet.coordinator.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.benchfleet.coordinator.store.AddedColumns;
import org.sqlite.SQLiteConfig;

/** Reads a run directory's results.db, read-only, into records. */
public final class ResultsReader implements AutoCloseable {

    public static final String RESULTS_DB = "results.db";

    private static final String EXPECTED =
            "expected a benchfleet results database (SQLite with tables run, tasks, workers, attempts, epochs, samples)";

    // The peaks and energies are computed by SQLite so that no attempt's samples need to be held in memory.
    // Energies in samples run from the attempt's start, so an attempt's is its largest; a GPU's is summed
    // over the attempt's GPUs.
    private static final String ATTEMPTS = """
            SELECT a.attempt_id, a.task_id, a.number, a.worker_id, w.hostname, a.status,
                   a.failure_kind, a.failure_message, a.params, a.train_samples, a.test_samples,
                   a.train_seconds, a.samples_per_second, a.test_accuracy, a.test_loss,
                   (SELECT MAX(s.process_rss_bytes) FROM samples s WHERE s.attempt_id = a.attempt_id) AS sample_peak,
                   (SELECT MAX(e.rss_bytes) FROM epochs e WHERE e.attempt_id = a.attempt_id) AS epoch_peak,
                   (SELECT MAX(s.cpu_energy_joules) FROM samples s WHERE s.attempt_id = a.attempt_id) AS cpu_joules,
                   (SELECT MAX(s.samples_dropped) FROM samples s WHERE s.attempt_id = a.attempt_id) AS samples_dropped,
                   (SELECT MAX(s.gpu_mem_used_bytes) FROM samples s WHERE s.attempt_id = a.attempt_id) AS gpu_mem_peak,
                   a.device_name, a.driver_version, a.cuda_version, g.gpu_joules
            FROM attempts a LEFT JOIN workers w ON w.worker_id = a.worker_id
            LEFT JOIN (SELECT attempt_id, SUM(joules) AS gpu_joules
                       FROM (SELECT attempt_id, MAX(gpu_energy_joules) AS joules FROM samples
                             WHERE gpu_index IS NOT NULL GROUP BY attempt_id, gpu_index)
                       GROUP BY attempt_id) g ON g.attempt_id = a.attempt_id
            """;

    private static final String EPOCHS = """
            SELECT task_id, epoch, seconds, samples_per_second, train_loss, train_accuracy, test_loss,
                   test_accuracy, heap_bytes, rss_bytes
            FROM epochs WHERE attempt_id = ? ORDER BY epoch
            """;

    private static final String SAMPLE_COLUMNS = """
            SELECT s.task_id, a.number, s.seconds_since_start, s.process_cpu_percent, s.process_rss_bytes,
                   s.host_cpu_percent, s.host_used_bytes, s.gpu_index, s.gpu_util_percent,
                   s.gpu_mem_used_bytes, s.gpu_power_watts, s.process_host_cpu_percent, s.process_threads,
                   s.host_available_bytes, s.host_load_average, s.host_core_cpu_percent, s.cpu_temperature_celsius,
                   s.cpu_frequency_mhz, s.cpu_energy_joules, s.gpu_mem_total_bytes, s.gpu_temperature_celsius,
                   s.gpu_sm_clock_mhz, s.gpu_energy_joules, s.samples_dropped
            FROM samples s LEFT JOIN attempts a ON a.attempt_id = s.attempt_id
            """;

    private static final String SAMPLES = SAMPLE_COLUMNS
            + "ORDER BY s.task_id, a.number, s.seconds_since_start, s.gpu_index";

    private static final String SAMPLES_OF_ATTEMPT = SAMPLE_COLUMNS
            + "WHERE s.attempt_id = ? ORDER BY s.seconds_since_start, s.gpu_index";

    private final Path database;
    private final String run;
    private final Connection connection;

    private ResultsReader(Path database, String run, Connection connection) {
        this.database = database;
        this.run = run;
        this.connection = connection;
    }

    /** {@link #open(Path, String)} with the rows named after the directory. */
    public static ResultsReader open(Path runDirectory) throws ReportException {
        return open(runDirectory, MergedRuns.runNames(List.of(runDirectory)).get(0));
    }

    /**
     * Opens {@code runDirectory/results.db} read-only; fails if it is not there.
     *
     * @param run the name its tasks, epochs and samples carry, which tells them from those of other runs
     */
    public static ResultsReader open(Path runDirectory, String run) throws ReportException {
        Path database = runDirectory.resolve(RESULTS_DB).toAbsolutePath().normalize();
        // Without this check SQLite would report a missing file as "unable to open database file", or
        // in read-write mode create an empty one.
        if (!Files.isRegularFile(database)) {
            throw new ReportException(database + ": no such file; " + EXPECTED);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try {
            return new ResultsReader(
                    database, run, DriverManager.getConnection("jdbc:sqlite:" + database, config.toProperties()));
        } catch (SQLException e) {
            throw new ReportException(database + ": cannot open (" + e.getMessage() + "); " + EXPECTED, e);
        }
    }

    /** The run's metadata, tasks with their final attempts, the final attempts' epochs and the worker nodes. */
    public RunResults read() throws ReportException {
        try {
            RunMetadata metadata = new RunMetadata(database.getParent(), readRun());
            Map<String, List<Attempt>> attempts = readAttempts();
            List<TaskResult> tasks = readTasks().stream()
                    .map(task -> TaskResult.of(run, task, attempts.getOrDefault(task.id(), List.of())))
                    .toList();
            return new RunResults(metadata, tasks, readFinalEpochs(tasks), readWorkers());
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    /** Hands every sample of every attempt to {@code consumer}, ordered by task, attempt and time. */
    public void forEachSample(SampleConsumer consumer) throws ReportException, IOException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(SAMPLES)) {
            while (rows.next()) {
                consumer.accept(sample(rows));
            }
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    /** Hands the samples of one attempt to {@code consumer}, ordered by time and GPU. */
    public void forEachSampleOf(String attemptId, SampleConsumer consumer) throws ReportException, IOException {
        try (PreparedStatement statement = connection.prepareStatement(SAMPLES_OF_ATTEMPT)) {
            statement.setString(1, attemptId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    consumer.accept(sample(rows));
                }
            }
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    @Override
    public void close() throws ReportException {
        try {
            connection.close();
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    /** Receives samples one at a time; writing them out may fail with an I/O error. */
    @FunctionalInterface
    public interface SampleConsumer {
        void accept(Sample sample) throws IOException;
    }

    private Map<String, String> readRun() throws SQLException {
        Map<String, String> values = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT key, value FROM run")) {
            while (rows.next()) {
                values.put(rows.getString("key"), rows.getString("value"));
            }
        }
        return values;
    }

    // rowid order is the order the planner inserted the tasks, i.e. the order of the sweep's axes.
    private List<Task> readTasks() throws SQLException {
        List<Task> tasks = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT task_id, dataset, architecture, device, split, fold, repetition FROM tasks ORDER BY rowid")) {
            while (rows.next()) {
                tasks.add(new Task(rows.getString("task_id"), rows.getString("dataset"),
                        rows.getString("architecture"), rows.getString("device"), rows.getString("split"),
                        rows.getInt("fold"), rows.getInt("repetition")));
            }
        }
        return tasks;
    }

    private Map<String, List<Attempt>> readAttempts() throws SQLException {
        Map<String, List<Attempt>> byTask = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(readableHere(ATTEMPTS))) {
            while (rows.next()) {
                Attempt attempt = attempt(rows);
                byTask.computeIfAbsent(attempt.taskId(), id -> new ArrayList<>()).add(attempt);
            }
        }
        return byTask;
    }

    private List<Epoch> readFinalEpochs(List<TaskResult> tasks) throws SQLException {
        List<Epoch> epochs = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(EPOCHS)) {
            for (TaskResult task : tasks) {
                if (task.finalAttempt().isEmpty()) {
                    continue;
                }
                statement.setString(1, task.finalAttempt().get().id());
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        epochs.add(epoch(rows));
                    }
                }
            }
        }
        return epochs;
    }

    /**
     * The query with NULL for the columns an older results.db lacks ({@link AddedColumns}); its columns are
     * written qualified, {@code a.} for attempts and {@code w.} for workers, so that they can be found.
     */
    private String readableHere(String query) throws SQLException {
        String readable = query;
        for (AddedColumns.Column column : AddedColumns.missingFrom(connection)) {
            readable = readable.replace(column.table().charAt(0) + "." + column.name(), "NULL AS " + column.name());
        }
        return readable;
    }

    private List<WorkerNode> readWorkers() throws SQLException {
        List<WorkerNode> workers = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(readableHere("""
                     SELECT worker_id, hostname, os, cpu_model, logical_cores, memory_bytes, jvm, slots, w.gpus, joined_at
                     FROM workers w ORDER BY joined_at, worker_id
                     """))) {
            while (rows.next()) {
                List<String> slots = Arrays.stream(rows.getString("slots").split(","))
                        .map(String::strip).filter(slot -> !slot.isEmpty()).toList();
                workers.add(new WorkerNode(rows.getString("worker_id"), rows.getString("hostname"),
                        rows.getString("os"), rows.getString("cpu_model"), rows.getInt("logical_cores"),
                        rows.getLong("memory_bytes"), rows.getString("jvm"), slots, text(rows, "gpus").orElse(""),
                        rows.getString("joined_at")));
            }
        }
        return workers;
    }

    private static Attempt attempt(ResultSet rows) throws SQLException {
        Optional<Long> samplePeak = longValue(rows, "sample_peak");
        Optional<Long> epochPeak = longValue(rows, "epoch_peak");
        Optional<Long> peak = samplePeak.isPresent() && epochPeak.isPresent()
                ? Optional.of(Math.max(samplePeak.get(), epochPeak.get()))
                : samplePeak.or(() -> epochPeak);
        return new Attempt(rows.getString("attempt_id"), rows.getString("task_id"), rows.getInt("number"),
                rows.getString("worker_id"), text(rows, "hostname"), rows.getString("status"),
                text(rows, "failure_kind"), text(rows, "failure_message"),
                longValue(rows, "params"), longValue(rows, "train_samples"), longValue(rows, "test_samples"),
                doubleValue(rows, "train_seconds"), doubleValue(rows, "samples_per_second"),
                doubleValue(rows, "test_accuracy"), doubleValue(rows, "test_loss"), peak,
                sumOfPresent(doubleValue(rows, "cpu_joules"), doubleValue(rows, "gpu_joules")),
                longValue(rows, "samples_dropped"),
                new DeviceUsed(named(rows, "device_name"), named(rows, "driver_version"), named(rows, "cuda_version"),
                        longValue(rows, "gpu_mem_peak")));
    }

    private static Optional<Double> sumOfPresent(Optional<Double> a, Optional<Double> b) {
        return a.isPresent() && b.isPresent() ? Optional.of(a.get() + b.get()) : a.or(() -> b);
    }

    private Epoch epoch(ResultSet rows) throws SQLException {
        return new Epoch(run, rows.getString("task_id"), rows.getInt("epoch"), rows.getDouble("seconds"),
                rows.getDouble("samples_per_second"), doubleValue(rows, "train_loss"),
                doubleValue(rows, "train_accuracy"), doubleValue(rows, "test_loss"),
                doubleValue(rows, "test_accuracy"), longValue(rows, "heap_bytes"), longValue(rows, "rss_bytes"));
    }

    private Sample sample(ResultSet rows) throws SQLException {
        return new Sample(run, rows.getString("task_id"), intValue(rows, "number"),
                rows.getDouble("seconds_since_start"), doubleValue(rows, "process_cpu_percent"),
                longValue(rows, "process_rss_bytes"), doubleValue(rows, "host_cpu_percent"),
                longValue(rows, "host_used_bytes"), intValue(rows, "gpu_index"),
                doubleValue(rows, "gpu_util_percent"), longValue(rows, "gpu_mem_used_bytes"),
                doubleValue(rows, "gpu_power_watts"), doubleValue(rows, "process_host_cpu_percent"),
                intValue(rows, "process_threads"), longValue(rows, "host_available_bytes"),
                doubleValue(rows, "host_load_average"), text(rows, "host_core_cpu_percent"),
                doubleValue(rows, "cpu_temperature_celsius"), doubleValue(rows, "cpu_frequency_mhz"),
                doubleValue(rows, "cpu_energy_joules"), longValue(rows, "gpu_mem_total_bytes"),
                doubleValue(rows, "gpu_temperature_celsius"), doubleValue(rows, "gpu_sm_clock_mhz"),
                doubleValue(rows, "gpu_energy_joules"), longValue(rows, "samples_dropped"));
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

    private ReportException unreadable(SQLException e) {
        return new ReportException(database + ": " + e.getMessage() + "; " + EXPECTED, e);
    }
}
