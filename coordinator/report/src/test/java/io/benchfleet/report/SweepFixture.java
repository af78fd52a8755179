package io.benchfleet.report;

import static io.benchfleet.report.ResultsDbRows.execute;

import io.benchfleet.rundirectory.ResultsDatabase;
import io.benchfleet.rundirectory.RunFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A results.db as the coordinator leaves it after a small sweep, built from the real schema:
 * fashion-mnist x {mlp-small, cnn-medium} x cpu x 2 repetitions with DL4J on the whole training part, plus a
 * third mlp-small repetition that never ran. Every attempt that got as far as training saw the same partition.
 * <ul>
 *   <li>t1 mlp-small rep 1: succeeded on alpha; peak RSS 700 comes from its epochs (samples peak at 650)</li>
 *   <li>t2 mlp-small rep 2: attempt 1 failed on alpha, attempt 2 succeeded on beta; peak RSS 1200 comes
 *       from attempt 2's samples (attempt 1 peaked at 9999, which must not count)</li>
 *   <li>t3 cnn-medium rep 1: succeeded on beta, no test loss, no RSS anywhere</li>
 *   <li>t4 cnn-medium rep 2: failed on alpha with a two-line message holding a script tag</li>
 *   <li>t5 mlp-small rep 3: no attempt</li>
 * </ul>
 */
final class SweepFixture {

    static final String SCRIPT_FAILURE = "<script>alert(1)</script> out of memory\n\tat trainer line 2";
    static final String DL4J_VERSION = "1.0.0-M2.1";
    static final String PARTITION = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private SweepFixture() {
    }

    static Path create(Path runDirectory) throws SQLException, IOException {
        try (Connection connection = ResultsDatabase.openForWriting(runDirectory)) {
            insertRun(connection);
            insertWorkers(connection);
            insertTasks(connection);
            insertAttempts(connection);
            insertEpochs(connection);
            insertSamples(connection);
        }
        return ResultsDatabase.fileIn(runDirectory);
    }

