package io.benchfleet.worker;

import io.benchfleet.metrics.host.HostDescription;
import io.benchfleet.metrics.probe.OshiResourceProbe;
import io.benchfleet.protocol.cluster.ClusterConfig;
import io.benchfleet.protocol.cluster.HostInfo;
import io.benchfleet.worker.attempt.JvmTrainerLauncher;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** {@code bin/worker-node --join HOST:PORT}: joins a coordinator's cluster and runs its tasks until it leaves. */
@Command(name = "worker-node", mixinStandardHelpOptions = true,
        description = "Joins a benchfleet coordinator and trains the tasks it hands out.")
public final class WorkerNodeMain implements Callable<Integer> {

    static final int BAD_INPUT = 2;

    @Option(names = "--join", required = true, paramLabel = "HOST:PORT",
            description = "The coordinator's cluster address (bin/coordinator run ... --port PORT).")
    private String join;

    @Option(names = "--slots", split = ",", defaultValue = "cpu",
            description = "Slots this node offers (default: ${DEFAULT-VALUE}); only cpu in this version.")
    private List<String> slots;

    @Option(names = "--port", defaultValue = "0", description = "Cluster port of this node (default: any free one).")
    private int port;

    @Option(names = "--host", description = "Address the coordinator reaches this node at (default: the one routing to it).")
    private String host;

    @Option(names = "--cores", description = "Cores a cpu slot's trainer uses (default: all of this machine's).")
    private Integer cores;

    @Option(names = "--trainer-heap", defaultValue = "3g", description = "Maximum heap of each trainer JVM (default: ${DEFAULT-VALUE}).")
    private String trainerHeap;

    @Option(names = "--join-timeout", defaultValue = "20", description = "Seconds to wait for the coordinator (default: ${DEFAULT-VALUE}).")
    private int joinTimeoutSeconds;

    @Option(names = "--log-file", defaultValue = "logs/worker-node.log", description = "Where this node logs (default: ${DEFAULT-VALUE}).")
    private Path logFile;

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new WorkerNodeMain())
                .setParameterExceptionHandler((e, a) -> badInput(e.getMessage()));
        System.exit(commandLine.execute(args));
    }

    @Override
    public Integer call() {
        JoinAddress joinAddress;
        String advertised;
        try {
            joinAddress = JoinAddress.parse(join);
            validateSlots();
            advertised = host != null ? host : joinAddress.localAddressTowards();
        } catch (IllegalArgumentException e) {
            return badInput(e.getMessage());
        }
        // Before anything logs: logback reads this property once, when it starts.
        System.setProperty("benchfleet.log.file", logFile.toAbsolutePath().toString());
        return run(joinAddress, advertised);
    }

    private void validateSlots() {
        for (String slot : slots) {
            if (!slot.equals("cpu")) {
                throw new IllegalArgumentException("--slots: '" + slot + "' is not available in this version; expected cpu");
            }
        }
    }

    private int run(JoinAddress joinAddress, String advertised) {
        HostInfo hostInfo = HostDescription.ofThisMachine();
        int threads = cores != null ? cores : hostInfo.logicalCores();
        ExecutorService processThreads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "trainer-io");
            thread.setDaemon(true);
            return thread;
        });
        var config = ClusterConfig.of(advertised, port, "worker", Map.of(
                "pekko.cluster.seed-nodes", List.of(joinAddress.seedNode()),
                // Without it an unreachable --join would retry forever in silence.
                "pekko.cluster.shutdown-after-unsuccessful-join-seed-nodes", joinTimeoutSeconds + "s"));
        Behavior<io.benchfleet.worker.WorkerNode.Command> guardian = Behaviors.setup(context -> {
            var self = Cluster.get(context.getSystem()).selfMember().address();
            String workerId = hostInfo.hostname() + ":" + self.getPort().orElse(0);
            var settings = new WorkerNode.Settings(workerId, hostInfo, slots, threads);
            return WorkerNode.create(settings, new JvmTrainerLauncher(trainerHeap), new OshiResourceProbe(), processThreads);
        });
        ActorSystem<WorkerNode.Command> system = ActorSystem.create(guardian, ClusterConfig.SYSTEM_NAME, config);
        CompletableFuture<Boolean> joined = new CompletableFuture<>();
        org.apache.pekko.cluster.Cluster.get(Adapter.toClassic(system)).registerOnMemberUp(() -> {
            joined.complete(true);
            System.out.println("worker node joined " + joinAddress + " with slots " + slots + " (" + threads
                    + " cores per cpu slot); log: " + logFile);
        });
        system.getWhenTerminated().toCompletableFuture().join();
        if (!joined.isDone()) {
            System.err.println("worker-node: cannot join the coordinator at " + joinAddress + ": no answer within "
                    + joinTimeoutSeconds + "s; expected a running `bin/coordinator run SWEEP --port " + joinAddress.port()
                    + "` reachable from here");
            return BAD_INPUT;
        }
        System.out.println("worker node left the cluster");
        return 0;
    }

    private static int badInput(String message) {
        System.err.println("worker-node: " + message + " (see --help)");
        return BAD_INPUT;
    }
}
