package io.benchfleet.report;

import io.benchfleet.rundirectory.RunFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {

    private static final Map<String, String> LIBRARIES = Map.of("pekko", "1.7.0", "deeplearning4j", "1.0.0-M2.1");

    @TempDir
    Path runDirectory;

    private RunSummary summary;

    @BeforeEach
    void reportOnTheFixtureSweep() throws Exception {
        SweepFixture.create(runDirectory);
        summary = RunReport.write(runDirectory, Optional.empty(), LIBRARIES);
    }

    @Test
    void writesResultsCsvHeaderInContractOrderThenEachAddedColumnAfterTheOnesBeforeIt() throws IOException {
        List<String> lines = Files.readAllLines(runDirectory.resolve(RunFiles.RESULTS_CSV));

        assertThat(lines.get(0)).isEqualTo("task_id,dataset,architecture,device,split,fold,repetition,status,"
                + "attempts,worker,params,train_samples,test_samples,train_seconds,samples_per_second,"
                + "test_accuracy,test_loss,peak_rss_bytes,failure_message,suspect,energy_joules,joules_per_sample,"
                + "samples_dropped,device_name,driver_version,cuda_version,gpu_mem_peak_bytes,run,"
                + "framework,framework_version,train_fraction,partition_sha256,epochs,batch_size,learning_rate");
    }

    @Test
    void namesTheRunAfterItsDirectoryInEveryExport() throws IOException {
        String run = runDirectory.getFileName().toString();

        assertThat(results()).extracting(row -> row.get("run")).containsOnly(run);
        assertThat(csv(RunFiles.EPOCHS_CSV)).extracting(row -> row.get("run")).containsOnly(run);
        assertThat(csv(RunFiles.SAMPLES_CSV)).extracting(row -> row.get("run")).containsOnly(run);
    }

    @Test
    void writesOneResultsRowPerTaskInPlannedOrder() throws IOException {
        List<CSVRecord> rows = results();

        assertThat(rows).extracting(row -> row.get("task_id")).containsExactly("t1", "t2", "t3", "t4", "t5");
    }

    @Test
    void choosesTheSucceededRetryAsFinalAttemptAndCountsEveryAttempt() throws IOException {
        String t2 = resultLine("t2");

        assertThat(t2).isEqualTo(
                "t2,fashion-mnist,mlp-small,cpu,standard,0,2,succeeded,2,beta,101770,10000,2000,14.0,800.0,0.84,0.45,1200,,,,,,,,,1000,"
                        + run() + ",dl4j," + SweepFixture.DL4J_VERSION + ",1.0," + SweepFixture.PARTITION + ",2,128,");
    }

    @Test
    void takesPeakRssOfTheFinalAttemptFromSamplesOrEpochsWhicheverIsHigher() throws IOException {
        List<CSVRecord> rows = results();

        assertThat(rows).extracting(row -> row.get("peak_rss_bytes")).containsExactly("700", "1200", "", "", "");
    }

    @Test
    void leavesCellsEmptyForUnknownValues() throws IOException {
        assertThat(resultLine("t3")).isEqualTo(
                "t3,fashion-mnist,cnn-medium,cpu,standard,0,1,succeeded,1,beta,421642,10000,2000,30.0,300.0,0.9,,,,,,,,,,,,"
                        + run() + ",dl4j," + SweepFixture.DL4J_VERSION + ",1.0," + SweepFixture.PARTITION + ",2,128,");
        assertThat(resultLine("t5")).isEqualTo("t5,fashion-mnist,mlp-small,cpu,standard,0,3,not-run,0,,,,,,,,,,,,,,,,,,,"
                + run() + ",dl4j,,1.0,,2,128,");
    }

    @Test
    void writesTheFailedTasksMessageAfterTheContractColumns() throws IOException {
        CSVRecord t4 = results().get(3);

        assertThat(t4.get("status")).isEqualTo("failed");
        assertThat(t4.get("worker")).isEqualTo("alpha");
        assertThat(t4.get("train_seconds")).isEmpty();
        assertThat(t4.get("failure_message")).isEqualTo(SweepFixture.SCRIPT_FAILURE);
    }

    @Test
    void writesEpochsOfFinalAttemptsOnly() throws IOException {
        String epochs = Files.readString(runDirectory.resolve(RunFiles.EPOCHS_CSV));

        assertThat(epochs).isEqualTo("""
                task_id,epoch,seconds,samples_per_second,train_loss,train_accuracy,test_loss,test_accuracy,heap_bytes,\
                rss_bytes,run,framework,gpu_mem_bytes
                t1,1,9.0,1000.0,0.9,0.7,0.6,0.78,100,500,%1$s,dl4j,
                t1,2,5.0,1000.0,0.6,0.8,0.55,0.8,120,700,%1$s,dl4j,
                t2,1,7.0,800.0,0.8,0.75,0.5,0.82,110,800,%1$s,dl4j,
                t2,2,7.0,800.0,0.5,0.85,0.45,0.84,130,800,%1$s,dl4j,
                t3,1,30.0,300.0,0.4,,,0.9,,,%1$s,dl4j,
                """.formatted(run()));
    }

    @Test
    void writesSamplesOfEveryAttemptWithTheAttemptNumber() throws IOException {
        String samples = Files.readString(runDirectory.resolve(RunFiles.SAMPLES_CSV));

        assertThat(samples).isEqualTo("""
                task_id,attempt,seconds_since_start,process_cpu_percent,process_rss_bytes,host_cpu_percent,\
                host_used_bytes,gpu_index,gpu_util_percent,gpu_mem_used_bytes,gpu_power_watts,process_host_cpu_percent,\
                process_threads,host_available_bytes,host_load_average,host_core_cpu_percent,cpu_temperature_celsius,\
                cpu_frequency_mhz,cpu_energy_joules,gpu_mem_total_bytes,gpu_temperature_celsius,gpu_sm_clock_mhz,\
                gpu_energy_joules,samples_dropped,run,framework
                t1,1,1.0,99.0,600,50.0,8000000000,,,,,,,,,,,,,,,,,,%1$s,dl4j
                t1,1,2.0,98.0,650,51.0,8000000000,,,,,,,,,,,,,,,,,,%1$s,dl4j
                t2,1,1.0,97.0,9000,52.0,8000000000,,,,,,,,,,,,,,,,,,%1$s,dl4j
                t2,2,1.0,95.5,1200,50.0,8100000000,0,40.0,1000,150.5,,,,,,,,,,,,,,%1$s,dl4j
                t2,2,2.0,95.5,1100,49.0,8100000000,,,,,,,,,,,,,,,,,,%1$s,dl4j
                """.formatted(run()));
    }

    @Test
    void summarisesSucceededTasksPerGroupWithMeanAndSampleStandardDeviation() {
        GroupSummary mlp = summary.groups().get(0);

        assertThat(mlp.key().architecture()).isEqualTo("mlp-small");
        assertThat(mlp.succeeded()).isEqualTo(2);
        assertThat(mlp.statistics().trainSeconds().orElseThrow().mean()).isCloseTo(12.0, within(1e-12));
        assertThat(mlp.statistics().trainSeconds().orElseThrow().standardDeviation().orElseThrow())
                .isCloseTo(Math.sqrt(8.0), within(1e-12));
        assertThat(mlp.statistics().samplesPerSecond().orElseThrow().mean()).isCloseTo(900.0, within(1e-12));
        assertThat(mlp.statistics().samplesPerSecond().orElseThrow().standardDeviation().orElseThrow())
                .isCloseTo(Math.sqrt(20_000.0), within(1e-9));
        assertThat(mlp.statistics().testAccuracy().orElseThrow().mean()).isCloseTo(0.82, within(1e-12));
        assertThat(mlp.statistics().testAccuracy().orElseThrow().standardDeviation().orElseThrow())
                .isCloseTo(Math.sqrt(0.0008), within(1e-12));
    }

    @Test
    void countsFailedAndNotRunTasksPerGroupApartFromTheStatistics() {
        GroupSummary mlp = summary.groups().get(0);
        GroupSummary cnn = summary.groups().get(1);

        assertThat(summary.groups()).hasSize(2);
        assertThat(List.of(mlp.failed(), mlp.notRun())).containsExactly(0, 1);
        assertThat(cnn.key().architecture()).isEqualTo("cnn-medium");
        assertThat(List.of(cnn.succeeded(), cnn.failed(), cnn.notRun())).containsExactly(1, 1, 0);
        assertThat(cnn.statistics().trainSeconds()).contains(new Statistic(1, 30.0, Optional.empty()));
        assertThat(summary.allSucceeded()).isFalse();
    }

    @Test
    void writesReportJsonWithRunGroupsTasksAndFailedTasks() throws IOException {
        JsonNode report = new ObjectMapper().readTree(runDirectory.resolve(RunFiles.REPORT_JSON).toFile());

        assertThat(report.get("format_version").asInt()).isEqualTo(1);
        assertThat(report.at("/runs/0/sweep_name").asText()).isEqualTo("quickstart");
        assertThat(report.at("/runs/0/run_directory").asText()).isEqualTo(runDirectory.toAbsolutePath().toString());
        assertThat(report.at("/totals/succeeded").asInt()).isEqualTo(3);
        assertThat(report.at("/totals/not_run").asInt()).isEqualTo(1);
        assertThat(report.at("/groups/0/train_seconds/mean").asDouble()).isEqualTo(12.0);
        assertThat(report.at("/groups/0/train_seconds/n").asInt()).isEqualTo(2);
        assertThat(report.at("/groups/1/failed").asInt()).isEqualTo(1);
        assertThat(report.at("/groups/1/train_seconds/std").isNull()).isTrue();
        assertThat(report.at("/tasks/1/attempts").asInt()).isEqualTo(2);
        assertThat(report.at("/tasks/1/peak_rss_bytes").asLong()).isEqualTo(1200);
        assertThat(report.at("/tasks/2/test_loss").isNull()).isTrue();
        assertThat(report.get("failed_tasks")).hasSize(1);
        assertThat(report.at("/failed_tasks/0/task_id").asText()).isEqualTo("t4");
        assertThat(report.at("/failed_tasks/0/failure_kind").asText()).isEqualTo("ERROR");
        assertThat(report.at("/failed_tasks/0/failure_message").asText()).isEqualTo(SweepFixture.SCRIPT_FAILURE);
    }

    @Test
    void writesSelfContainedHtmlWithTheTablesAndEscapedFailureMessages() throws IOException {
        String html = Files.readString(runDirectory.resolve(RunFiles.REPORT_HTML));

        assertThat(html).contains("<title>benchfleet report: quickstart</title>")
                .contains("<td class=\"num\">12.00 &plusmn; 2.83 [-13.41, 37.41]</td>")
                .contains("<td class=\"num\">900.0 &plusmn; 141.4</td>")
                // The t interval of two accuracies reaches 1.0741; no accuracy is above 1.
                .contains("<td class=\"num\">0.8200 &plusmn; 0.0283 [0.5659, 1.0000]</td>")
                .contains("<td class=\"num\">30.00</td>")
                .contains("<td>t5</td>")
                .contains("<h2 id=\"epochs\">Per epoch</h2>")
                .contains("<details><summary>fashion-mnist / mlp-small / cpu / standard (2 tasks")
                .contains("ERROR: &lt;script&gt;alert(1)&lt;/script&gt; out of memory")
                .doesNotContain("<script")
                // Nothing loaded from elsewhere; the inline SVG charts name their XML namespace, which is no fetch.
                .doesNotContainPattern("(src|href)=\"[a-z]+:");
    }

    @Test
    void writesEnvironmentWithWorkerNodesCoordinatorJvmAndLibraries() throws IOException {
        JsonNode environment = new ObjectMapper().readTree(runDirectory.resolve(RunFiles.ENVIRONMENT_JSON).toFile());

        assertThat(environment.at("/coordinator/jvm").asText()).isEqualTo("OpenJDK 64-Bit Server VM 17.0.15");
        assertThat(environment.get("worker_nodes")).hasSize(2);
        assertThat(environment.at("/worker_nodes/1/hostname").asText()).isEqualTo("beta");
        assertThat(environment.at("/worker_nodes/1/memory_bytes").asLong()).isEqualTo(137_438_953_472L);
        assertThat(environment.at("/worker_nodes/1/slots").toString()).isEqualTo("[\"cpu\",\"gpu:0\"]");
        assertThat(environment.at("/worker_nodes/1/gpus").asText()).isEqualTo("gpu:0 Tesla T4, 15.0 GiB, driver 535.104.05, CUDA 12.2");
        assertThat(environment.at("/worker_nodes/1/frameworks").toString())
                .isEqualTo("[{\"name\":\"dl4j\",\"version\":\"1.0.0-M2.1\",\"devices\":[\"cpu\",\"gpu\"]}]");
        assertThat(environment.at("/libraries/pekko").asText()).isEqualTo("1.7.0");
    }

    @Test
    void failsWithOneLineNamingResultsDbWhenItIsMissing(@TempDir Path emptyDirectory) {
        assertThatThrownBy(() -> RunReport.write(emptyDirectory, Optional.empty(), LIBRARIES))
                .isInstanceOf(ReportException.class)
                .hasMessageStartingWith(emptyDirectory.resolve("results.db").toAbsolutePath() + ": no such file")
                .hasMessageContaining("expected a benchfleet results database")
                .hasMessageNotContaining("\n");
    }

    @Test
    void failsWithOneLineNamingResultsDbWhenItIsNotADatabase(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve("results.db"), "these are not the results you are looking for\n".repeat(50));

        assertThatThrownBy(() -> RunReport.write(directory, Optional.empty(), LIBRARIES))
                .isInstanceOf(ReportException.class)
                .hasMessageStartingWith(directory.resolve("results.db").toAbsolutePath() + ": ")
                .hasMessageContaining("expected a benchfleet results database")
                .hasMessageNotContaining("\n");
    }

    @Test
    void failsWithOneLineNamingResultsDbWhenItLacksTheTables(@TempDir Path directory) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("results.db"))) {
            connection.createStatement().executeUpdate("CREATE TABLE unrelated (x INTEGER)");
        }

        assertThatThrownBy(() -> RunReport.write(directory, Optional.empty(), LIBRARIES))
                .isInstanceOf(ReportException.class)
                .hasMessageContaining("no such table")
                .hasMessageContaining("results.db");
    }

    private List<CSVRecord> results() throws IOException {
        return csv(RunFiles.RESULTS_CSV);
    }

    private List<CSVRecord> csv(String file) throws IOException {
        try (Reader in = Files.newBufferedReader(runDirectory.resolve(file), StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }

    private String run() {
        return runDirectory.getFileName().toString();
    }

    private String resultLine(String taskId) throws IOException {
        return Files.readAllLines(runDirectory.resolve(RunFiles.RESULTS_CSV)).stream()
                .filter(line -> line.startsWith(taskId + ","))
                .findFirst().orElseThrow();
    }
}
