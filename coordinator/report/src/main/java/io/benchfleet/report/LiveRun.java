package io.benchfleet.report;

import io.benchfleet.rundirectory.ResultsDatabase;
import io.benchfleet.rundirectory.RunFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A sweep while it runs, as its results.db has it so far: progress, each task with its latest attempt, the worker
 * nodes and what they run, the failures; and one attempt's epochs and resource traces. The coordinator's dashboard
 * serves these as JSON. Everything is read from results.db, read-only (WAL: the writer is never blocked), so
 * watching a sweep costs its dispatch nothing. Not thread-safe: one caller at a time.
 */
public final class LiveRun implements AutoCloseable {

    /** Above this many tasks the table keeps the running and failed ones and the nearest others, not every row. */
    static final int MAX_TASK_ROWS = 500;
    private static final int MAX_FAILURES = 100;
    /** Points per trace: enough for a chart a few hundred pixels wide. */
    static final int MAX_TRACE_POINTS = 300;

    private final Path runDirectory;
    private Connection connection;

    public LiveRun(Path runDirectory) {
        this.runDirectory = runDirectory;
    }

    /** The state now; {@code {"starting": true}} until the coordinator has created results.db. */
    public Map<String, Object> state(Instant now) throws SQLException {
        Optional<Connection> open = connection();
        if (open.isEmpty()) {
            return Map.of("starting", true);
        }
        Map<String, String> run = run(open.get());
        List<Map<String, Object>> tasks = tasks(open.get());
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("sweep", run.getOrDefault("sweep_name", runDirectory.getFileName().toString()));
        state.put("run_directory", runDirectory.toString());
        state.put("started_at", run.get("started_at"));
        state.put("finished_at", run.get("finished_at"));
        state.put("report", run.containsKey("finished_at") && Files.isRegularFile(runDirectory.resolve(RunFiles.REPORT_HTML)));
        state.put("progress", progress(tasks, run, now));
        state.put("tasks_total", tasks.size());
        state.put("tasks", shown(tasks));
        state.put("workers", workers(open.get(), tasks));
        state.put("failures", failures(open.get()));
        return state;
    }

    /** An attempt's epochs and its traces thinned to {@link #MAX_TRACE_POINTS}; empty for an unknown attempt. */
    public Optional<Map<String, Object>> attempt(String attemptId) throws SQLException {
        Optional<Connection> open = connection();
        if (open.isEmpty() || !exists(open.get(), attemptId)) {
            return Optional.empty();
        }
        Map<String, Object> attempt = new LinkedHashMap<>();
        attempt.put("attempt_id", attemptId);
        attempt.put("epochs", epochs(open.get(), attemptId));
        attempt.put("samples", samples(open.get(), attemptId));
        return Optional.of(attempt);
    }

    private Optional<Connection> connection() throws SQLException {
        if (connection == null && ResultsDatabase.existsIn(runDirectory)) {
            connection = ResultsDatabase.openForReading(runDirectory);
        }
        return Optional.ofNullable(connection);
    }

