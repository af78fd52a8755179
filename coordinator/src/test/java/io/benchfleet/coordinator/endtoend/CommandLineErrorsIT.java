package io.benchfleet.coordinator.endtoend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input through the real scripts: exit code 2 and one line naming what was wrong, no stack trace. */
class CommandLineErrorsIT {

    @TempDir
    Path dir;

    @Test
    void aWorkerNodeThatCannotReachItsCoordinatorSaysSoAndExitsWithTwo() throws Exception {
        int nobodyListens = Benchfleet.freePort();
        Path out = dir.resolve("worker.out");

        Process worker = Benchfleet.start(out, "worker-node", "--join", "127.0.0.1:" + nobodyListens,
                "--join-timeout", "3", "--log-file", dir.resolve("worker.log").toString());

        assertThat(Benchfleet.waitFor(worker, 60)).isEqualTo(2);
        // Before it joins, the node says what it offers ("worker node offers pytorch ... on cpu"); then the one error.
        assertThat(Files.readAllLines(out)).filteredOn(line -> !line.startsWith("worker node offers "))
                .containsExactly("worker-node: cannot join the coordinator at 127.0.0.1:"
                + nobodyListens + ": no answer within 3s; expected a running `bin/coordinator run SWEEP --port "
                + nobodyListens + "` reachable from here");
    }

    @Test
    void aJoinAddressWithoutPortIsRefused() throws Exception {
        Path out = dir.resolve("worker.out");

        Process worker = Benchfleet.start(out, "worker-node", "--join", "localhost");

        assertThat(Benchfleet.waitFor(worker, 30)).isEqualTo(2);
        assertThat(Files.readAllLines(out)).containsExactly(
                "worker-node: 'localhost' is not HOST:PORT (e.g. 10.0.0.5:25520) (see --help)");
    }

    @Test
    void aMissingSweepFileIsOneLineAndExitCodeTwo() throws Exception {
        Path out = dir.resolve("coordinator.out");

        Process coordinator = Benchfleet.start(out, "coordinator", "run", dir.resolve("nope.conf").toString());

        assertThat(Benchfleet.waitFor(coordinator, 30)).isEqualTo(2);
        assertThat(Files.readAllLines(out)).containsExactly("coordinator run: sweep file not found: "
                + dir.resolve("nope.conf") + " (expected a HOCON file such as configs/quickstart.conf)");
    }

    @Test
    void aMissingDatasetStopsTheRunBeforeItStarts() throws Exception {
        Path sweep = dir.resolve("s.conf");
        Files.writeString(sweep, "sweep { datasets = [mnist], architectures = [mlp-small] }\ndata-dir = \""
                + dir.resolve("empty") + "\"");
        Path out = dir.resolve("coordinator.out");

        Process coordinator = Benchfleet.start(out, "coordinator", "run", sweep.toString(),
                "--run-dir", dir.resolve("run").toString());

        assertThat(Benchfleet.waitFor(coordinator, 30)).isEqualTo(2);
        assertThat(Files.readAllLines(out)).singleElement().asString()
                .startsWith("coordinator run: dataset 'mnist' not found: put train-images-idx3-ubyte")
                .contains("into " + dir.resolve("empty").resolve("mnist"))
                .doesNotContain("downloading failed: null");
        assertThat(dir.resolve("run")).doesNotExist();
    }
}
