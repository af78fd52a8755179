package io.benchfleet.coordinator.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The framework axis for real: one sweep trains the same tasks with the DL4J trainer JVM and the PyTorch trainer
 * (Debian's python3-torch), through a worker node that prepares each task's data partition once for both.
 */
class FrameworksIT {

    private static final long SWEEP_SECONDS = 300;

    @TempDir
    Path dir;

    @Test
    void bothFrameworksTrainTheSameTasksOnTheSameDataAndTheReportTellsThemApart() throws Exception {
        IdxFixture.writeMnist(dir.resolve("data"), 600, 200);
        Path data = dir.resolve("data");
        Path sweep = dir.resolve("frameworks.conf");
        Files.writeString(sweep, """
                sweep {
                  name = frameworks
                  datasets = [mnist]
                  architectures = [mlp-small]
                  frameworks = [dl4j, pytorch]
                  split { kind = holdout, test-fraction = 0.25 }
                  repetitions = 2
                  training { epochs = 2, batch-size = 32 }
                }
                data-dir = "%s"
                metrics { interval = 200ms }
                """.formatted(data));
        Path runDir = dir.resolve("run");

        int exitCode = Benchfleet.runCoordinator(dir, SWEEP_SECONDS, "run", sweep.toString(),
                "--run-dir", runDir.toString(), "--local-workers", "1");

        assertThat(exitCode).as(Benchfleet.read(dir.resolve("coordinator.out"))).isZero();
        List<CSVRecord> results = Benchfleet.csv(runDir.resolve("results.csv"));
        assertThat(results).hasSize(4).allSatisfy(row -> {
            assertThat(row.get("status")).isEqualTo("succeeded");
            assertThat(row.get("params")).isEqualTo("101770");
            assertThat(row.get("train_samples")).isEqualTo("600");
            assertThat(row.get("test_samples")).isEqualTo("200");
            assertThat(row.get("framework_version")).isNotBlank();
            assertThat(row.get("partition_sha256")).matches("[0-9a-f]{64}");
            assertThat(Double.parseDouble(row.get("test_accuracy"))).isGreaterThan(0.5);
        });
        assertThat(results).extracting(row -> row.get("framework")).containsOnly("dl4j", "pytorch")
                .filteredOn("pytorch"::equals).hasSize(2);
        Map<Integer, List<String>> partitionsByRepetition = partitionsByRepetition(runDir);
        assertThat(partitionsByRepetition).hasSize(2).allSatisfy((repetition, hashes) ->
                assertThat(hashes).hasSize(2).containsOnly(hashes.get(0)));
        assertThat(partitionsByRepetition.get(1).get(0)).isNotEqualTo(partitionsByRepetition.get(2).get(0));
        JsonNode environment = new ObjectMapper().readTree(runDir.resolve("environment.json").toFile());
        assertThat(environment.toString()).contains("pytorch").contains("dl4j");
        assertThat(Benchfleet.read(dir.resolve("coordinator.out"))).contains("pytorch").contains("dl4j");
    }

    /** The data partition of each succeeded attempt, by its task's repetition: a holdout split draws anew per repetition. */
    private static Map<Integer, List<String>> partitionsByRepetition(Path runDir) throws SQLException {
        Map<Integer, List<String>> partitions = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + runDir.resolve("results.db"));
             ResultSet rows = connection.createStatement().executeQuery("SELECT t.repetition, a.partition_sha256"
                     + " FROM attempts a JOIN tasks t ON t.task_id = a.task_id WHERE a.status = 'succeeded'")) {
            while (rows.next()) {
                partitions.computeIfAbsent(rows.getInt(1), repetition -> new ArrayList<>()).add(rows.getString(2));
            }
        }
        return partitions;
    }


}