    private static Map<String, String> run(Connection connection) throws SQLException {
        Map<String, String> values = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT key, value FROM run")) {
            while (rows.next()) {
                values.put(rows.getString(1), rows.getString(2));
            }
        }
        return values;
    }

    // Two plain scans joined here: a subquery per task for its latest attempt would scan attempts once per task.
    private static List<Map<String, Object>> tasks(Connection connection) throws SQLException {
        Map<String, Map<String, Object>> latest = latestAttempts(connection);
        List<Map<String, Object>> tasks = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT t.task_id, t.dataset, t.architecture, t.framework, t.device, t.split, t.fold, t.repetition
                     FROM tasks t JOIN main.tasks planned ON planned.task_id = t.task_id ORDER BY planned.rowid
                     """)) {
            while (rows.next()) {
                Map<String, Object> task = new LinkedHashMap<>();
                task.put("task_id", rows.getString("task_id"));
                task.put("dataset", rows.getString("dataset"));
                task.put("architecture", rows.getString("architecture"));
                task.put("framework", Optional.ofNullable(rows.getString("framework")).orElse(Task.DL4J));
                task.put("device", rows.getString("device"));
                task.put("split", rows.getString("split"));
                task.put("fold", rows.getInt("fold"));
                task.put("repetition", rows.getInt("repetition"));
                task.put("status", "queued");
                task.putAll(latest.getOrDefault(rows.getString("task_id"), Map.of()));
                tasks.add(task);
            }
        }
        return tasks;
    }

    private static Map<String, Map<String, Object>> latestAttempts(Connection connection) throws SQLException {
        Map<String, Map<String, Object>> latest = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT a.task_id, a.attempt_id, a.number, a.status, a.slot, a.ended_at, a.test_accuracy, a.worker_id,
                            COALESCE(w.hostname, a.worker_id) AS worker, e.epoch, e.test_accuracy AS epoch_accuracy
                     FROM attempts a LEFT JOIN workers w ON w.worker_id = a.worker_id
                     LEFT JOIN (SELECT attempt_id, MAX(epoch) AS epoch FROM epochs GROUP BY attempt_id) last
                            ON last.attempt_id = a.attempt_id
                     LEFT JOIN epochs e ON e.attempt_id = a.attempt_id AND e.epoch = last.epoch
                     ORDER BY a.task_id, a.number
                     """)) {
            while (rows.next()) {
                Map<String, Object> attempt = new LinkedHashMap<>();
                attempt.put("status", rows.getString("status"));
                attempt.put("attempt", rows.getInt("number"));
                attempt.put("attempt_id", rows.getString("attempt_id"));
                attempt.put("worker", rows.getString("worker"));
                attempt.put("worker_id", rows.getString("worker_id"));
                attempt.put("slot", rows.getString("slot"));
                attempt.put("ended_at", rows.getString("ended_at"));
                attempt.put("epoch", rows.getObject("epoch"));
                Object finalAccuracy = rows.getObject("test_accuracy");
                attempt.put("accuracy", finalAccuracy != null ? finalAccuracy : rows.getObject("epoch_accuracy"));
                latest.put(rows.getString("task_id"), attempt);
            }
        }
        return latest;
    }

    private static Map<String, Object> progress(List<Map<String, Object>> tasks, Map<String, String> run, Instant now) {
        Map<String, Long> counts = new HashMap<>();
        tasks.forEach(task -> counts.merge((String) task.get("status"), 1L, Long::sum));
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("tasks", tasks.size());
        for (String status : List.of("succeeded", "failed", "running", "queued")) {
            progress.put(status, counts.getOrDefault(status, 0L));
        }
        Optional<Instant> start = Optional.ofNullable(run.getOrDefault("resumed_at", run.get("started_at")))
                .map(Instant::parse);
        Instant end = Optional.ofNullable(run.get("finished_at")).map(Instant::parse).orElse(now);
        progress.put("elapsed_seconds", start.map(at -> Duration.between(at, end).toMillis() / 1000.0).orElse(null));
        progress.put("eta_seconds", start.flatMap(at -> eta(tasks, at, now)).orElse(null));
        return progress;
    }

    /** Tasks ended since this run started, at the rate they ended, for the ones not ended yet. */
    private static Optional<Double> eta(List<Map<String, Object>> tasks, Instant start, Instant now) {
        long ended = tasks.stream().map(task -> (String) task.get("ended_at"))
                .filter(at -> at != null && !Instant.parse(at).isBefore(start)).count();
        long left = tasks.stream().filter(task -> !"succeeded".equals(task.get("status"))
                && !"failed".equals(task.get("status"))).count();
        double seconds = Duration.between(start, now).toMillis() / 1000.0;
        if (left == 0) {
            return Optional.of(0.0);
        }
        return ended == 0 || seconds <= 0 ? Optional.empty() : Optional.of(left * seconds / ended);
    }

    /** Every task up to {@link #MAX_TASK_ROWS}; past that the running and failed ones, then the others in order. */
    private static List<Map<String, Object>> shown(List<Map<String, Object>> tasks) {
        if (tasks.size() <= MAX_TASK_ROWS) {
            return tasks;
        }
        Predicate<Map<String, Object>> first = task -> "running".equals(task.get("status"))
                || "failed".equals(task.get("status"));
        List<Map<String, Object>> shown = new ArrayList<>(tasks.stream().filter(first).limit(MAX_TASK_ROWS).toList());
        tasks.stream().filter(first.negate()).limit(MAX_TASK_ROWS - shown.size()).forEach(shown::add);
        return shown;
    }

    private static List<Map<String, Object>> workers(Connection connection, List<Map<String, Object>> tasks)
            throws SQLException {
        List<Map<String, Object>> workers = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT worker_id, hostname, slots, frameworks FROM workers ORDER BY joined_at, worker_id")) {
            while (rows.next()) {
                String workerId = rows.getString("worker_id");
                Map<String, Object> worker = new LinkedHashMap<>();
                worker.put("worker_id", workerId);
                worker.put("hostname", rows.getString("hostname"));
                worker.put("slots", rows.getString("slots"));
                worker.put("frameworks", Optional.ofNullable(rows.getString("frameworks")).orElse(""));
                worker.put("running", tasks.stream().filter(task -> "running".equals(task.get("status"))
                                && workerId.equals(task.get("worker_id")))
                        .map(task -> task.get("slot") + ": " + task.get("dataset") + " / " + task.get("architecture")
                                + " / " + task.get("framework"))
                        .toList());
                workers.add(worker);
            }
        }
        return workers;
    }

    private static List<Map<String, Object>> failures(Connection connection) throws SQLException {
        List<Map<String, Object>> failures = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT a.task_id, a.number, a.failure_kind, a.failure_message, COALESCE(w.hostname, a.worker_id) AS worker
                FROM attempts a LEFT JOIN workers w ON w.worker_id = a.worker_id
                WHERE a.status = 'failed' ORDER BY a.ended_at DESC LIMIT ?
                """)) {
            statement.setInt(1, MAX_FAILURES);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Map<String, Object> failure = new LinkedHashMap<>();
                    failure.put("task_id", rows.getString("task_id"));
                    failure.put("attempt", rows.getInt("number"));
                    failure.put("kind", rows.getString("failure_kind"));
                    failure.put("message", rows.getString("failure_message"));
                    failure.put("worker", rows.getString("worker"));
                    failures.add(failure);
                }
            }
        }
        return failures;
    }

    private static boolean exists(Connection connection, String attemptId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM attempts WHERE attempt_id = ?")) {
            statement.setString(1, attemptId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static List<Map<String, Object>> epochs(Connection connection, String attemptId) throws SQLException {
        List<Map<String, Object>> epochs = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT epoch, seconds, train_loss, train_accuracy, test_loss, test_accuracy
                FROM epochs WHERE attempt_id = ? ORDER BY epoch
                """)) {
            statement.setString(1, attemptId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Map<String, Object> epoch = new LinkedHashMap<>();
                    for (String column : List.of("epoch", "seconds", "train_loss", "train_accuracy", "test_loss",
                            "test_accuracy")) {
                        epoch.put(column, rows.getObject(column));
                    }
                    epochs.add(epoch);
                }
            }
        }
        return epochs;
    }

    /** Column per measure; GPU columns sum the attempt's GPUs at each instant. */
    private static Map<String, List<Object>> samples(Connection connection, String attemptId) throws SQLException {
        List<String> columns = List.of("seconds", "cpu_percent", "rss_bytes", "gpu_util_percent", "gpu_mem_bytes");
        Map<String, List<Object>> samples = new LinkedHashMap<>();
        columns.forEach(column -> samples.put(column, new ArrayList<>()));
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT seconds_since_start AS seconds, MAX(process_cpu_percent) AS cpu_percent,
                       MAX(process_rss_bytes) AS rss_bytes, AVG(gpu_util_percent) AS gpu_util_percent,
                       SUM(gpu_mem_used_bytes) AS gpu_mem_bytes
                FROM samples WHERE attempt_id = ? GROUP BY seconds_since_start ORDER BY seconds_since_start
                """)) {
            statement.setString(1, attemptId);
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    Map<String, Object> row = new HashMap<>();
                    for (String column : columns) {
                        row.put(column, result.getObject(column));
                    }
                    rows.add(row);
                }
            }
            int step = Math.max(1, (rows.size() + MAX_TRACE_POINTS - 1) / MAX_TRACE_POINTS);
            for (int i = 0; i < rows.size(); i += step) {
                Map<String, Object> row = rows.get(i);
                columns.forEach(column -> samples.get(column).add(row.get(column)));
            }
        }
        return samples;
    }

    @Override
    public void close() throws SQLException {
        if (connection != null) {
            connection.close();
        }
    }
}
