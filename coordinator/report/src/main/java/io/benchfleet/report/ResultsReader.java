package io.benchfleet.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.benchfleet.rundirectory.ResultsDatabase;

/** Reads a run directory's results.db, read-only, into records. */
public final class ResultsReader implements AutoCloseable {

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
                   a.device_name, a.driver_version, a.cuda_version, g.gpu_joules, a.framework_version,
                   a.partition_sha256
            FROM attempts a LEFT JOIN workers w ON w.worker_id = a.worker_id
            LEFT JOIN (SELECT attempt_id, SUM(joules) AS gpu_joules
                       FROM (SELECT attempt_id, MAX(gpu_energy_joules) AS joules FROM samples
                             WHERE gpu_index IS NOT NULL GROUP BY attempt_id, gpu_index)
                       GROUP BY attempt_id) g ON g.attempt_id = a.attempt_id
            """;

    private static final String EPOCHS = """
            SELECT task_id, epoch, seconds, samples_per_second, train_loss, train_accuracy, test_loss,
                   test_accuracy, heap_bytes, rss_bytes, gpu_mem_bytes
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
        Path database = ResultsDatabase.fileIn(runDirectory).toAbsolutePath().normalize();
        // Without this check SQLite would report a missing file as "unable to open database file", or
        // in read-write mode create an empty one.
        if (!Files.isRegularFile(database)) {
            throw new ReportException(database + ": no such file; " + EXPECTED);
        }
        try {
            return new ResultsReader(database, run, ResultsDatabase.openForReading(database.getParent()));
        } catch (SQLException e) {
            throw new ReportException(database + ": cannot open (" + e.getMessage() + "); " + EXPECTED, e);
        }
    }

    /** The run's metadata, tasks with their final attempts, the final attempts' epochs and the worker nodes. */
    public RunResults read() throws ReportException {
        try {
            RunMetadata metadata = new RunMetadata(database.getParent(), readRun());
            Map<String, List<RecordedAttempt>> attempts = readAttempts();
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
                consumer.accept(ResultRows.sample(run, rows));
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
                    consumer.accept(ResultRows.sample(run, rows));
                }
            }
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    /**
     * Seconds from start to end of each task's succeeded attempt, by task id: what a task cost in wall time,
     * trainer start and evaluation included, which is what a plan of another sweep estimates from.
     */
    public Map<String, Double> succeededAttemptSeconds() throws ReportException {
        Map<String, Double> seconds = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT task_id, started_at, ended_at FROM attempts
                     WHERE status = 'succeeded' AND ended_at IS NOT NULL
                     """)) {
            while (rows.next()) {
                Duration wall = Duration.between(Instant.parse(rows.getString("started_at")),
                        Instant.parse(rows.getString("ended_at")));
                seconds.put(rows.getString("task_id"), wall.toMillis() / 1000.0);
            }
        } catch (SQLException e) {
            throw unreadable(e);
        } catch (DateTimeParseException e) {
            throw new ReportException(database + ": an attempt's started_at or ended_at is not an ISO-8601 instant ("
                    + e.getParsedString() + "); " + EXPECTED, e);
        }
        return seconds;
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

    // rowid order is the order the planner inserted the tasks, i.e. the order of the sweep's axes. An older file's
    // tasks table is read through a view, which has no rowid: the order comes from the table itself.
    private List<Task> readTasks() throws SQLException {
        List<Task> tasks = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT t.task_id, t.dataset, t.architecture, t.device, t.split, t.fold, t.repetition, t.framework,
                            t.train_fraction, t.epochs, t.batch_size, t.learning_rate
                     FROM tasks t JOIN main.tasks planned ON planned.task_id = t.task_id ORDER BY planned.rowid
                     """)) {
            while (rows.next()) {
                tasks.add(ResultRows.task(rows));
            }
        }
        return tasks;
    }

    private Map<String, List<RecordedAttempt>> readAttempts() throws SQLException {
        Map<String, List<RecordedAttempt>> byTask = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(ATTEMPTS)) {
            while (rows.next()) {
                RecordedAttempt attempt = ResultRows.attempt(rows);
                byTask.computeIfAbsent(attempt.taskId(), id -> new ArrayList<>()).add(attempt);
            }
        }
        return byTask;
    }

    private List<RecordedEpoch> readFinalEpochs(List<TaskResult> tasks) throws SQLException {
        List<RecordedEpoch> epochs = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(EPOCHS)) {
            for (TaskResult task : tasks) {
                if (task.finalAttempt().isEmpty()) {
                    continue;
                }
                statement.setString(1, task.finalAttempt().get().id());
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        epochs.add(ResultRows.epoch(run, rows));
                    }
                }
            }
        }
        return epochs;
    }

    private List<RecordedWorkerNode> readWorkers() throws SQLException {
        List<RecordedWorkerNode> workers = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT worker_id, hostname, os, cpu_model, logical_cores, memory_bytes, jvm, slots, gpus, joined_at,
                            frameworks
                     FROM workers ORDER BY joined_at, worker_id
                     """)) {
            while (rows.next()) {
                workers.add(ResultRows.workerNode(rows));
            }
        }
        return workers;
    }

    private ReportException unreadable(SQLException e) {
        return new ReportException(database + ": " + e.getMessage() + "; " + EXPECTED, e);
    }
}
