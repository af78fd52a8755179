package io.benchfleet.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.benchfleet.rundirectory.AddedColumns;
import io.benchfleet.rundirectory.RunFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture sweep in a results.db written before any of {@link AddedColumns} existed (no framework, train
 * fraction, worker frameworks, framework version, partition, epochs' GPU memory, nor the device columns before them):
 * read through the temporary views that show them as NULL, it reports DL4J tasks on whole training parts, as it always
 * did.
 */
class OlderResultsDbTest {

    @TempDir
    Path runDirectory;

    @BeforeEach
    void writeTheFixtureThenDropTheAddedColumns() throws Exception {
        SweepFixture.create(runDirectory);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + runDirectory.resolve(RunFiles.RESULTS_DB));
             Statement statement = connection.createStatement()) {
            for (AddedColumns.Column column : AddedColumns.ALL) {
                statement.execute("ALTER TABLE " + column.table() + " DROP COLUMN " + column.name());
            }
            assertThat(AddedColumns.missingFrom(connection)).isEqualTo(AddedColumns.ALL);
        }
    }

    @Test
    void readsTheTasksInTheirPlannedOrderAsDl4jOnTheWholeTrainingPart() throws Exception {
        try (ResultsReader reader = ResultsReader.open(runDirectory)) {
            RunResults results = reader.read();

            assertThat(results.tasks()).extracting(result -> result.task().id() + " " + result.task().framework() + " "
                    + result.task().trainFraction()).containsExactly("t1 dl4j 1.0", "t2 dl4j 1.0", "t3 dl4j 1.0",
                    "t4 dl4j 1.0", "t5 dl4j 1.0");
            RecordedAttempt t2 = results.tasks().get(1).finalAttempt().orElseThrow();
            assertThat(List.of(t2.frameworkVersion(), t2.partitionSha256())).containsOnly(Optional.empty());
            assertThat(results.workers()).extracting(RecordedWorkerNode::frameworks).containsOnly(List.of());
            assertThat(results.epochs()).isNotEmpty().extracting(RecordedEpoch::gpuMemBytes)
                    .containsOnly(Optional.empty());
        }
    }

    @Test
    void writesTheAddedResultsColumnsWithTheDefaultsAndNothingUnknown() throws Exception {
        RunReport.write(runDirectory, Optional.empty(), Map.of());

        List<String> lines = Files.readAllLines(runDirectory.resolve(RunFiles.RESULTS_CSV));
        assertThat(lines.get(0)).endsWith(",run,framework,framework_version,train_fraction,partition_sha256,"
                + "epochs,batch_size,learning_rate");
        assertThat(lines.get(2)).startsWith("t2,").endsWith(",1200,,,,,,,,,1000," + runDirectory.getFileName()
                + ",dl4j,,1.0,,2,128,");
        JsonNode environment = new ObjectMapper().readTree(runDirectory.resolve(RunFiles.ENVIRONMENT_JSON).toFile());
        assertThat(environment.at("/worker_nodes/0/frameworks").toString()).isEqualTo("[]");
    }

    @Test
    void printsTheConsoleTableWithoutFrameworkOrTrainFraction() throws Exception {
        RunSummary summary = RunReport.write(runDirectory, Optional.empty(), Map.of());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        ConsoleTable.print(summary, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow()).isEqualTo(
                "dataset        architecture  device  split     n  failed  train s  samples/s  test acc  epoch 1 s"
                        + "  later epochs s");
        assertThat(Files.readString(runDirectory.resolve(RunFiles.REPORT_HTML)))
                .contains("<h3>train time (s), mean &plusmn; std [95 % CI], device cpu, split standard</h3>")
                .doesNotContain("<th>framework</th>").doesNotContain("<th>train fraction</th>");
    }
}
