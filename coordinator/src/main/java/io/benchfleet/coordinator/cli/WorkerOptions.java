package io.benchfleet.coordinator.cli;

import io.benchfleet.coordinator.dashboard.DashboardServer;
import io.benchfleet.coordinator.run.SweepRun;
import io.benchfleet.protocol.cluster.ClusterTls;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The options {@code run} and {@code resume} share: where the coordinator and its dashboard listen and which worker
 * nodes it starts or awaits.
 */
final class WorkerOptions {

    @Option(names = "--local-workers", defaultValue = "1",
            description = "Worker nodes started on this machine as separate JVMs (default: ${DEFAULT-VALUE}).")
    int localWorkers;

    @Option(names = "--port", defaultValue = "0",
            description = "Cluster port for worker nodes to --join (default: any free port, printed at start).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on; loopback unless told otherwise (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--tls", paramLabel = "DIR",
            description = "Cluster traffic under TLS with mutual authentication: DIR holds this node's " + ClusterTls.KEY_STORE
                    + " and the CA's " + ClusterTls.TRUST_STORE + " (deploy/gen-certs); password from $"
                    + ClusterTls.PASSWORD_VARIABLE + " or DIR/" + ClusterTls.PASSWORD_FILE + ". Local worker nodes use DIR too.")
    Path tlsDirectory;

    @Option(names = "--min-workers", defaultValue = "1",
            description = "Worker nodes to wait for before handing out the first task (default: ${DEFAULT-VALUE}).")
    int minWorkers;

    @Option(names = "--http-port", defaultValue = "0",
            description = "Port of the read-only dashboard (default: any free port; the URL is printed at start).")
    int httpPort;

    @Option(names = "--http-host", defaultValue = "127.0.0.1",
            description = "Address the dashboard listens on; loopback unless told otherwise (default: ${DEFAULT-VALUE}).")
    String httpHost;

    @Option(names = "--fail-unschedulable",
            description = "Tasks whose device no worker node offers a slot for (gpu tasks in a cluster of cpu slots) fail"
                    + " once --min-workers nodes are there and every other task has ended, instead of waiting for such"
                    + " a worker node to join.")
    boolean failUnschedulable;

    /** The validated options, as the run needs them. */
    SweepRun.Options toRunOptions(Path home) {
        if (localWorkers < 0) {
            throw new BadInputException("--local-workers = " + localWorkers + ": expected 0 or more");
        }
        if (port < 0 || port > 65_535) {
            throw new BadInputException("--port = " + port + ": expected 0 (any free port) or 1-65535");
        }
        if (httpPort < 0 || httpPort > 65_535) {
            throw new BadInputException("--http-port = " + httpPort + ": expected 0 (any free port) or 1-65535");
        }
        if (minWorkers < 0) {
            throw new BadInputException("--min-workers = " + minWorkers + ": expected 0 or more");
        }
        Optional<ClusterTls> tls;
        try {
            tls = Optional.ofNullable(tlsDirectory).map(dir -> ClusterTls.fromDirectory(dir, System.getenv()));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        return new SweepRun.Options(localWorkers, host, port, minWorkers, home, tls, failUnschedulable,
                new DashboardServer.Address(httpHost, httpPort));
    }
}
