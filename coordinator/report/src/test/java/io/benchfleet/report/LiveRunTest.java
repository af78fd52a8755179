package io.benchfleet.report;

import static io.benchfleet.report.ResultsDbRows.execute;
import static org.assertj.core.api.Assertions.assertThat;

import io.benchfleet.rundirectory.ResultsDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep of four tasks seen while it runs: one succeeded, one running in its second epoch on worker node w-1,
 * one whose first attempt failed and second runs nowhere yet, one queued.
 */
class LiveRunTest {

    private static final Instant STARTED = Instant.parse("2026-01-01T10:00:00Z");

    @TempDir
    Path runDirectory;

    private void writeRun(int samplesOfRunningAttempt) throws Exception {
        try (Connection connection = ResultsDatabase.openForWriting(runDirectory)) {
            execute(connection, "INSERT INTO run (key, value) VALUES ('sweep_name', 'live'), ('started_at', ?)",
                    STARTED.toString());
            execute(connection, "INSERT INTO workers (worker_id, hostname, os, cpu_model, logical_cores, memory_bytes, jvm,"
                    + " slots, joined_at, frameworks) VALUES ('w-1', 'alpha', 'Linux', 'Xeon', 2, 1, '17', 'cpu',"
                    + " '2026-01-01T10:00:00Z', 'dl4j 1.0.0-M2.1 (cpu)')");
            for (String id : List.of("done", "busy", "broke", "later")) {
                execute(connection, "INSERT INTO tasks (task_id, dataset, architecture, device, split, fold, repetition,"
                        + " seed, epochs, batch_size, train_limit, framework, train_fraction) VALUES (?, 'mnist',"
                        + " 'mlp-small', 'cpu', 'standard', 0, 1, 1, 3, 128, 0, 'pytorch', 1.0)", id);
            }
            attempt(connection, "done-a1", "done", 1, "succeeded", "2026-01-01T10:01:00Z", 0.91);
            attempt(connection, "busy-a1", "busy", 1, "running", null, null);
            attempt(connection, "broke-a1", "broke", 1, "failed", "2026-01-01T10:00:30Z", null);
            execute(connection, "UPDATE attempts SET failure_kind = 'CRASHED', failure_message = 'exit code 3'"
                    + " WHERE attempt_id = 'broke-a1'");
            execute(connection, "INSERT INTO epochs (attempt_id, task_id, epoch, seconds, samples_per_second, train_loss,"
                    + " test_accuracy) VALUES ('busy-a1', 'busy', 1, 5.0, 100.0, 0.7, 0.8),"
                    + " ('busy-a1', 'busy', 2, 5.0, 100.0, 0.5, 0.85)");
            for (int i = 0; i < samplesOfRunningAttempt; i++) {
                execute(connection, "INSERT INTO samples (attempt_id, task_id, seconds_since_start, process_cpu_percent,"
                        + " process_rss_bytes) VALUES ('busy-a1', 'busy', ?, 95.0, ?)", i * 0.2, 1000 + i);
            }
        }
    }

    @Test
    void givesEachTaskItsLatestAttemptWithTheEpochReachedAndTheAccuracySoFar() throws Exception {
        writeRun(5);
        try (LiveRun live = new LiveRun(runDirectory)) {
            Map<String, Object> state = live.state(STARTED.plusSeconds(60));

            List<Map<String, Object>> tasks = tasks(state);
            assertThat(tasks).extracting(task -> task.get("task_id") + " " + task.get("status"))
                    .containsExactly("done succeeded", "busy running", "broke failed", "later queued");
            assertThat(tasks.get(0)).containsEntry("accuracy", 0.91).containsEntry("worker", "alpha");
            assertThat(tasks.get(1)).containsEntry("epoch", 2).containsEntry("accuracy", 0.85)
                    .containsEntry("attempt_id", "busy-a1").containsEntry("framework", "pytorch");
            assertThat(state.get("progress")).isEqualTo(Map.of("tasks", 4, "succeeded", 1L, "failed", 1L,
                    "running", 1L, "queued", 1L, "elapsed_seconds", 60.0, "eta_seconds", 60.0));
        }
    }

    @Test
    void saysWhatEachWorkerNodeRunsAndWhyAttemptsFailed() throws Exception {
        writeRun(0);
        try (LiveRun live = new LiveRun(runDirectory)) {
            Map<String, Object> state = live.state(STARTED.plusSeconds(60));

            assertThat(list(state, "workers")).singleElement().satisfies(worker -> assertThat(worker)
                    .containsEntry("hostname", "alpha")
                    .containsEntry("running", List.of("cpu: mnist / mlp-small / pytorch")));
            assertThat(list(state, "failures")).singleElement().satisfies(failure -> assertThat(failure)
                    .containsEntry("task_id", "broke").containsEntry("kind", "CRASHED")
                    .containsEntry("message", "exit code 3"));
        }
    }

    @Test
    void givesARunningAttemptsEpochsAndItsTracesThinnedForAChart() throws Exception {
        writeRun(LiveRun.MAX_TRACE_POINTS * 2 + 10);
        try (LiveRun live = new LiveRun(runDirectory)) {
            Map<String, Object> attempt = live.attempt("busy-a1").orElseThrow();

            assertThat(list(attempt, "epochs")).extracting(epoch -> epoch.get("epoch") + " " + epoch.get("train_loss"))
                    .containsExactly("1 0.7", "2 0.5");
            @SuppressWarnings("unchecked")
            Map<String, List<Object>> samples = (Map<String, List<Object>>) attempt.get("samples");
            assertThat(samples.get("rss_bytes")).hasSizeBetween(LiveRun.MAX_TRACE_POINTS / 2, LiveRun.MAX_TRACE_POINTS)
                    .startsWith(1000);
            assertThat(samples.get("gpu_util_percent")).containsOnlyNulls();
            assertThat(live.attempt("no-such-attempt")).isEmpty();
        }
    }

    @Test
    void saysItIsStartingUntilResultsDbIsThere() throws Exception {
        try (LiveRun live = new LiveRun(runDirectory)) {
            assertThat(live.state(STARTED)).isEqualTo(Map.of("starting", true));
            assertThat(live.attempt("busy-a1")).isEmpty();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> tasks(Map<String, Object> state) {
        return (List<Map<String, Object>>) state.get("tasks");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> map, String key) {
        return (List<Map<String, Object>>) map.get(key);
    }

    private static void attempt(Connection connection, String id, String task, int number, String status, String endedAt,
                                Double accuracy) throws Exception {
        execute(connection, "INSERT INTO attempts (attempt_id, task_id, number, worker_id, slot, status, started_at,"
                + " ended_at, test_accuracy) VALUES (?, ?, ?, 'w-1', 'cpu', ?, '2026-01-01T10:00:01Z', ?, ?)",
                id, task, number, status, endedAt, accuracy);
    }
}
