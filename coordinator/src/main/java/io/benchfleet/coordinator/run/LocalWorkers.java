package io.benchfleet.coordinator.run;

import io.benchfleet.protocol.cluster.ClusterTls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Worker nodes started on this machine as separate JVMs ({@code bin/worker-node}), which join
 * through Pekko Cluster exactly as remote ones do: the embedded default, and the same code path.
 */
public final class LocalWorkers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalWorkers.class);
    private static final long STOP_GRACE_SECONDS = 15;

    private final List<Process> processes;
    private final Thread shutdownHook;

    private LocalWorkers(List<Process> processes) {
        this.processes = processes;
        // Ctrl-C on the coordinator must not leave worker JVMs (and their trainers) behind.
        this.shutdownHook = new Thread(this::stop, "local-workers-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * @param home        the benchfleet installation whose {@code bin/worker-node} is started
     * @param coresEach   cores each node gives its cpu slot
     * @param tls         the coordinator's TLS material, which local nodes share: same machine, same certificate
     */
    public static LocalWorkers start(Path home, int count, String joinAddress, int coresEach, Path logDirectory,
                                     Optional<ClusterTls> tls) throws IOException {
        Path script = home.resolve("bin").resolve("worker-node");
        if (!Files.isExecutable(script)) {
            throw new IOException("cannot start local worker nodes: " + script + " is missing or not executable");
        }
        List<Process> started = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            List<String> command = new ArrayList<>(List.of(script.toString(), "--join", joinAddress,
                    "--cores", Integer.toString(coresEach),
                    "--log-file", logDirectory.resolve("worker-node-" + i + ".log").toString()));
            tls.ifPresent(material -> command.addAll(List.of("--tls", material.keyStore().getParent().toString())));
            if (i > 1) {
                // The first node offers this machine's GPUs; two nodes offering one GPU would train on it at once.
                command.addAll(List.of("--slots", "cpu"));
            }
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(logDirectory.resolve("worker-node-" + i + ".out").toFile());
            started.add(builder.start());
        }
        log.info("started {} local worker nodes joining {}", count, joinAddress);
        return new LocalWorkers(started);
    }

    /** Asks each node to leave (SIGTERM: it leaves the cluster and ends its trainer), then insists. */
    private void stop() {
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                if (!process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                    log.warn("local worker node pid {} did not stop in {} s; killing it", process.pid(), STOP_GRACE_SECONDS);
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            log.debug("JVM already shutting down; the hook stops the workers");
        }
    }
}
