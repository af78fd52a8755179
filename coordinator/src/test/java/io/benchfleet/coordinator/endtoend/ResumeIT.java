package io.benchfleet.coordinator.endtoend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** A coordinator killed mid-sweep, then {@code bin/coordinator resume}: nothing finished runs twice. */
class ResumeIT {

    private static final Duration GENEROUS = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void aKilledCoordinatorResumesWithOnlyTheUnfinishedTasksAndAGrownSweepAddsOnlyItsNewTasks() throws Exception {
        Path runDir = dir.resolve("run");
        try (FakeTrainerCluster fleet = new FakeTrainerCluster(dir, "1 * finish 0.5", "2 * finish 0.5", "3 1 finish 120")) {
            int port = Benchfleet.freePort();
            Process first = fleet.coordinator("first", "run", fleet.sweepFile("s.conf", 4, "").toString(),
                    "--run-dir", runDir.toString(), "--local-workers", "0", "--port", Integer.toString(port));
            fleet.worker("worker-1", port, Benchfleet.freePort());
            FakeTrainerCluster.await("two tasks done and the third running", GENEROUS, () -> FakeTrainerCluster.query(runDir,
                    "SELECT COUNT(*) FROM attempts WHERE status = 'succeeded'").orElse("0").equals("2")
                    && FakeTrainerCluster.query(runDir, "SELECT COUNT(*) FROM attempts WHERE status = 'running'").orElse("0").equals("1"));
            first.destroyForcibly();
            Benchfleet.waitFor(first, 30);

            assertThat(resume(fleet, runDir, "resumed")).as(fleet.output("resumed")).isZero();

            assertThat(attemptsPerTask(runDir)).containsExactly(
                    Map.entry("1", "a1 succeeded"),
                    Map.entry("2", "a1 succeeded"),
                    Map.entry("3", "a1 failed COORDINATOR_STOPPED, a2 succeeded"),
                    Map.entry("4", "a1 succeeded"));
            assertThat(fleet.trainerStarts()).hasSize(5).doesNotHaveDuplicates();
            assertThat(Files.readAllLines(runDir.resolve("results.csv"))).hasSize(5);

            Path grown = fleet.sweepFile("grown.conf", 5, "");
            assertThat(resume(fleet, runDir, "grown", "--sweep", grown.toString())).as(fleet.output("grown")).isZero();

            assertThat(fleet.trainerStarts()).hasSize(6);
            assertThat(attemptsPerTask(runDir)).containsEntry("5", "a1 succeeded").hasSize(5);
            assertThat(Files.readAllLines(runDir.resolve("results.csv"))).hasSize(6)
                    .filteredOn(row -> !row.startsWith("task_id"))
                    .allSatisfy(row -> assertThat(row).contains(",succeeded,"));
            assertThat(runDir.resolve("sweep.conf")).hasSameTextualContentAs(grown);
        }
    }

    @Test
    void resumeOfADirectoryWithoutResultsIsRefused() throws Exception {
        Files.createDirectories(dir.resolve("empty"));

        Process resume = Benchfleet.start(dir.resolve("out"), "coordinator", "resume", dir.resolve("empty").toString());

        assertThat(Benchfleet.waitFor(resume, 30)).isEqualTo(2);
        assertThat(Files.readAllLines(dir.resolve("out"))).containsExactly("coordinator resume: run directory "
                + dir.resolve("empty") + " has no results.db; expected a directory made by `bin/coordinator run`");
    }

    @Test
    void anInvalidNewSweepFileIsRefusedAndTheRunsSweepFileKept() throws Exception {
        Path runDir = Files.createDirectories(dir.resolve("run"));
        Files.writeString(runDir.resolve("results.db"), "");
        Files.writeString(runDir.resolve("sweep.conf"), "sweep { datasets = [mnist], architectures = [mlp-small] }");
        Path broken = Files.writeString(dir.resolve("broken.conf"),
                "sweep { datasets = [mnist], architectures = [mlp-small], repetitions = 0 }");

        Process resume = Benchfleet.start(dir.resolve("out"), "coordinator", "resume", runDir.toString(),
                "--sweep", broken.toString());

        assertThat(Benchfleet.waitFor(resume, 30)).isEqualTo(2);
        assertThat(Files.readAllLines(dir.resolve("out"))).containsExactly(
                "coordinator resume: broken.conf: sweep.repetitions = 0: expected an integer >= 1");
        assertThat(runDir.resolve("sweep.conf")).content().doesNotContain("repetitions");
    }

    private static int resume(FakeTrainerCluster fleet, Path runDir, String name, String... sweepOption) throws Exception {
        int port = Benchfleet.freePort();
        List<String> args = new ArrayList<>(List.of("resume", runDir.toString(), "--local-workers", "0",
                "--port", Integer.toString(port)));
        args.addAll(List.of(sweepOption));
        Process coordinator = fleet.coordinator(name, args.toArray(String[]::new));
        fleet.worker(name + "-worker", port, Benchfleet.freePort());
        return Benchfleet.waitFor(coordinator, GENEROUS.toSeconds());
    }

    /** Repetition to its attempts in order, e.g. {@code a1 failed COORDINATOR_STOPPED, a2 succeeded}. */
    private static Map<String, String> attemptsPerTask(Path runDir) throws Exception {
        return FakeTrainerCluster.rows(runDir, "SELECT t.repetition, 'a' || a.number || ' ' || a.status || COALESCE(' ' || a.failure_kind, '')"
                        + " FROM attempts a JOIN tasks t USING (task_id) ORDER BY t.repetition, a.number").stream()
                .collect(Collectors.groupingBy(row -> row.get(0), TreeMap::new,
                        Collectors.mapping(row -> row.get(1), Collectors.joining(", "))));
    }
}
