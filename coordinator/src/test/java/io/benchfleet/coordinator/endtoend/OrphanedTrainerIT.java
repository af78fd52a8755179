package io.benchfleet.coordinator.endtoend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker node killed outright cannot end its trainer: the trainer must notice by itself (its stdin, which only
 * the worker node held open, reaches its end) and stop, instead of holding the machine's cores for nobody.
 */
class OrphanedTrainerIT {

    private static final Duration LIMIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void aTrainerEndsWithinSecondsOfItsWorkerNodeBeingKilled() throws Exception {
        int port = Benchfleet.freePort();
        try (FakeTrainerCluster fleet = new FakeTrainerCluster(dir, "1 * hang")) {
            fleet.coordinator("coordinator", "run", fleet.sweepFile("s.conf", 1, "").toString(),
                    "--run-dir", dir.resolve("run").toString(), "--local-workers", "0", "--port", Integer.toString(port));
            Process worker = fleet.worker("worker-1", port, Benchfleet.freePort());
            FakeTrainerCluster.await("a trainer started", Duration.ofSeconds(60), () -> !fleet.trainerPids().isEmpty());
            ProcessHandle trainer = ProcessHandle.of(fleet.trainerPids().get(0)).orElseThrow();

            Instant killed = Instant.now();
            worker.destroyForcibly();
            FakeTrainerCluster.await("the trainer ended after its worker node was killed", LIMIT, () -> hasEnded(trainer));

            Duration took = Duration.between(killed, Instant.now());
            System.out.printf("OrphanedTrainerIT: the trainer ended %d ms after its worker node was killed%n",
                    took.toMillis());
            assertThat(took).isLessThan(LIMIT);
        }
    }

    /**
     * Gone, or dead and waiting to be reaped: with its worker node killed, the trainer's parent is whatever adopts
     * orphans, and that may reap late (ProcessHandle calls a zombie alive).
     */
    private static boolean hasEnded(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return !process.isAlive();
        }
    }
}
