package io.benchfleet.report;

import static io.benchfleet.report.ResultsDbRows.execute;

import io.benchfleet.rundirectory.ResultsDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A results.db of S2's comparison: mnist, split standard, {dl4j, pytorch} x {mlp-small, cnn-medium} on a gpu and
 * mlp-small on a cpu, one repetition of two epochs each. Every gpu attempt's trainer RSS is far from its GPU
 * memory, so a figure that took the wrong one shows.
 * <ul>
 *   <li>GPU memory after epoch 1 and 2 (MiB): dl4j mlp 500 and 600, pytorch mlp 400 and 440, dl4j cnn 1500 and
 *       1800, pytorch cnn 800 and 1000; peak in the samples (the whole GPU): dl4j mlp 1000, pytorch mlp 800, dl4j cnn
 *       3000, pytorch cnn 1600; trainer RSS 5000 after each epoch and in the samples</li>
 *   <li>cpu mlp: RSS after epoch 1 and 2 (MiB) dl4j 400 and 500, pytorch 200 and 250; peak in the samples dl4j
 *       600, pytorch 300</li>
 * </ul>
 */
final class GpuMemoryFixture {

    static final long MIB = 1L << 20;

    private GpuMemoryFixture() {
    }

    static void create(Path runDirectory) throws SQLException {
        try (Connection connection = ResultsDatabase.openForWriting(runDirectory)) {
            execute(connection, "INSERT INTO run (key, value) VALUES ('sweep_name', 's2-frameworks')");
            execute(connection, "INSERT INTO workers (worker_id, hostname, os, cpu_model, logical_cores, memory_bytes,"
                    + " jvm, slots, gpus, joined_at, frameworks) VALUES ('w-1', 'alpha', 'Linux 6.1', 'AMD EPYC', 16,"
                    + " 68719476736, '17.0.15', 'cpu, gpu:0', 'gpu:0 NVIDIA H200, 140.4 GiB', '2025-01-01T09:59:00Z',"
                    + " 'dl4j 1.0.0-M2.1 (cpu, gpu); pytorch 1.13.0a0 (cpu, gpu)')");
            gpuTask(connection, "g-d-mlp", "mlp-small", "dl4j", 101_770, new long[] {500, 600}, 1000);
            gpuTask(connection, "g-p-mlp", "mlp-small", "pytorch", 101_770, new long[] {400, 440}, 800);
            gpuTask(connection, "g-d-cnn", "cnn-medium", "dl4j", 421_642, new long[] {1500, 1800}, 3000);
            gpuTask(connection, "g-p-cnn", "cnn-medium", "pytorch", 421_642, new long[] {800, 1000}, 1600);
            cpuTask(connection, "c-d-mlp", "dl4j", new long[] {400, 500}, 600);
            cpuTask(connection, "c-p-mlp", "pytorch", new long[] {200, 250}, 300);
        }
    }

    private static void gpuTask(Connection connection, String id, String architecture, String framework, long params,
                                long[] gpuMib, long gpuPeakMib) throws SQLException {
        task(connection, id, architecture, "gpu", framework, params);
        for (int epoch = 1; epoch <= gpuMib.length; epoch++) {
            epoch(connection, id, epoch, 5000 * MIB, gpuMib[epoch - 1] * MIB);
        }
        execute(connection, "INSERT INTO samples (attempt_id, task_id, seconds_since_start, process_rss_bytes,"
                + " gpu_index, gpu_util_percent, gpu_mem_used_bytes) VALUES (?, ?, 1.0, ?, 0, 90.0, ?)",
                id + "-a1", id, 5000 * MIB, gpuPeakMib * MIB);
    }

    private static void cpuTask(Connection connection, String id, String framework, long[] rssMib, long rssPeakMib)
            throws SQLException {
        task(connection, id, "mlp-small", "cpu", framework, 101_770);
        for (int epoch = 1; epoch <= rssMib.length; epoch++) {
            epoch(connection, id, epoch, rssMib[epoch - 1] * MIB, null);
        }
        execute(connection, "INSERT INTO samples (attempt_id, task_id, seconds_since_start, process_rss_bytes)"
                + " VALUES (?, ?, 1.0, ?)", id + "-a1", id, rssPeakMib * MIB);
    }

    private static void task(Connection connection, String id, String architecture, String device, String framework,
                             long params) throws SQLException {
        execute(connection, "INSERT INTO tasks (task_id, dataset, architecture, device, split, fold, repetition, seed,"
                        + " epochs, batch_size, train_limit, framework, train_fraction)"
                        + " VALUES (?, 'mnist', ?, ?, 'standard', 0, 1, 1, 2, 128, 0, ?, 1.0)",
                id, architecture, device, framework);
        execute(connection, "INSERT INTO attempts (attempt_id, task_id, number, worker_id, slot, status, started_at,"
                        + " params, train_samples, test_samples, train_seconds, samples_per_second, test_accuracy)"
                        + " VALUES (?, ?, 1, 'w-1', ?, 'succeeded', '2025-01-01T10:00:00Z', ?, 60000, 10000, 4.0,"
                        + " 30000.0, 0.97)",
                id + "-a1", id, device.equals("gpu") ? "gpu:0" : "cpu", params);
    }

    private static void epoch(Connection connection, String id, int epoch, long rssBytes, Long gpuMemBytes)
            throws SQLException {
        execute(connection, "INSERT INTO epochs (attempt_id, task_id, epoch, seconds, samples_per_second, train_loss,"
                        + " test_accuracy, rss_bytes, gpu_mem_bytes) VALUES (?, ?, ?, 2.0, 30000.0, 0.3, 0.97, ?, ?)",
                id + "-a1", id, epoch, rssBytes, gpuMemBytes);
    }
}