    /**
     * Turns the fixture sweep in {@code runDirectory} into the same sweep measured on a host {@code factor} times
     * slower: every attempt's and epoch's seconds multiplied, its samples per second divided. Merged with an
     * unchanged run, each task id then has two measurements that differ.
     */
    static void slowDown(Path runDirectory, double factor) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:sqlite:" + runDirectory.resolve(RunFiles.RESULTS_DB))) {
            execute(connection, "UPDATE attempts SET train_seconds = train_seconds * ?,"
                    + " samples_per_second = samples_per_second / ?", factor, factor);
            execute(connection, "UPDATE epochs SET seconds = seconds * ?, samples_per_second = samples_per_second / ?",
                    factor, factor);
        }
    }

    /** Gives an attempt of the fixture sweep a status that no benchfleet writes, as a newer coordinator might. */
    static void recordStatus(Path runDirectory, String attemptId, String status) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:sqlite:" + runDirectory.resolve(RunFiles.RESULTS_DB))) {
            execute(connection, "UPDATE attempts SET status = ? WHERE attempt_id = ?", status, attemptId);
        }
    }

    private static void insertRun(Connection connection) throws SQLException {
        String sql = "INSERT INTO run (key, value) VALUES (?, ?)";
        execute(connection, sql, "sweep_name", "quickstart");
        execute(connection, sql, "started_at", "2025-01-01T10:00:00Z");
        execute(connection, sql, "finished_at", "2025-01-01T11:00:00Z");
        execute(connection, sql, "coordinator_jvm", "OpenJDK 64-Bit Server VM 17.0.15");
    }

    private static void insertWorkers(Connection connection) throws SQLException {
        String sql = "INSERT INTO workers (worker_id, hostname, os, cpu_model, logical_cores, memory_bytes, jvm, slots,"
                + " gpus, joined_at, frameworks) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        execute(connection, sql, "w-1", "alpha", "Linux 6.1", "Intel Xeon", 16, 68_719_476_736L, "17.0.15", "cpu",
                "", "2025-01-01T09:59:00Z", "dl4j " + DL4J_VERSION + " (cpu)");
        execute(connection, sql, "w-2", "beta", "Linux 6.1", "AMD EPYC", 32, 137_438_953_472L, "17.0.15", "cpu, gpu:0",
                "gpu:0 Tesla T4, 15.0 GiB, driver 535.104.05, CUDA 12.2", "2025-01-01T09:59:30Z",
                "dl4j " + DL4J_VERSION + " (cpu, gpu)");
    }

    private static void insertTasks(Connection connection) throws SQLException {
        String sql = "INSERT INTO tasks (task_id, dataset, architecture, device, split, fold, repetition, seed, epochs,"
                + " batch_size, train_limit, framework, train_fraction)"
                + " VALUES (?, 'fashion-mnist', ?, 'cpu', 'standard', 0, ?, 1, 2, 128, 10000, 'dl4j', 1.0)";
        execute(connection, sql, "t1", "mlp-small", 1);
        execute(connection, sql, "t2", "mlp-small", 2);
        execute(connection, sql, "t3", "cnn-medium", 1);
        execute(connection, sql, "t4", "cnn-medium", 2);
        execute(connection, sql, "t5", "mlp-small", 3);
    }

    private static void insertAttempts(Connection connection) throws SQLException {
        String sql = """
                INSERT INTO attempts (attempt_id, task_id, number, worker_id, slot, status, started_at,
                  failure_kind, failure_message, params, train_samples, test_samples, train_seconds,
                  samples_per_second, test_accuracy, test_loss, framework_version, partition_sha256)
                VALUES (?, ?, ?, ?, 'cpu', ?, '2025-01-01T10:00:00Z', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """;
        execute(connection, sql, "a1", "t1", 1, "w-1", "succeeded", null, null,
                101_770L, 10_000L, 2_000L, 10.0, 1000.0, 0.80, 0.55, DL4J_VERSION, PARTITION);
        // The retry is inserted before the attempt it retries: the final attempt is chosen by status and number.
        execute(connection, sql, "a3", "t2", 2, "w-2", "succeeded", null, null,
                101_770L, 10_000L, 2_000L, 14.0, 800.0, 0.84, 0.45, DL4J_VERSION, PARTITION);
        execute(connection, sql, "a2", "t2", 1, "w-1", "failed", "CRASHED", "trainer exited with code 137",
                null, null, null, null, null, null, null, null, null);
        execute(connection, sql, "a4", "t3", 1, "w-2", "succeeded", null, null,
                421_642L, 10_000L, 2_000L, 30.0, 300.0, 0.90, null, DL4J_VERSION, PARTITION);
        execute(connection, sql, "a5", "t4", 1, "w-1", "failed", "ERROR", SCRIPT_FAILURE,
                null, null, null, null, null, null, null, DL4J_VERSION, PARTITION);
    }

    private static void insertEpochs(Connection connection) throws SQLException {
        String sql = "INSERT INTO epochs (attempt_id, task_id, epoch, seconds, samples_per_second, train_loss,"
                + " train_accuracy, test_loss, test_accuracy, heap_bytes, rss_bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        execute(connection, sql, "a1", "t1", 1, 9.0, 1000.0, 0.9, 0.7, 0.6, 0.78, 100L, 500L);
        execute(connection, sql, "a1", "t1", 2, 5.0, 1000.0, 0.6, 0.8, 0.55, 0.80, 120L, 700L);
        execute(connection, sql, "a2", "t2", 1, 7.0, 800.0, 0.8, 0.75, 0.5, 0.82, 110L, 9999L);
        execute(connection, sql, "a3", "t2", 1, 7.0, 800.0, 0.8, 0.75, 0.5, 0.82, 110L, 800L);
        execute(connection, sql, "a3", "t2", 2, 7.0, 800.0, 0.5, 0.85, 0.45, 0.84, 130L, 800L);
        execute(connection, sql, "a4", "t3", 1, 30.0, 300.0, 0.4, null, null, 0.90, null, null);
    }

    private static void insertSamples(Connection connection) throws SQLException {
        String sql = "INSERT INTO samples (attempt_id, task_id, seconds_since_start, process_cpu_percent,"
                + " process_rss_bytes, host_cpu_percent, host_used_bytes, gpu_index, gpu_util_percent, gpu_mem_used_bytes,"
                + " gpu_power_watts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        execute(connection, sql, "a1", "t1", 1.0, 99.0, 600L, 50.0, 8_000_000_000L, null, null, null, null);
        execute(connection, sql, "a1", "t1", 2.0, 98.0, 650L, 51.0, 8_000_000_000L, null, null, null, null);
        execute(connection, sql, "a2", "t2", 1.0, 97.0, 9000L, 52.0, 8_000_000_000L, null, null, null, null);
        execute(connection, sql, "a3", "t2", 2.0, 95.5, 1100L, 49.0, 8_100_000_000L, null, null, null, null);
        execute(connection, sql, "a3", "t2", 1.0, 95.5, 1200L, 50.0, 8_100_000_000L, 0, 40.0, 1000L, 150.5);
    }
}
