package io.benchfleet.coordinator.endtoend;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real thing on loopback: a coordinator JVM, worker-node JVMs that join it through Pekko
 * Cluster, and DL4J trainer JVMs, on a tiny generated IDX dataset.
 */
class SweepEndToEndIT {

    private static final long SWEEP_SECONDS = 240;

    @TempDir
    Path dir;

    private Path sweepFile(String dataDir) throws IOException {
        Path file = dir.resolve("tiny.conf");
        Files.writeString(file, """
                sweep {
                  name = tiny
                  datasets = [mnist]
                  architectures = [mlp-small]
                  repetitions = 2
                  training { epochs = 1, batch-size = 32 }
                }
                data-dir = "%s"
                metrics { interval = 200ms }
                """.formatted(dataDir));
        return file;
    }

    @Test
    void twoWorkerNodesThatJoinByAddressRunTheSweepAndEveryResultIsRecorded() throws Exception {
        IdxFixture.writeMnist(dir.resolve("data"), 600, 200);
        Path runDir = dir.resolve("run");
        int port = Benchfleet.freePort();
        Process coordinator = Benchfleet.start(dir.resolve("coordinator.out"), "coordinator", "run",
                sweepFile(dir.resolve("data").toString()).toString(), "--run-dir", runDir.toString(),
                "--local-workers", "0", "--min-workers", "2", "--port", Integer.toString(port));
        List<Process> workers = new ArrayList<>();
        try {
            for (int i = 1; i <= 2; i++) {
                workers.add(Benchfleet.start(dir.resolve("worker-" + i + ".out"), "worker-node",
                        "--join", "127.0.0.1:" + port, "--cores", "1", "--log-file", dir.resolve("worker-" + i + ".log").toString()));
            }

            int exitCode = Benchfleet.waitFor(coordinator, SWEEP_SECONDS);

            assertThat(exitCode).as(Benchfleet.read(dir.resolve("coordinator.out"))).isZero();
        } finally {
            workers.forEach(Benchfleet::stop);
            Benchfleet.stop(coordinator);
        }
        List<CSVRecord> results = Benchfleet.csv(runDir.resolve("results.csv"));
        assertThat(results).hasSize(2);
        assertThat(results).allSatisfy(row -> {
            assertThat(row.get("status")).isEqualTo("succeeded");
            assertThat(row.get("attempts")).isEqualTo("1");
            assertThat(row.get("params")).isEqualTo("101770");
            assertThat(row.get("train_samples")).isEqualTo("600");
            assertThat(row.get("test_samples")).isEqualTo("200");
            assertThat(Double.parseDouble(row.get("test_accuracy"))).isGreaterThan(0.5);
            assertThat(Double.parseDouble(row.get("samples_per_second"))).isPositive();
        });
        assertThat(Benchfleet.csv(runDir.resolve("epochs.csv"))).hasSize(2);
        assertThat(Benchfleet.csv(runDir.resolve("samples.csv"))).isNotEmpty();
        assertThat(runDir.resolve("sweep.conf")).exists();
        assertThat(List.of("environment.json", "report.json", "report.html", "logs/coordinator.log"))
                .allSatisfy(name -> assertThat(runDir.resolve(name)).isNotEmptyFile());
        assertThat(query(runDir, "SELECT COUNT(DISTINCT worker_id) FROM attempts WHERE status = 'succeeded'")).isEqualTo(2);
        assertThat(query(runDir, "SELECT COUNT(*) FROM workers")).isEqualTo(2);
        assertThat(Benchfleet.read(dir.resolve("coordinator.out"))).contains("mlp-small").contains(runDir.toString());
    }

    @Test
    void aTaskWhoseDataIsCorruptFailsWithTheFileNamedAndTheSweepExitsWithOne() throws Exception {
        Path data = IdxFixture.writeMnist(dir.resolve("data"), 300, 100);
        Path labels = data.resolve("train-labels-idx1-ubyte");
        byte[] truncated = java.util.Arrays.copyOf(Files.readAllBytes(labels), 100);
        Files.write(labels, truncated);
        Path runDir = dir.resolve("run");

        int exitCode = Benchfleet.runCoordinator(dir, SWEEP_SECONDS, "run",
                sweepFile(dir.resolve("data").toString()).toString(), "--run-dir", runDir.toString(),
                "--local-workers", "1");

        assertThat(exitCode).as(Benchfleet.read(dir.resolve("coordinator.out"))).isEqualTo(1);
        List<CSVRecord> results = Benchfleet.csv(runDir.resolve("results.csv"));
        assertThat(results).hasSize(2).allSatisfy(row -> assertThat(row.get("status")).isEqualTo("failed"));
        assertThat(query(runDir, "SELECT COUNT(*) FROM attempts WHERE failure_kind = 'BAD_INPUT'"
                + " AND failure_message LIKE '%train-labels-idx1-ubyte: truncated%'")).isEqualTo(2);
        assertThat(runDir.resolve("logs/coordinator.log")).isNotEmptyFile();
        assertThat(runDir.resolve("logs/worker-node-1.log")).isNotEmptyFile();
    }

    private static long query(Path runDir, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + runDir.resolve("results.db"));
             ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
