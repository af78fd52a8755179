package io.benchfleet.coordinator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.benchfleet.rundirectory.ResultsDatabase;
import io.benchfleet.rundirectory.RunFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream originalStderr;

    @BeforeEach
    void captureStderr() {
        originalStderr = System.err;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(originalStderr);
    }

    private String errorLine() {
        return stderr.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void refusesAMissingRunDirectoryWithOneLineAndTwo() {
        int exit = CoordinatorMain.commandLine().execute("report", dir.resolve("nope").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(errorLine()).isEqualTo("coordinator report: RUN_DIR " + dir.resolve("nope")
                + ": no such directory; expected a run directory holding results.db");
    }

    @Test
    void refusesSeveralRunDirectoriesWithoutOut() throws Exception {
        Path first = Files.createDirectory(dir.resolve("a"));
        Path second = Files.createDirectory(dir.resolve("b"));

        int exit = CoordinatorMain.commandLine().execute("report", first.toString(), second.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(errorLine()).isEqualTo("coordinator report: merging 2 run directories needs --out DIR:"
                + " expected the directory for the merged report");
    }

    @Test
    void refusesToWriteAMergedReportIntoOneOfItsRuns() throws Exception {
        Path first = Files.createDirectory(dir.resolve("a"));
        Path second = Files.createDirectory(dir.resolve("b"));

        int exit = CoordinatorMain.commandLine().execute("report", first.toString(), second.toString(),
                "--out", second.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(errorLine()).isEqualTo("coordinator report: --out " + second + " is one of the RUN_DIRs:"
                + " expected a directory of its own for the merged report");
    }

    @Test
    void refusesADirectoryWithoutResultsDb() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));

        int exit = CoordinatorMain.commandLine().execute("report", empty.toString(), "--out", dir.resolve("out").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(errorLine()).startsWith("coordinator report: " + empty.resolve("results.db") + ": no such file;")
                .doesNotContain("\n");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void cutsTheTracesToTheTraceWindowOfTheFlag() throws Exception {
        Path run = runWithALateGpuPeak();

        int exit = CoordinatorMain.commandLine().execute("report", run.toString(), "--trace-window", "3");

        assertThat(exit).isZero();
        JsonNode report = reportJson(run);
        assertThat(report.get("trace_window_seconds").asDouble()).isEqualTo(3.0);
        assertThat(report.at("/groups/0/resources/measures/gpu_util_percent/peak/mean").asDouble()).isEqualTo(50.0);
    }

    @Test
    void takesTheTraceWindowOfTheRunsSweepFileUnlessTheFlagGivesOne() throws Exception {
        Path run = runWithALateGpuPeak();
        Files.writeString(run.resolve(RunFiles.SWEEP_CONF), "report { trace-window = 2s }");

        CoordinatorMain.commandLine().execute("report", run.toString());
        assertThat(reportJson(run).get("trace_window_seconds").asDouble()).isEqualTo(2.0);

        CoordinatorMain.commandLine().execute("report", run.toString(), "--trace-window", "10");
        assertThat(reportJson(run).get("trace_window_seconds").asDouble()).isEqualTo(10.0);
        assertThat(reportJson(run).at("/groups/0/resources/measures/gpu_util_percent/peak/mean").asDouble())
                .isEqualTo(100.0);
    }

    @Test
    void withoutAWindowTheTracesAreWhole() throws Exception {
        Path run = runWithALateGpuPeak();

        CoordinatorMain.commandLine().execute("report", run.toString());

        assertThat(reportJson(run).get("trace_window_seconds").isNull()).isTrue();
        assertThat(reportJson(run).at("/groups/0/resources/measures/gpu_util_percent/peak/mean").asDouble())
                .isEqualTo(100.0);
    }

    @Test
    void refusesATraceWindowThatIsNotPositiveWithOneLineAndTwo() throws Exception {
        Path run = runWithALateGpuPeak();

        int exit = CoordinatorMain.commandLine().execute("report", run.toString(), "--trace-window", "-1");

        assertThat(exit).isEqualTo(2);
        assertThat(errorLine()).isEqualTo("coordinator report: --trace-window -1.0: expected a positive number of"
                + " seconds, such as 70");
        assertThat(run.resolve(RunFiles.REPORT_JSON)).doesNotExist();
    }

    /** One task whose GPU ran at 50 % for 3 s, then at 100 % at 4 s. */
    private Path runWithALateGpuPeak() throws SQLException, IOException {
        Path run = Files.createDirectory(dir.resolve("run"));
        try (Connection connection = ResultsDatabase.openForWriting(run); Statement sql = connection.createStatement()) {
            sql.executeUpdate("INSERT INTO run (key, value) VALUES ('sweep_name', 's1')");
            sql.executeUpdate("INSERT INTO workers (worker_id, hostname, os, cpu_model, logical_cores, memory_bytes, jvm,"
                    + " slots, gpus, joined_at) VALUES ('w-1', 'alpha', 'Linux', 'Xeon', 8, 68719476736, '17', 'gpu:0',"
                    + " '', '2026-01-01T00:00:00Z')");
            sql.executeUpdate("INSERT INTO tasks (task_id, dataset, architecture, device, split, fold, repetition, seed,"
                    + " epochs, batch_size, train_limit) VALUES ('t1', 'mnist', 'mlp-small', 'gpu', 'standard', 0, 1, 1,"
                    + " 1, 128, 0)");
            sql.executeUpdate("INSERT INTO attempts (attempt_id, task_id, number, worker_id, slot, status, started_at,"
                    + " train_seconds, samples_per_second, test_accuracy) VALUES ('a1', 't1', 1, 'w-1', 'gpu:0',"
                    + " 'succeeded', '2026-01-01T00:00:00Z', 4.0, 1000.0, 0.9)");
            sql.executeUpdate("INSERT INTO samples (attempt_id, task_id, seconds_since_start, gpu_index, gpu_util_percent)"
                    + " VALUES ('a1', 't1', 1.0, 0, 50), ('a1', 't1', 2.0, 0, 50), ('a1', 't1', 3.0, 0, 50),"
                    + " ('a1', 't1', 4.0, 0, 100)");
        }
        return run;
    }

    private static JsonNode reportJson(Path run) throws IOException {
        return new ObjectMapper().readTree(run.resolve(RunFiles.REPORT_JSON).toFile());
    }
}
