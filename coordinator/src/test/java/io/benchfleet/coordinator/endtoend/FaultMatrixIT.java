package io.benchfleet.coordinator.endtoend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The faults the other multi-JVM tests leave open, on loopback with the fake trainer: a worker node
 * killed before its trainer's first event and as its final event is sent, one frozen past the failure
 * detector, several coming and going in turn, and a coordinator killed before the first result and
 * while the report is written (ResumeIT kills it mid-sweep). Each ends with every task holding one
 * final result and nothing that finished run again, and prints the time from the fault to recovery
 * ({@code fault-matrix: ...: recovered in N s}), the figures of README's failure table.
 */
class FaultMatrixIT {

    private static final Duration GENEROUS = Duration.ofSeconds(90);
    /** What a coordinator resuming a run with nothing left to run needs at most: start, report, stop. */
    private static final Duration RESUME_LIMIT = Duration.ofSeconds(45);

    @TempDir
    Path dir;

    @Test
    void aWorkerNodeKilledBeforeItsTrainersFirstEventHasTheTaskRunAgainOnAnotherNode() throws Exception {
        Path runDir = dir.resolve("run");
        int port = Benchfleet.freePort();
        int victimPort = Benchfleet.freePort();
        List<ProcessHandle> orphans = new ArrayList<>();
        try (FakeTrainerCluster fleet = new FakeTrainerCluster(dir, "3 * fail ERROR")) {
            // --min-workers 2: the first two tasks go out together, one to each node, so the victim surely has one.
            Process coordinator = fleet.coordinator("coordinator", "run", fleet.sweepFile("s.conf", 3, "").toString(),
                    "--run-dir", runDir.toString(), "--local-workers", "0", "--min-workers", "2", "--port", Integer.toString(port));
            fleet.worker("steady", port, Benchfleet.freePort());
            Process victim = Benchfleet.start(dir.resolve("victim.out"), "worker-node", "--join", "127.0.0.1:" + port,
                    "--port", Integer.toString(victimPort), "--cores", "1", "--trainer", "dl4j=" + stillLoadingTrainer(),
                    "--log-file", dir.resolve("victim.log").toString());
            try {
                FakeTrainerCluster.await("an attempt running on the victim", GENEROUS,
                        () -> count(runDir, "SELECT COUNT(*) FROM attempts WHERE status = 'running'" + on(victimPort)) == 1);
                String lost = FakeTrainerCluster.query(runDir, "SELECT attempt_id FROM attempts WHERE status = 'running'"
                        + on(victimPort)).orElseThrow();
                orphans.addAll(victim.descendants().toList());
                assertThat(FakeTrainerCluster.query(runDir, "SELECT pid FROM attempts WHERE attempt_id = '" + lost + "'"))
                        .as("the victim's trainer has not said started yet").isEmpty();

                victim.destroyForcibly();
                long faultAt = System.nanoTime();
                awaitRunningAgain(runDir, lost);
                printRecovery("worker node kill -9 before its trainer's first event", faultAt);
                int exitCode = Benchfleet.waitFor(coordinator, GENEROUS.toSeconds());

                assertThat(exitCode).as(fleet.output("coordinator")).isEqualTo(1);
                assertThat(outcomesPerTask(runDir).values()).containsExactlyInAnyOrder(
                        "a1 failed WORKER_LOST, a2 succeeded", "a1 succeeded", "a1 failed ERROR");
                assertEveryTaskEndedOnce(fleet, runDir, "WORKER_LOST");
            } finally {
                Benchfleet.stop(victim);
                orphans.forEach(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Test
    void aWorkerNodeKilledAsItsTrainersFinalEventIsSentLeavesTheTaskWithOneResult() throws Exception {
        Path runDir = dir.resolve("run");
        int port = Benchfleet.freePort();
        int victimPort = Benchfleet.freePort();
        // Repetition 2 keeps the sweep going until the victim is removed, on one of the steady node's two slots;
        // the other is free for a rerun the moment the victim's attempt is given up.
        try (FakeTrainerCluster fleet = new FakeTrainerCluster(dir, "1 * finish 8", "2 * finish 20")) {
            Process coordinator = fleet.coordinator("coordinator", "run", fleet.sweepFile("s.conf", 2, "").toString(),
                    "--run-dir", runDir.toString(), "--local-workers", "0", "--port", Integer.toString(port));
            Process victim = fleet.worker("victim", port, victimPort);
            FakeTrainerCluster.await("the victim's trainer started", GENEROUS, () -> count(runDir,
                    "SELECT COUNT(*) FROM attempts WHERE pid IS NOT NULL" + on(victimPort)) == 1);
            fleet.worker("steady", port, Benchfleet.freePort(), "--slots", "cpu*2");
            String attempt = FakeTrainerCluster.query(runDir, "SELECT attempt_id FROM attempts WHERE pid IS NOT NULL"
                    + on(victimPort)).orElseThrow();
            long trainer = Long.parseLong(FakeTrainerCluster.query(runDir, "SELECT pid FROM attempts WHERE attempt_id = '"
                    + attempt + "'").orElseThrow());
            awaitClosely("the victim's trainer printed its final event and ended", GENEROUS, () -> hasEnded(trainer));

            victim.destroyForcibly();
            long faultAt = System.nanoTime();
            FakeTrainerCluster.await("the victim's task succeeded or running again", GENEROUS, () -> count(runDir,
                    "SELECT COUNT(*) FROM attempts a JOIN attempts victims ON a.task_id = victims.task_id"
                            + " AND (a.number > victims.number OR a.status = 'succeeded')"
                            + " WHERE victims.attempt_id = '" + attempt + "'") > 0);
            printRecovery("worker node kill -9 as its trainer's final event is sent (the victim's attempt "
                    + outcomeOf(runDir, attempt) + " by then)", faultAt);
            int exitCode = Benchfleet.waitFor(coordinator, GENEROUS.toSeconds());

            assertThat(exitCode).as(fleet.output("coordinator")).isZero();
            assertThat(outcomeOf(runDir, attempt)).isIn("succeeded", "failed WORKER_LOST");
            assertEveryTaskEndedOnce(fleet, runDir, "WORKER_LOST");
        }
    }

    @Test
    void aWorkerNodeFrozenPastTheFailureDetectorIsDownedItsAttemptsRunElsewhereAndItsLateResultIsIgnored() throws Exception {
        Path runDir = dir.resolve("run");
        int port = Benchfleet.freePort();
        int frozenPort = Benchfleet.freePort();
        // Repetition 1 finishes while its node is frozen (a late result); 2 never ends by itself; its rerun keeps
        // the sweep going while the frozen node wakes, so that a late result would meet a live coordinator.
        try (FakeTrainerCluster fleet = new FakeTrainerCluster(dir, "1 1 finish 15", "2 1 hang", "2 2 finish 6")) {
            Process coordinator = fleet.coordinator("coordinator", "run", fleet.sweepFile("s.conf", 2, "").toString(),
                    "--run-dir", runDir.toString(), "--local-workers", "0", "--port", Integer.toString(port));
            Process frozen = fleet.worker("frozen", port, frozenPort, "--slots", "cpu*2");
            FakeTrainerCluster.await("both tasks' trainers started on the node to freeze", GENEROUS, () -> count(runDir,
                    "SELECT COUNT(*) FROM attempts WHERE pid IS NOT NULL" + on(frozenPort)) == 2);
            // Two slots: both lost attempts run again at once, so the time measured is the cluster's alone.
            fleet.worker("steady", port, Benchfleet.freePort(), "--slots", "cpu*2");
            FakeTrainerCluster.await("the steady node registered", GENEROUS,
                    () -> count(runDir, "SELECT COUNT(*) FROM workers") == 2);
            long lateTrainer = pidOf(runDir, 1, 1);
            long hangingTrainer = pidOf(runDir, 2, 1);
            assertThat(hasEnded(lateTrainer)).as("repetition 1's trainer still runs when its node is frozen").isFalse();

            Benchfleet.signal(frozen, "STOP");
            long faultAt = System.nanoTime();
            FakeTrainerCluster.await("both attempts of the frozen node given up and running again", GENEROUS, () -> count(runDir,
                    "SELECT COUNT(*) FROM attempts WHERE number = 2") == 2);
            printRecovery("worker node SIGSTOP past the failure detector", faultAt);
            FakeTrainerCluster.await("repetition 1's trainer printed its result into the frozen node's pipe", GENEROUS,
                    () -> hasEnded(lateTrainer));
            Benchfleet.signal(frozen, "CONT");

            assertThat(frozen.waitFor(GENEROUS.toSeconds(), TimeUnit.SECONDS))
                    .as("the downed node shut down after it woke: " + Benchfleet.read(dir.resolve("frozen.log"))).isTrue();
            FakeTrainerCluster.await("the downed node's hanging trainer ended", Duration.ofSeconds(15), () -> hasEnded(hangingTrainer));
            int exitCode = Benchfleet.waitFor(coordinator, GENEROUS.toSeconds());

            assertThat(exitCode).as(fleet.output("coordinator")).isZero();
            assertThat(outcomesPerTask(runDir)).containsExactly(
                    Map.entry(1, "a1 failed WORKER_LOST, a2 succeeded"),
                    Map.entry(2, "a1 failed WORKER_LOST, a2 succeeded"));
            assertEveryTaskEndedOnce(fleet, runDir, "WORKER_LOST");
        }
    }

    @Test
    void aCoordinatorKilledBeforeTheFirstResultResumesAndRunsEachTaskToOneResult() throws Exception {
        Path runDir = dir.resolve("run");
        try (FakeTrainerCluster fleet = new FakeTrainerCluster(dir, "1 1 hang")) {
            int port = Benchfleet.freePort();
            Process first = fleet.coordinator("first", "run", fleet.sweepFile("s.conf", 2, "").toString(),
                    "--run-dir", runDir.toString(), "--local-workers", "0", "--port", Integer.toString(port));
            fleet.worker("worker-1", port, Benchfleet.freePort());
            FakeTrainerCluster.await("the first trainer started", GENEROUS,
                    () -> count(runDir, "SELECT COUNT(*) FROM attempts WHERE pid IS NOT NULL") == 1);
            assertThat(count(runDir, "SELECT COUNT(*) FROM attempts WHERE status <> 'running'")).as("results so far").isZero();

            first.destroyForcibly();
            long faultAt = System.nanoTime();
            Benchfleet.waitFor(first, 30);
            int exitCode = resume(fleet, runDir, "resumed");
            printRecovery("coordinator kill -9 before the first result, resumed", faultAt);

            assertThat(exitCode).as(fleet.output("resumed")).isZero();
            assertThat(outcomesPerTask(runDir)).containsExactly(
                    Map.entry(1, "a1 failed COORDINATOR_STOPPED, a2 succeeded"),
                    Map.entry(2, "a1 succeeded"));
            assertEveryTaskEndedOnce(fleet, runDir, "COORDINATOR_STOPPED");
            assertThat(Files.readAllLines(runDir.resolve("results.csv"))).hasSize(3);
        }
    }

    @Test
    void aCoordinatorKilledWhileTheReportIsWrittenResumesWithoutRunningAnyTaskAgain() throws Exception {
        Path runDir = dir.resolve("run");
        try (FakeTrainerCluster fleet = new FakeTrainerCluster(dir)) {
            int port = Benchfleet.freePort();
            Process first = fleet.coordinator("first", "run", fleet.sweepFile("s.conf", 2, "").toString(),
                    "--run-dir", runDir.toString(), "--local-workers", "0", "--port", Integer.toString(port));
            fleet.worker("worker-1", port, Benchfleet.freePort());
            // finished_at is the coordinator's last write before it stops its actor system and writes the report.
            awaitClosely("the sweep's end recorded", GENEROUS,
                    () -> FakeTrainerCluster.query(runDir, "SELECT value FROM run WHERE key = 'finished_at'").isPresent());

            first.destroyForcibly();
            long faultAt = System.nanoTime();
            Benchfleet.waitFor(first, 30);
            Process resumed = startResume(fleet, runDir, "resumed");
            boolean finished = resumed.waitFor(RESUME_LIMIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(finished).as("the resumed sweep, with nothing left to run, finished: " + fleet.output("resumed")).isTrue();
            printRecovery("coordinator kill -9 while the report is written, resumed", faultAt);
            assertThat(resumed.exitValue()).as(fleet.output("resumed")).isZero();
            assertThat(outcomesPerTask(runDir)).containsExactly(Map.entry(1, "a1 succeeded"), Map.entry(2, "a1 succeeded"));
            assertEveryTaskEndedOnce(fleet, runDir);
            assertThat(fleet.trainerStarts()).hasSize(2);
            assertThat(Files.readAllLines(runDir.resolve("results.csv"))).hasSize(3);
            assertThat(runDir.resolve("report.html")).isNotEmptyFile();
        }
    }

    @Test
    void workerNodesJoiningAndLeavingInTurnLeaveEveryTaskWithOneResult() throws Exception {
        Path runDir = dir.resolve("run");
        int port = Benchfleet.freePort();
        // Enough work that the third short-lived node still finds some after two recoveries of up to ~15 s each
        // on a loaded machine (with 10 tasks the steady node could finish them all first, and the test hung).
        int tasks = 20;
        String[] plan = IntStream.rangeClosed(1, tasks).mapToObj(repetition -> repetition + " * finish 2.5").toArray(String[]::new);
        try (FakeTrainerCluster fleet = new FakeTrainerCluster(dir, plan)) {
            Process coordinator = fleet.coordinator("coordinator", "run", fleet.sweepFile("s.conf", tasks, "").toString(),
                    "--run-dir", runDir.toString(), "--local-workers", "0", "--port", Integer.toString(port));
            fleet.worker("steady", port, Benchfleet.freePort());
            int shortLivedPort = Benchfleet.freePort();
            Process shortLived = fleet.worker("short-1", port, shortLivedPort);
            Map<Integer, String> shortLivedNames = new HashMap<>();
            List<String> expectedFailures = new ArrayList<>();
            for (int turn = 1; turn <= 3; turn++) {
                int leavingPort = shortLivedPort;
                FakeTrainerCluster.await("short-lived node " + turn + " runs a trainer", GENEROUS, () -> count(runDir,
                        "SELECT COUNT(*) FROM attempts WHERE pid IS NOT NULL AND status = 'running'" + on(leavingPort)) == 1);
                String lost = FakeTrainerCluster.query(runDir, "SELECT attempt_id FROM attempts WHERE status = 'running'"
                        + on(leavingPort)).orElseThrow();
                // Killed, then stopped with SIGTERM (which hands the attempt back), then killed again.
                boolean killed = turn != 2;
                shortLivedNames.put(leavingPort, "short-" + turn);
                expectedFailures.add("short-" + turn + (killed ? " WORKER_LOST" : " HANDED_BACK"));

                if (killed) {
                    shortLived.destroyForcibly();
                } else {
                    shortLived.destroy();
                }
                long faultAt = System.nanoTime();
                if (turn < 3) {
                    shortLivedPort = Benchfleet.freePort();
                    shortLived = fleet.worker("short-" + (turn + 1), port, shortLivedPort);
                }
                awaitRunningAgain(runDir, lost);
                printRecovery("worker nodes joining and leaving, short-lived node " + turn + (killed ? " kill -9" : " SIGTERM"), faultAt);
            }
            int exitCode = Benchfleet.waitFor(coordinator, GENEROUS.toSeconds());

            assertThat(exitCode).as(fleet.output("coordinator")).isZero();
            assertThat(FakeTrainerCluster.rows(runDir, "SELECT worker_id, failure_kind FROM attempts WHERE status = 'failed'"))
                    .extracting(row -> shortLivedNames.getOrDefault(portOf(row.get(0)), row.get(0)) + " " + row.get(1))
                    .containsExactlyInAnyOrderElementsOf(expectedFailures);
            assertEveryTaskEndedOnce(fleet, runDir, "WORKER_LOST", "HANDED_BACK");
        }
    }

    /**
     * The checks every scenario ends with: each task's attempts are failures of the given kinds, then one
     * final result (succeeded, or failed for good as a plan's {@code fail ERROR}), nothing after it; every trainer
     * started belongs to a recorded attempt and started once, and every attempt whose trainer reported
     * itself started is among them.
     */
    private static void assertEveryTaskEndedOnce(FakeTrainerCluster fleet, Path runDir, String... lostKinds) throws Exception {
        String lost = lostKinds.length == 0 ? "" : "(a\\d+ failed (" + String.join("|", lostKinds) + "), )*";
        assertThat(outcomesPerTask(runDir)).allSatisfy((repetition, outcome) ->
                assertThat(outcome).as("repetition %d", repetition).matches(lost + "a\\d+ (succeeded|failed ERROR)"));
        List<String> recorded = column(runDir, "SELECT attempt_id FROM attempts");
        List<String> reportedStarted = column(runDir, "SELECT attempt_id FROM attempts WHERE pid IS NOT NULL");
        assertThat(fleet.trainerStarts()).doesNotHaveDuplicates().isSubsetOf(recorded).containsAll(reportedStarted);
    }

    /** Repetition to its attempts in order, e.g. {@code a1 failed WORKER_LOST, a2 succeeded}. */
    private static Map<Integer, String> outcomesPerTask(Path runDir) throws SQLException {
        return FakeTrainerCluster.rows(runDir, "SELECT t.repetition, COALESCE('a' || a.number || ' ' || a.status"
                        + " || COALESCE(' ' || a.failure_kind, ''), 'no attempt') FROM tasks t LEFT JOIN attempts a USING (task_id)"
                        + " ORDER BY t.repetition, a.number").stream()
                .collect(Collectors.groupingBy(row -> Integer.parseInt(row.get(0)), TreeMap::new,
                        Collectors.mapping(row -> row.get(1), Collectors.joining(", "))));
    }

    private static String outcomeOf(Path runDir, String attemptId) {
        return FakeTrainerCluster.query(runDir, "SELECT status || COALESCE(' ' || failure_kind, '') FROM attempts"
                + " WHERE attempt_id = '" + attemptId + "'").orElseThrow();
    }

    private static List<String> column(Path runDir, String sql) throws SQLException {
        return FakeTrainerCluster.rows(runDir, sql).stream().map(row -> row.get(0)).toList();
    }

    private static int count(Path runDir, String sql) {
        return Integer.parseInt(FakeTrainerCluster.query(runDir, sql).orElse("0"));
    }

    /** The condition on the attempts of the worker node listening on {@code port}: its worker id ends with it. */
    private static String on(int port) {
        return " AND worker_id LIKE '%:" + port + "'";
    }

    private static int portOf(String workerId) {
        return Integer.parseInt(workerId.substring(workerId.lastIndexOf(':') + 1));
    }

    /** The pid the trainer of a repetition's attempt reported in its started event. */
    private static long pidOf(Path runDir, int repetition, int number) {
        return Long.parseLong(FakeTrainerCluster.query(runDir, "SELECT a.pid FROM attempts a JOIN tasks t USING (task_id)"
                + " WHERE t.repetition = " + repetition + " AND a.number = " + number).orElseThrow());
    }

    /** The lost attempt's task has a later attempt, running or done: recovery, from the task's point of view. */
    private static void awaitRunningAgain(Path runDir, String lostAttempt) throws InterruptedException {
        FakeTrainerCluster.await("the task of " + lostAttempt + " running again", GENEROUS, () -> count(runDir,
                "SELECT COUNT(*) FROM attempts a JOIN attempts lost ON a.task_id = lost.task_id AND a.number > lost.number"
                        + " WHERE lost.attempt_id = '" + lostAttempt + "'") > 0);
    }

    /**
     * As {@link FakeTrainerCluster#await}, checking every few milliseconds: for a fault that must land
     * within a moment of what it waits for.
     */
    private static void awaitClosely(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + limit + ": " + what);
            }
            Thread.sleep(2);
        }
    }

    /**
     * Gone, or a zombie: a process that exited while its parent, a frozen worker node, cannot reap it.
     * ProcessHandle counts zombies as alive, hence /proc.
     */
    private static boolean hasEnded(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return true;
        }
    }

    /** A trainer that is still loading (a DL4J trainer JVM takes seconds): it never says anything. */
    private Path stillLoadingTrainer() throws IOException {
        Path script = Files.writeString(dir.resolve("still-loading-trainer.sh"), "#!/bin/sh\nexec sleep 300\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private static int resume(FakeTrainerCluster fleet, Path runDir, String name) throws Exception {
        return Benchfleet.waitFor(startResume(fleet, runDir, name), GENEROUS.toSeconds());
    }

    /** {@code bin/coordinator resume} on a new port, and a new worker node joining it. */
    private static Process startResume(FakeTrainerCluster fleet, Path runDir, String name) throws IOException {
        int port = Benchfleet.freePort();
        Process coordinator = fleet.coordinator(name, "resume", runDir.toString(), "--local-workers", "0",
                "--port", Integer.toString(port));
        fleet.worker(name + "-worker", port, Benchfleet.freePort());
        return coordinator;
    }

    private static void printRecovery(String scenario, long faultAt) {
        double seconds = (System.nanoTime() - faultAt) / 1e9;
        System.out.printf(Locale.ROOT, "fault-matrix: %s: recovered in %.1f s%n", scenario, seconds);
    }
}
