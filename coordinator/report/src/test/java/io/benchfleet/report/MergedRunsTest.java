package io.benchfleet.report;

import io.benchfleet.rundirectory.RunFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs of the fixture sweep merged: the same task ids twice, i.e. every task measured again, the second time on
 * a host twice as slow, so that each measurement can be told from the other.
 */
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
        SweepFixture.slowDown(second, 2.0);
        summary = RunReport.write(List.of(first, second), merged, Optional.empty(), Map.of("pekko", "1.1.3"));
    }

    @Test
    void keepsEveryRowOfEveryRunInTheExports() throws IOException {
        assertThat(records(RunFiles.RESULTS_CSV)).extracting(row -> row.get("task_id"))
                .containsExactly("t1", "t2", "t3", "t4", "t5", "t1", "t2", "t3", "t4", "t5");
        assertThat(records(RunFiles.EPOCHS_CSV)).hasSize(2 * 5);
        assertThat(records(RunFiles.SAMPLES_CSV)).hasSize(2 * 5);
        assertThat(merged.resolve(RunFiles.REPORT_HTML)).isNotEmptyFile();
    }

    private List<CSVRecord> records(String file) throws IOException {
        try (Reader reader = Files.newBufferedReader(merged.resolve(file))) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
    }

    @Test
    void countsTheSameTaskInTwoRunsAsRepeatedMeasurements() {
        GroupSummary mlp = summary.groups().get(0);

        assertThat(summary.groups()).hasSize(2);
        assertThat(mlp.key().architecture()).isEqualTo("mlp-small");
        assertThat(mlp.succeeded()).isEqualTo(4);
        assertThat(mlp.notRun()).isEqualTo(2);
        // t1 and t2 took 10 and 14 s in the first run, 20 and 28 s in the second.
        assertThat(mlp.statistics().trainSeconds().orElseThrow().n()).isEqualTo(4);
        assertThat(mlp.statistics().trainSeconds().orElseThrow().mean()).isEqualTo(18.0);
        assertThat(mlp.statistics().testAccuracy().orElseThrow().n()).isEqualTo(4);
    }

    @Test
    void takesEachMeasurementsEpochsFromItsOwnRun() {
        GroupSummary mlp = summary.groups().get(0);

        // First epochs: t1 9 s, t2 7 s in the first run; 18 s and 14 s in the second.
        assertThat(mlp.statistics().firstEpochSeconds().orElseThrow().n()).isEqualTo(4);
        assertThat(mlp.statistics().firstEpochSeconds().orElseThrow().mean()).isEqualTo(12.0);
        // Two epochs of t1 and two of t2 in each run: every epoch counted once.
        assertThat(mlp.statistics().epochSeconds().orElseThrow().n()).isEqualTo(8);
        assertThat(mlp.statistics().epochSeconds().orElseThrow().mean()).isCloseTo(10.5, within(1e-9));
    }

    @Test
    void namesTheRunOfEveryFailedTaskOnTheConsoleAndInTheHtmlTables() throws IOException {
        var console = new ByteArrayOutputStream();
        ConsoleTable.print(summary, new PrintStream(console, true, StandardCharsets.UTF_8));

        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains("failed: t4 fashion-mnist/cnn-medium/cpu rep 2 (run first): ")
                .contains("failed: t4 fashion-mnist/cnn-medium/cpu rep 2 (run second): ");
        String html = Files.readString(merged.resolve(RunFiles.REPORT_HTML));
        assertThat(html).contains("<th>task_id</th><th>run</th><th>dataset</th>")
                .contains("<td>t4</td><td>first</td>").contains("<td>t4</td><td>second</td>");
    }

    @Test
    void namesTheRunOfEveryRowInTheExports() throws IOException {
        assertThat(records(RunFiles.RESULTS_CSV)).extracting(row -> row.get("run"))
                .containsExactly("first", "first", "first", "first", "first",
                        "second", "second", "second", "second", "second");
        assertThat(records(RunFiles.RESULTS_CSV)).filteredOn(row -> row.get("task_id").equals("t1"))
                .extracting(row -> row.get("run") + " " + row.get("train_seconds"))
                .containsExactly("first 10.0", "second 20.0");
        assertThat(records(RunFiles.EPOCHS_CSV)).filteredOn(row -> row.get("task_id").equals("t1"))
                .extracting(row -> row.get("run") + " " + row.get("epoch") + " " + row.get("seconds"))
                .containsExactly("first 1 9.0", "first 2 5.0", "second 1 18.0", "second 2 10.0");
        assertThat(records(RunFiles.SAMPLES_CSV)).extracting(row -> row.get("run"))
                .containsExactly("first", "first", "first", "first", "first",
                        "second", "second", "second", "second", "second");
    }

    @Test
    void listsTheMergedRunsAndTheRunOfEveryTaskInReportJson() throws IOException {
        JsonNode report = new ObjectMapper().readTree(merged.resolve(RunFiles.REPORT_JSON).toFile());

        assertThat(report.get("merged_runs")).extracting(run -> run.get("run").asText() + " "
                        + run.get("run_directory").asText() + " " + run.get("sweep_name").asText())
                .containsExactly("first " + first.toAbsolutePath().normalize() + " quickstart",
                        "second " + second.toAbsolutePath().normalize() + " quickstart");
        assertThat(report.at("/tasks/5/task_id").asText()).isEqualTo("t1");
        assertThat(report.at("/tasks/5/run").asText()).isEqualTo("second");
        assertThat(report.at("/failed_tasks/1/run").asText()).isEqualTo("second");
        assertThat(report.at("/groups/0/first_epoch_seconds/n").asInt()).isEqualTo(4);
        assertThat(report.at("/groups/0/resources/repetitions").asInt()).isEqualTo(4);
    }

    @Test
    void namesRunsByTheirPathsWhenTheirDirectoriesShareAName() throws Exception {
        Path alpha = Files.createDirectories(dir.resolve("alpha").resolve("run"));
        Path beta = Files.createDirectories(dir.resolve("beta").resolve("run"));
        SweepFixture.create(alpha);
        SweepFixture.create(beta);

        RunSummary twins = RunReport.write(List.of(alpha, beta), dir.resolve("twins"), Optional.empty(), Map.of());

        assertThat(twins.tasks()).extracting(TaskResult::run).containsOnly(
                alpha.toAbsolutePath().normalize().toString(), beta.toAbsolutePath().normalize().toString());
        assertThat(twins.groups().get(0).statistics().firstEpochSeconds().orElseThrow().n()).isEqualTo(4);
    }

    @Test
    void refusesARunDirectoryGivenTwice() {
        assertThatThrownBy(() -> RunReport.write(List.of(first, first.resolve("..").resolve("first")),
                dir.resolve("twice"), Optional.empty(), Map.of()))
                .isInstanceOf(ReportException.class)
                .hasMessage(first.toAbsolutePath().normalize() + ": given twice; expected each run directory once");
    }

    @Test
    void recordsTheMergedRunsAndTheirWorkerNodesOnce() throws IOException {
        JsonNode report = new ObjectMapper().readTree(merged.resolve(RunFiles.REPORT_JSON).toFile());
        JsonNode environment = new ObjectMapper().readTree(merged.resolve(RunFiles.ENVIRONMENT_JSON).toFile());

        assertThat(report.get("runs").get(0).get("merged_runs").asText())
                .isEqualTo(first.toAbsolutePath().normalize() + ", " + second.toAbsolutePath().normalize());
        assertThat(report.get("totals").get("tasks").asInt()).isEqualTo(10);
        assertThat(environment.get("worker_nodes")).hasSize(2);
    }

    @Test
    void leavesTheInputRunDirectoriesAsTheyWere() {
        assertThat(first.resolve(RunFiles.REPORT_JSON)).doesNotExist();
        assertThat(second.resolve(RunFiles.RESULTS_CSV)).doesNotExist();
    }
}
