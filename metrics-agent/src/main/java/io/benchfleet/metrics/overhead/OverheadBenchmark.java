package io.benchfleet.metrics.overhead;

import com.typesafe.config.ConfigFactory;
import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.metrics.MetricsAgent;
import io.benchfleet.metrics.MetricsProbes;
import io.benchfleet.protocol.cluster.CoordinatorCommand;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bench/metrics-overhead}: what the metrics agent costs its worker node. Runs the real agent with the
 * real probes on the worker node's blocking-I/O dispatcher in an actor system of its own, watching a busy-loop
 * child, and measures this JVM's CPU time over a window for each interval, against the same window with nothing
 * watched (the actor system idling). The difference is the agent's own use, in % of one core, with what it
 * causes elsewhere (timers, garbage collection) but also the noise of the rest of the JVM; so the CPU time of
 * the dispatcher's threads, which run nothing but the agent, is printed beside it.
 * <p>
 * A worker node samples for hours, so its sampling code is compiled: the benchmark first samples at
 * {@link #WARM_UP_INTERVAL} for {@link #WARM_UP}, lest the window measure the interpreter and the JIT compiler.
 * <p>
 * Usage: {@code OverheadBenchmark SECONDS INTERVAL_MS...}
 */
public final class OverheadBenchmark {

    private static final Duration WARM_UP = Duration.ofSeconds(20);
    private static final Duration WARM_UP_INTERVAL = Duration.ofMillis(10);
    private static final Duration SETTLE = Duration.ofSeconds(5);
    private static final String DISPATCHER = "benchfleet.blocking-io-dispatcher";
    /** Where the worker node's dispatcher is defined (ClusterConfig's shared settings). */
    private static final String CLUSTER_CONF = "io/benchfleet/protocol/cluster.conf";

    private OverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: OverheadBenchmark SECONDS INTERVAL_MS...");
            System.exit(2);
        }
        Duration window = Duration.ofSeconds(Long.parseLong(args[0]));
        List<Duration> intervals = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            intervals.add(Duration.ofMillis(Long.parseLong(args[i])));
        }
        Process busy = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "metrics-overhead",
                ConfigFactory.parseString("pekko.actor.provider = local\npekko.loglevel = WARNING")
                        .withFallback(ConfigFactory.parseResources(CLUSTER_CONF).withOnlyPath("benchfleet"))
                        .withFallback(ConfigFactory.load()));
        try {
            run(system, busy, window, intervals);
        } finally {
            system.terminate();
            busy.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static void run(ActorSystem<Void> system, Process busy, Duration window, List<Duration> intervals)
            throws Exception {
        AtomicLong samples = new AtomicLong();
        ActorRef<MetricsAgent.Command> agent = system.systemActorOf(
                MetricsAgent.create(MetricsProbes.ofThisHost(List.of(SlotName.cpu()), "nvidia-smi")), "metrics-agent",
                DispatcherSelector.fromConfig(DISPATCHER));
        ActorRef<CoordinatorCommand> sink = system.systemActorOf(Behaviors.receive(CoordinatorCommand.class)
                .onMessage(CoordinatorCommand.ReportSamples.class, batch -> {
                    samples.addAndGet(batch.samples().size());
                    return Behaviors.same();
                }).build(), "coordinator", Props.empty());

        agent.tell(new MetricsAgent.Watch("warm-up", busy.pid(), Instant.now(), WARM_UP_INTERVAL, List.of(), sink));
        Thread.sleep(WARM_UP.toMillis());
        agent.tell(new MetricsAgent.Unwatch("warm-up"));
        Thread.sleep(SETTLE.toMillis());
        double idle = percentOfCore(window);
        System.out.printf(Locale.ROOT, "%-10s %10s %18s %20s %9s%n", "interval", "JVM CPU %", "JVM minus idle %",
                "agent threads CPU %", "samples");
        System.out.printf(Locale.ROOT, "%-10s %10.3f %18s %20s %9s%n", "idle", idle, "-", "-", "-");
        for (Duration interval : intervals) {
            String attempt = "bench-" + interval.toMillis();
            agent.tell(new MetricsAgent.Watch(attempt, busy.pid(), Instant.now(), interval, List.of(), sink));
            Thread.sleep(SETTLE.toMillis());
            long before = samples.get();
            long agentBefore = agentThreadsCpuNanos();
            long start = System.nanoTime();
            double watched = percentOfCore(window);
            double agentThreads = 100.0 * (agentThreadsCpuNanos() - agentBefore) / (System.nanoTime() - start);
            long taken = samples.get() - before;
            agent.tell(new MetricsAgent.Unwatch(attempt));
            System.out.printf(Locale.ROOT, "%-10s %10.3f %18.3f %20.3f %9d%n", interval.toMillis() + " ms", watched,
                    watched - idle, agentThreads, taken);
        }
    }

    /** This JVM's CPU use over {@code window}, 100 = one core. */
    private static double percentOfCore(Duration window) throws InterruptedException, IOException {
        long startNanos = System.nanoTime();
        Duration cpuBefore = cpuTime();
        Thread.sleep(window.toMillis());
        Duration used = cpuTime().minus(cpuBefore);
        return 100.0 * used.toNanos() / (System.nanoTime() - startNanos);
    }

    /** CPU time of the threads of the agent's dispatcher, to the nanosecond where the JVM's total counts ticks. */
    private static long agentThreadsCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().contains(DISPATCHER.replace("benchfleet.", "")))
                .mapToLong(thread -> Math.max(0, threads.getThreadCpuTime(thread.getId())))
                .sum();
    }

    private static Duration cpuTime() throws IOException {
        return ProcessHandle.current().info().totalCpuDuration()
                .orElseThrow(() -> new IOException("this OS does not report a process's CPU time"));
    }
}
