package io.benchfleet.coordinator.run;

import io.benchfleet.coordinator.dashboard.DashboardServer;
import io.benchfleet.coordinator.dispatch.Coordinator;
import io.benchfleet.coordinator.queue.AttemptLimits;
import io.benchfleet.coordinator.queue.Progress;
import io.benchfleet.coordinator.queue.RunHistory;
import io.benchfleet.coordinator.sweep.SweepFile;
import io.benchfleet.report.Baseline;
import io.benchfleet.report.ConsoleTable;
import io.benchfleet.report.ReportOptions;
import io.benchfleet.report.RunReport;
import io.benchfleet.report.RunSummary;
import io.benchfleet.report.StudyReference;
import io.benchfleet.coordinator.store.ResultStore;
import io.benchfleet.coordinator.store.ResultWriter;
import io.benchfleet.protocol.BuildVersions;
import io.benchfleet.protocol.cluster.ClusterConfig;
import io.benchfleet.protocol.cluster.ClusterTls;
import io.benchfleet.protocol.sweep.Sweep;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code bin/coordinator run} and {@code resume}: starts the coordinator node, the local worker
 * nodes, waits for the sweep to finish, then writes the report. The sweep was validated before this
 * starts.
 */
public final class SweepRun {

    private static final Logger log = LoggerFactory.getLogger(SweepRun.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

    /**
     * @param home the benchfleet installation, for {@code bin/worker-node}
     * @param tls  cluster traffic under TLS with this material, for the coordinator and its local worker nodes
     * @param failUnschedulable see {@link Coordinator.Settings}
     * @param dashboard where the read-only dashboard listens
     */
    public record Options(int localWorkers, String host, int port, int minWorkers, Path home, Optional<ClusterTls> tls,
                          boolean failUnschedulable, DashboardServer.Address dashboard) {
    }

    private final Sweep sweep;
    private final AttemptLimits limits;
    private final Optional<Baseline> baseline;
    private final Optional<StudyReference> reference;
    private final ReportOptions reportOptions;
    private final RunDirectory runDirectory;
    private final Options options;
    private final PrintStream console;

    public SweepRun(SweepFile.Contents sweepFile, RunDirectory runDirectory, Options options, PrintStream console) {
        this.sweep = sweepFile.sweep();
        this.limits = sweepFile.attemptLimits();
        this.baseline = sweepFile.baseline();
        this.reference = sweepFile.reference();
        this.reportOptions = sweepFile.reportOptions();
        this.runDirectory = runDirectory;
        this.options = options;
        this.console = console;
    }

    /**
     * @return the exit code: 0 when every task succeeded, 1 when some failed
     * @throws SweepStoppedException when results.db could not be written and the sweep stopped before its end
     */
    public int execute() throws IOException {
        return run(RunHistory.NONE, "started_at");
    }

    /**
     * Runs what {@code history} did not finish, appending to the run directory's results.db; the
     * report then covers the earlier run and this one as one sweep.
     *
     * @return the exit code, as {@link #execute()}
     */
    public int resume(RunHistory history) throws IOException {
        return run(history, "resumed_at");
    }

    private int run(RunHistory history, String startKey) throws IOException {
        CompletableFuture<Progress> completion = new CompletableFuture<>();
        CompletableFuture<ResultStore.UnwritableException> unwritable = new CompletableFuture<>();
        ProgressLine progress = new ProgressLine(sweep.name(), sweep.tasks().size());
        ActorSystem<Void> system = ActorSystem.create(guardian(history, startKey, progress, completion, unwritable),
                ClusterConfig.SYSTEM_NAME,
                ClusterConfig.of(options.host(), options.port(), "coordinator", Map.of(), options.tls()));
        String address = options.host() + ":" + Cluster.get(system).selfMember().address().getPort().orElseThrow();
        announce(address);
        Optional<DashboardServer> dashboard = startDashboard(system);
        try {
            progress.show();
            try (LocalWorkers workers = options.localWorkers() > 0
                    ? LocalWorkers.start(options.home(), options.localWorkers(), address, coresPerLocalWorker(),
                    runDirectory.logs(), options.tls())
                    : null) {
                CompletableFuture.anyOf(completion, unwritable).join();
            } finally {
                progress.close();
            }
            if (unwritable.isDone()) {
                throw new SweepStoppedException(unwritable.join(), runDirectory.path());
            }
            // While the dashboard still serves: it links report.html once the report is written.
            return report();
        } finally {
            dashboard.ifPresent(DashboardServer::close);
            terminate(system);
        }
    }

    /** A dashboard that cannot listen (its port taken) is a warning: the sweep matters more than a view of it. */
    private Optional<DashboardServer> startDashboard(ActorSystem<Void> system) {
        try {
            DashboardServer dashboard = DashboardServer.start(system, runDirectory.path(), options.dashboard(),
                    options.tls());
            console.printf("dashboard at %s%n", dashboard.url());
            log.info("dashboard at {}", dashboard.url());
            return Optional.of(dashboard);
        } catch (Exception e) {
            String reason = e instanceof ExecutionException && e.getCause() != null ? e.getCause().getMessage()
                    : e.getMessage();
            console.printf("dashboard: cannot listen on %s:%d (%s); the sweep runs without it%n",
                    options.dashboard().host(), options.dashboard().port(), reason);
            log.warn("dashboard cannot listen", e);
            return Optional.empty();
        }
    }

    private static void terminate(ActorSystem<Void> system) {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("the coordinator's actor system did not stop cleanly", e);
        }
    }

    private Behavior<Void> guardian(RunHistory history, String startKey, ProgressLine progress,
                                    CompletableFuture<Progress> completion,
                                    CompletableFuture<ResultStore.UnwritableException> unwritable) {
        return Behaviors.setup(context -> {
            var results = context.spawn(ResultWriter.create(runDirectory.path(), unwritable), "result-writer",
                    DispatcherSelector.fromConfig("benchfleet.blocking-io-dispatcher"));
            results.tell(new ResultWriter.PutRunValue("sweep_name", sweep.name()));
            results.tell(new ResultWriter.PutRunValue(startKey, Clock.systemUTC().instant().toString()));
            results.tell(new ResultWriter.PutRunValue("coordinator_jvm", Runtime.version().toString()));
            var settings = new Coordinator.Settings(sweep, limits, options.minWorkers(), history,
                    options.failUnschedulable());
            context.spawn(Coordinator.create(settings, results, progress, completion, Clock.systemUTC()), "coordinator");
            Cluster cluster = Cluster.get(context.getSystem());
            cluster.manager().tell(Join.create(cluster.selfMember().address()));
            return Behaviors.empty();
        });
    }

    private void announce(String address) {
        console.printf("sweep %s: %d tasks, run directory %s%n", sweep.name(), sweep.tasks().size(), runDirectory.path());
        console.printf("coordinator at %s; %s%n", address, options.localWorkers() > 0
                ? options.localWorkers() + " local worker node(s); more can join with bin/worker-node --join " + address
                : "waiting for worker nodes: bin/worker-node --join " + address);
        log.info("coordinator listening at {}", address);
    }

    /** Local worker nodes share this machine's cores; each trainer gets its share, never more. */
    private int coresPerLocalWorker() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / options.localWorkers());
    }

    private int report() {
        RunSummary summary = RunReport.write(List.of(runDirectory.path()), runDirectory.path(), baseline, reference,
                BuildVersions.all(), reportOptions);
        console.println();
        ConsoleTable.print(summary, console);
        return summary.allSucceeded() ? 0 : 1;
    }
}
