package io.benchfleet.coordinator.endtoend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cluster traffic under TLS with mutual authentication, through {@code bin/} and certificates from
 * {@code deploy/gen-certs}: a worker node with a certificate of the cluster's CA joins and runs the
 * sweep; one whose certificate comes from another CA, and one without TLS, are refused with one
 * line and exit 2, and never appear among the sweep's worker nodes. Under TLS a raw frame never
 * reaches Artery's decoder, not even the one that makes it loop (HostileFramesIT).
 */
class ClusterTlsIT {

    private static final Duration GENEROUS = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void aNodeOfTheClustersCaJoinsAndRunsTheSweepWhileOthersAreRefused() throws Exception {
        Path certs = dir.resolve("certs");
        Path otherCa = dir.resolve("other-ca");
        genCerts(certs, "coordinator", "worker");
        genCerts(otherCa, "intruder");
        // The intruder trusts the cluster's CA too, so only the coordinator's check of its certificate can stop it.
        Path intruderDir = otherCa.resolve("intruder");
        run("keytool", "-importcert", "-noprompt", "-alias", "cluster-ca", "-file", certs.resolve("ca/ca.crt").toString(),
                "-keystore", intruderDir.resolve("truststore.p12").toString(),
                "-storepass", Files.readString(intruderDir.resolve("password")).strip());
        Path runDir = dir.resolve("run");
        int port = Benchfleet.freePort();
        try (FakeTrainerCluster fleet = new FakeTrainerCluster(dir)) {
            Process coordinator = fleet.coordinator("coordinator", "run", fleet.sweepFile("s.conf", 2, "").toString(),
                    "--run-dir", runDir.toString(), "--local-workers", "0", "--port", Integer.toString(port),
                    "--tls", certs.resolve("coordinator").toString());
            FakeTrainerCluster.await("the coordinator listening", GENEROUS, () -> read(fleet, "coordinator").contains("coordinator at"));
            HostileFramesIT.send(port, HostileFramesIT.NEGATIVE_LENGTH_FRAME);

            Process intruder = fleet.worker("intruder", port, Benchfleet.freePort(), "--tls", intruderDir.toString(),
                    "--join-timeout", "5");
            assertThat(Benchfleet.waitFor(intruder, 60)).as(fleet.output("intruder")).isEqualTo(2);
            assertThat(withoutOffers(fleet.output("intruder"))).startsWith("worker-node: --tls: the coordinator at 127.0.0.1:"
                    + port + " refused this node's TLS connection").doesNotContain("\n");

            Process plain = fleet.worker("plain", port, Benchfleet.freePort(), "--join-timeout", "5");
            assertThat(Benchfleet.waitFor(plain, 60)).as(fleet.output("plain")).isEqualTo(2);
            assertThat(fleet.output("plain")).contains("cannot join the coordinator at 127.0.0.1:" + port);

            fleet.worker("worker", port, Benchfleet.freePort(), "--tls", certs.resolve("worker").toString());
            int exitCode = Benchfleet.waitFor(coordinator, GENEROUS.toSeconds());

            assertThat(exitCode).as(fleet.output("coordinator")).isZero();
            assertThat(FakeTrainerCluster.rows(runDir, "SELECT COUNT(*), COUNT(DISTINCT worker_id) FROM attempts WHERE status = 'succeeded'"))
                    .containsExactly(List.of("2", "1"));
            assertThat(FakeTrainerCluster.query(runDir, "SELECT COUNT(*) FROM workers")).contains("1");
            assertThat(Files.size(runDir.resolve("logs/coordinator.log"))).isLessThan(HostileFramesIT.MAX_LOG_BYTES);
        }
    }

    @Test
    void aCoordinatorWhoseTlsFolderLacksItsKeyStoreStopsWithOneLine() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        try (FakeTrainerCluster fleet = new FakeTrainerCluster(dir)) {
            Process coordinator = fleet.coordinator("coordinator", "run", fleet.sweepFile("s.conf", 1, "").toString(),
                    "--run-dir", dir.resolve("run").toString(), "--local-workers", "0", "--tls", empty.toString());

            assertThat(Benchfleet.waitFor(coordinator, 60)).isEqualTo(2);
            assertThat(fleet.output("coordinator").strip()).isEqualTo("coordinator run: --tls " + empty
                    + ": node.p12 is missing or unreadable; expected the node's files from deploy/gen-certs"
                    + " (node.p12, truststore.p12)");
        }
    }

    /** A node's output without the lines that say, before it joins, what it offers: what is left is its error. */
    private static String withoutOffers(String output) {
        return output.lines().filter(line -> !line.startsWith("worker node offers ")).collect(Collectors.joining("\n"))
                .strip();
    }

    private static String read(FakeTrainerCluster fleet, String output) {
        try {
            return fleet.output(output);
        } catch (IOException e) {
            return "";
        }
    }

    private void genCerts(Path out, String... nodes) throws Exception {
        List<String> line = new ArrayList<>(List.of(Benchfleet.HOME.resolve("deploy/gen-certs").toString(), out.toString()));
        line.addAll(List.of(nodes));
        run(line.toArray(String[]::new));
    }

    private void run(String... line) throws Exception {
        Path output = dir.resolve("command.out");
        Process process = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(Benchfleet.waitFor(process, 120)).as(Benchfleet.read(output)).isZero();
    }
}
