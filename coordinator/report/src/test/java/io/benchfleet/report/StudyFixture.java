package io.benchfleet.report;

import static io.benchfleet.report.ResultsDbRows.execute;

import io.benchfleet.rundirectory.ResultsDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A results.db with every axis the studies' sections set side by side: {mnist with s4-mnist-cnn, letter with
 * s4-letter-mlp} x cpu x {dl4j, pytorch} x {holdout-0.3 with 2 repetitions, kfold-3 with one}, 20 tasks, all
 * succeeded, each with two epochs and three resource samples. PyTorch trains twice as fast as DL4J everywhere:
 * a hold-out task takes 10 s (DL4J 20 s) on mnist and 4 s (8 s) on letter, a fold a third of that.
 */
final class StudyFixture {

    static final List<String> DATASETS = List.of("mnist", "letter");
    static final List<String> FRAMEWORKS = List.of("dl4j", "pytorch");
    static final String HOLDOUT = "holdout-0.3";
    static final String KFOLD = "kfold-3";

    private StudyFixture() {
    }

    static void create(Path runDirectory) throws SQLException {
        try (Connection connection = ResultsDatabase.openForWriting(runDirectory)) {
            execute(connection, "INSERT INTO run (key, value) VALUES ('sweep_name', 's4-frameworks')");
            execute(connection, "INSERT INTO workers (worker_id, hostname, os, cpu_model, logical_cores, memory_bytes,"
                    + " jvm, slots, gpus, joined_at, frameworks) VALUES ('w-1', 'alpha', 'Linux 6.1', 'Intel Xeon', 16,"
                    + " 68719476736, '17.0.15', 'cpu', '', '2025-01-01T09:59:00Z', 'dl4j 1.0.0-M2.1 (cpu); pytorch"
                    + " 2.6.0 (cpu)')");
            for (String dataset : DATASETS) {
                for (String framework : FRAMEWORKS) {
                    double holdoutSeconds = (dataset.equals("mnist") ? 10 : 4) * (framework.equals("dl4j") ? 2 : 1);
                    for (int repetition = 1; repetition <= 2; repetition++) {
                        task(connection, dataset, framework, HOLDOUT, 0, repetition, holdoutSeconds + repetition - 1);
                    }
                    for (int fold = 1; fold <= 3; fold++) {
                        task(connection, dataset, framework, KFOLD, fold, 1, holdoutSeconds / 3);
                    }
                }
            }
        }
    }

    private static void task(Connection connection, String dataset, String framework, String split, int fold,
                             int repetition, double trainSeconds) throws SQLException {
        String id = String.join("-", dataset, framework, split, String.valueOf(fold), String.valueOf(repetition));
        String attempt = id + "-a1";
        execute(connection, "INSERT INTO tasks (task_id, dataset, architecture, device, split, fold, repetition, seed,"
                        + " epochs, batch_size, train_limit, framework, train_fraction) VALUES (?, ?, ?, 'cpu', ?, ?, ?, ?,"
                        + " 2, 128, 0, ?, 1.0)",
                id, dataset, dataset.equals("mnist") ? "s4-mnist-cnn" : "s4-letter-mlp", split, fold, repetition,
                repetition, framework);
        double accuracy = (dataset.equals("mnist") ? 0.98 : 0.80) + (framework.equals("pytorch") ? 0.01 : 0);
        long rss = (framework.equals("dl4j") ? 600L : 300L) << 20;
        execute(connection, "INSERT INTO attempts (attempt_id, task_id, number, worker_id, slot, status, started_at,"
                        + " train_samples, test_samples, train_seconds, samples_per_second, test_accuracy,"
                        + " framework_version, partition_sha256) VALUES (?, ?, 1, 'w-1', 'cpu', 'succeeded',"
                        + " '2025-01-01T10:00:00Z', 14000, 6000, ?, ?, ?, 'v', ?)",
                attempt, id, trainSeconds, 2 * 14000 / trainSeconds, accuracy, "a".repeat(64));
        for (int epoch = 1; epoch <= 2; epoch++) {
            execute(connection, "INSERT INTO epochs (attempt_id, task_id, epoch, seconds, samples_per_second, train_loss,"
                            + " test_accuracy, rss_bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    attempt, id, epoch, trainSeconds / 2, 2 * 14000 / trainSeconds, 1.0 / epoch, accuracy, rss);
        }
        for (int second = 1; second <= 3; second++) {
            execute(connection, "INSERT INTO samples (attempt_id, task_id, seconds_since_start, process_cpu_percent,"
                    + " process_rss_bytes) VALUES (?, ?, ?, ?, ?)", attempt, id, (double) second, 95.0, rss);
        }
    }
}
