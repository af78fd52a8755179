package io.benchfleet.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.benchfleet.rundirectory.RunFiles;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An attempt status in results.db that no benchfleet writes: the report reads it as failed and says why. */
class UnknownAttemptStatusTest {

    @TempDir
    Path runDirectory;

    @BeforeEach
    void createTheFixtureSweep() throws Exception {
        SweepFixture.create(runDirectory);
    }

    @Test
    void readsAnAttemptWithAnUnknownStatusAsFailedNamingTheStatus() throws Exception {
        SweepFixture.recordStatus(runDirectory, "a1", "paused");

        TaskResult t1 = taskResult("t1");

        assertThat(t1.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(t1.failureReason()).contains("status 'paused' is unknown to this report");
    }

    @Test
    void keepsTheRecordedFailureAfterTheUnknownStatus() throws Exception {
        SweepFixture.recordStatus(runDirectory, "a5", "abandoned");

        TaskResult t4 = taskResult("t4");

        assertThat(t4.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(t4.failureReason())
                .contains("ERROR: status 'abandoned' is unknown to this report; " + SweepFixture.SCRIPT_FAILURE);
    }

    @Test
    void writesTheReportWithTheTaskFailed() throws Exception {
        SweepFixture.recordStatus(runDirectory, "a1", "paused");

        RunReport.write(runDirectory, Optional.empty(), Map.of());

        CSVRecord t1 = results().stream().filter(row -> row.get("task_id").equals("t1")).findFirst().orElseThrow();
        assertThat(t1.get("status")).isEqualTo("failed");
        assertThat(t1.get("failure_message")).isEqualTo("status 'paused' is unknown to this report");
    }

    private TaskResult taskResult(String taskId) throws Exception {
        try (ResultsReader reader = ResultsReader.open(runDirectory)) {
            return reader.read().tasks().stream().filter(result -> result.task().id().equals(taskId))
                    .findFirst().orElseThrow();
        }
    }

    private List<CSVRecord> results() throws IOException {
        try (Reader in = Files.newBufferedReader(runDirectory.resolve(RunFiles.RESULTS_CSV), StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }
}
