package io.benchfleet.report;

import static io.benchfleet.report.ResultsDbRows.execute;

import io.benchfleet.rundirectory.ResultsDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A results.db of S4's comparison on one worker node that offers both frameworks: {mnist with s4-mnist-cnn, letter
 * with s4-letter-mlp} x cpu x holdout-0.3 x 2 repetitions x {dl4j, pytorch}, in the order the sweep plans them
 * (repetition before framework). Each dataset's attempts trained on one partition, whatever their framework.
 * <ul>
 *   <li>mnist: dl4j 20 and 24 s (2450 and 2050 samples/s), pytorch 10 and 14 s (4900 and 3500 samples/s);
 *       the first repetition of each has one epoch, pytorch's also one sample</li>
 *   <li>letter: dl4j 6 and 8 s, pytorch 3 s; pytorch's second repetition diverged</li>
 * </ul>
 */
final class TwoFrameworksFixture {

    static final String DL4J_VERSION = "1.0.0-M2.1";
    static final String PYTORCH_VERSION = "1.13.0a0";
    static final String MNIST_PARTITION = "a".repeat(64);
    static final String LETTER_PARTITION = "b".repeat(64);
    static final String SPLIT = "holdout-0.3";

    private TwoFrameworksFixture() {
    }

    static void create(Path runDirectory) throws SQLException {
        try (Connection connection = ResultsDatabase.openForWriting(runDirectory)) {
            execute(connection, "INSERT INTO run (key, value) VALUES ('sweep_name', 's4-frameworks')");
            execute(connection, "INSERT INTO workers (worker_id, hostname, os, cpu_model, logical_cores, memory_bytes,"
                            + " jvm, slots, gpus, joined_at, frameworks) VALUES ('w-1', 'alpha', 'Linux 6.1', 'Intel Xeon',"
                            + " 16, 68719476736, '17.0.15', 'cpu', '', '2025-01-01T09:59:00Z', ?)",
                    "dl4j " + DL4J_VERSION + " (cpu); pytorch " + PYTORCH_VERSION + " (cpu, gpu)");
            task(connection, "m-d1", "mnist", 1, "dl4j");
            task(connection, "m-p1", "mnist", 1, "pytorch");
            task(connection, "m-d2", "mnist", 2, "dl4j");
            task(connection, "m-p2", "mnist", 2, "pytorch");
            task(connection, "l-d1", "letter", 1, "dl4j");
            task(connection, "l-p1", "letter", 1, "pytorch");
            task(connection, "l-d2", "letter", 2, "dl4j");
            task(connection, "l-p2", "letter", 2, "pytorch");
            succeeded(connection, "m-d1", 20.0, 2450.0, 0.980, DL4J_VERSION, MNIST_PARTITION);
            succeeded(connection, "m-p1", 10.0, 4900.0, 0.985, PYTORCH_VERSION, MNIST_PARTITION);
            succeeded(connection, "m-d2", 24.0, 2050.0, 0.970, DL4J_VERSION, MNIST_PARTITION);
            succeeded(connection, "m-p2", 14.0, 3500.0, 0.975, PYTORCH_VERSION, MNIST_PARTITION);
            succeeded(connection, "l-d1", 6.0, 2333.0, 0.80, DL4J_VERSION, LETTER_PARTITION);
            succeeded(connection, "l-p1", 3.0, 4667.0, 0.82, PYTORCH_VERSION, LETTER_PARTITION);
            succeeded(connection, "l-d2", 8.0, 1750.0, 0.78, DL4J_VERSION, LETTER_PARTITION);
            execute(connection, "INSERT INTO attempts (attempt_id, task_id, number, worker_id, slot, status, started_at,"
                    + " failure_kind, failure_message, framework_version, partition_sha256) VALUES ('l-p2-a1', 'l-p2', 1,"
                    + " 'w-1', 'cpu', 'failed', '2025-01-01T10:00:00Z', 'DIVERGED', 'loss is NaN', ?, ?)",
                    PYTORCH_VERSION, LETTER_PARTITION);
            String epoch = "INSERT INTO epochs (attempt_id, task_id, epoch, seconds, samples_per_second, train_loss)"
                    + " VALUES (?, ?, 1, ?, ?, 0.3)";
            execute(connection, epoch, "m-d1-a1", "m-d1", 20.0, 2450.0);
            execute(connection, epoch, "m-p1-a1", "m-p1", 10.0, 4900.0);
            execute(connection, "INSERT INTO samples (attempt_id, task_id, seconds_since_start, process_rss_bytes)"
                    + " VALUES ('m-p1-a1', 'm-p1', 1.0, 300000000)");
        }
    }

    private static void task(Connection connection, String id, String dataset, int repetition, String framework)
            throws SQLException {
        execute(connection, "INSERT INTO tasks (task_id, dataset, architecture, device, split, fold, repetition, seed,"
                        + " epochs, batch_size, train_limit, framework, train_fraction) VALUES (?, ?, ?, 'cpu', ?, 0, ?, ?,"
                        + " 1, 128, 0, ?, 1.0)",
                id, dataset, dataset.equals("mnist") ? "s4-mnist-cnn" : "s4-letter-mlp", SPLIT, repetition, repetition,
                framework);
    }

    private static void succeeded(Connection connection, String taskId, double trainSeconds, double samplesPerSecond,
                                  double testAccuracy, String frameworkVersion, String partition) throws SQLException {
        execute(connection, "INSERT INTO attempts (attempt_id, task_id, number, worker_id, slot, status, started_at,"
                        + " train_samples, test_samples, train_seconds, samples_per_second, test_accuracy,"
                        + " framework_version, partition_sha256)"
                        + " VALUES (?, ?, 1, 'w-1', 'cpu', 'succeeded', '2025-01-01T10:00:00Z', 14000, 6000, ?, ?, ?, ?, ?)",
                taskId + "-a1", taskId, trainSeconds, samplesPerSecond, testAccuracy, frameworkVersion, partition);
    }
}
