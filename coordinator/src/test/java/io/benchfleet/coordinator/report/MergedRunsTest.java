package io.benchfleet.coordinator.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two runs of the fixture sweep merged: the same task ids twice, i.e. every task measured again. */
class MergedRunsTest {

    @TempDir
    Path dir;

    private Path first;
    private Path second;
    private Path merged;
    private RunSummary summary;

    @BeforeEach
    void mergeTwoRuns() throws Exception {
        first = Files.createDirectory(dir.resolve("first"));
        second = Files.createDirectory(dir.resolve("second"));
        merged = dir.resolve("merged");
        SweepFixture.create(first);
        SweepFixture.create(second);
        summary = RunReport.write(List.of(first, second), merged, Map.of("pekko", "1.1.3"));
    }

    @Test
    void keepsEveryRowOfEveryRunInTheExports() throws IOException {
        assertThat(records(RunReport.RESULTS_CSV)).extracting(row -> row.get("task_id"))
                .containsExactly("t1", "t2", "t3", "t4", "t5", "t1", "t2", "t3", "t4", "t5");
        assertThat(records(RunReport.EPOCHS_CSV)).hasSize(2 * 5);
        assertThat(records(RunReport.SAMPLES_CSV)).hasSize(2 * 5);
        assertThat(merged.resolve(RunReport.REPORT_HTML)).isNotEmptyFile();
    }

    private List<CSVRecord> records(String file) throws IOException {
        try (Reader reader = Files.newBufferedReader(merged.resolve(file))) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader).getRecords();
        }
    }

    @Test
    void countsTheSameTaskInTwoRunsAsRepeatedMeasurements() {
        GroupSummary mlp = summary.groups().get(0);

        assertThat(summary.groups()).hasSize(2);
        assertThat(mlp.architecture()).isEqualTo("mlp-small");
        assertThat(mlp.succeeded()).isEqualTo(4);
        assertThat(mlp.notRun()).isEqualTo(2);
        assertThat(mlp.trainSeconds().orElseThrow().mean()).isEqualTo(12.0);
    }

    @Test
    void recordsTheMergedRunsAndTheirWorkerNodesOnce() throws IOException {
        JsonNode report = new ObjectMapper().readTree(merged.resolve(RunReport.REPORT_JSON).toFile());
        JsonNode environment = new ObjectMapper().readTree(merged.resolve(RunReport.ENVIRONMENT_JSON).toFile());

        assertThat(report.get("runs").get(0).get("merged_runs").asText())
                .isEqualTo(first.toAbsolutePath().normalize() + ", " + second.toAbsolutePath().normalize());
        assertThat(report.get("totals").get("tasks").asInt()).isEqualTo(10);
        assertThat(environment.get("worker_nodes")).hasSize(2);
    }

    @Test
    void leavesTheInputRunDirectoriesAsTheyWere() {
        assertThat(first.resolve(RunReport.REPORT_JSON)).doesNotExist();
        assertThat(second.resolve(RunReport.RESULTS_CSV)).doesNotExist();
    }
}
