package io.benchfleet.metrics;

import io.benchfleet.metrics.probe.ResourceReading;
import io.benchfleet.protocol.cluster.CoordinatorCommand;
import io.benchfleet.protocol.cluster.GpuSample;
import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.protocol.cluster.ResourceSample;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Samples the trainer process tree of each watched attempt, its host, the GPUs of its slot and the host's CPU
 * energy at the attempt's interval and sends the samples to the coordinator in batches. A batch goes out at the sample closest to {@link #MAX_BATCH_AGE}
 * after the previous one, so the coordinator sees live data without a message per sample.
 * <p>
 * Reads go through {@link MetricsProbes}; they are short, but they are file reads, so the worker node
 * spawns the agent on the blocking dispatcher. The agent owns the probes and closes them when it stops.
 * <p>
 * Sample times and batch ages come from the agent's clock; the sampling ticks themselves are Pekko timers.
 */
public final class MetricsAgent extends AbstractBehavior<MetricsAgent.Command> {

    public sealed interface Command {
    }

    /**
     * Start sampling the process {@code pid} that carries out attempt {@code attemptId}.
     *
     * @param gpus the GPUs the attempt uses ({@link SlotName#gpus()}); their readings go with its samples
     */
    public record Watch(String attemptId, long pid, Instant attemptStart, Duration interval, List<Integer> gpus,
                        ActorRef<CoordinatorCommand> reportTo) implements Command {
        public Watch {
            Objects.requireNonNull(attemptId, "attemptId");
            Objects.requireNonNull(attemptStart, "attemptStart");
            Objects.requireNonNull(reportTo, "reportTo");
            gpus = List.copyOf(gpus);
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("sampling interval must be positive, was " + interval);
            }
        }
    }

    /** Take one last sample, send what is buffered, and stop sampling the attempt. */
    public record Unwatch(String attemptId) implements Command {
    }

    private record SampleDue(String attemptId) implements Command {
    }

    static final Duration MAX_BATCH_AGE = Duration.ofSeconds(2);
    /**
     * At one sample per 10 ms (the scheduler's tick) a 2 s batch holds 200. A sample is ~150 bytes in Kryo plus
     * 9 per logical core, so even a full buffer from a 256-core host stays under the 1 MiB cluster frame.
     */
    static final int BUFFER_CAPACITY = 256;

    private final TimerScheduler<Command> timers;
    private final MetricsProbes probes;
    private final InstantSource clock;
    private final Duration maxBatchAge;
    private final int bufferCapacity;
    private final Map<String, WatchedAttempt> watched = new HashMap<>();

    private static final class WatchedAttempt {
        final Watch watch;
        final SampleBuffer buffer;
        final EnergyBaselines energy = new EnergyBaselines();
        Instant lastFlush;

        WatchedAttempt(Watch watch, SampleBuffer buffer, Instant lastFlush) {
            this.watch = watch;
            this.buffer = buffer;
            this.lastFlush = lastFlush;
        }
    }

    public static Behavior<Command> create(MetricsProbes probes) {
        return create(probes, InstantSource.system(), MAX_BATCH_AGE, BUFFER_CAPACITY);
    }

    static Behavior<Command> create(MetricsProbes probes, InstantSource clock, Duration maxBatchAge,
                                    int bufferCapacity) {
        return Behaviors.setup(context -> Behaviors.withTimers(
                timers -> new MetricsAgent(context, timers, probes, clock, maxBatchAge, bufferCapacity)));
    }

    private MetricsAgent(ActorContext<Command> context, TimerScheduler<Command> timers, MetricsProbes probes,
                         InstantSource clock, Duration maxBatchAge, int bufferCapacity) {
        super(context);
        this.timers = timers;
        this.probes = probes;
        this.clock = clock;
        this.maxBatchAge = maxBatchAge;
        this.bufferCapacity = bufferCapacity;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Watch.class, this::onWatch)
                .onMessage(SampleDue.class, this::onSampleDue)
                .onMessage(Unwatch.class, this::onUnwatch)
                .onSignal(PostStop.class, signal -> onPostStop())
                .build();
    }

    private Behavior<Command> onWatch(Watch watch) {
        if (watched.containsKey(watch.attemptId())) {
            getContext().getLog().warn("Attempt {} is already watched; ignoring a second Watch", watch.attemptId());
            return this;
        }
        if (!probes.resources().begin(watch.pid())) {
            getContext().getLog().warn("Attempt {}: process {} is gone before sampling began; nothing to sample",
                    watch.attemptId(), watch.pid());
            return this;
        }
        WatchedAttempt attempt = new WatchedAttempt(watch, new SampleBuffer(bufferCapacity), clock.instant());
        // Energy counts from here: the totals read now are the attempt's baselines.
        attempt.energy.cpuSinceStart(probes.cpuEnergy().joules());
        probes.gpus().latest(watch.gpus()).forEach(attempt.energy::gpuSinceStart);
        watched.put(watch.attemptId(), attempt);
        timers.startTimerAtFixedRate(watch.attemptId(), new SampleDue(watch.attemptId()), watch.interval());
        return this;
    }

    private Behavior<Command> onSampleDue(SampleDue due) {
        // Pekko drops a cancelled timer's message even when it is already queued, so the attempt is watched.
        WatchedAttempt attempt = watched.get(due.attemptId());
        if (!sample(attempt)) {
            getContext().getLog().info("Attempt {}: process {} has exited; sampling ended",
                    due.attemptId(), attempt.watch.pid());
            end(attempt);
        } else if (isBatchDue(attempt)) {
            flush(attempt);
        }
        return this;
    }

    private Behavior<Command> onUnwatch(Unwatch unwatch) {
        WatchedAttempt attempt = watched.get(unwatch.attemptId());
        if (attempt == null) {
            // Normal when the process exited before the worker node said so.
            getContext().getLog().debug("Attempt {} is not watched; nothing to end", unwatch.attemptId());
            return this;
        }
        sample(attempt);
        end(attempt);
        return this;
    }

    /** @return false when the process is gone */
    private boolean sample(WatchedAttempt attempt) {
        Watch watch = attempt.watch;
        return probes.resources().read(watch.pid())
                .map(reading -> {
                    Duration sinceStart = Duration.between(watch.attemptStart(), clock.instant());
                    Optional<Double> cpuJoules = attempt.energy.cpuSinceStart(probes.cpuEnergy().joules());
                    List<GpuSample> gpus = probes.gpus().latest(watch.gpus()).stream()
                            .map(attempt.energy::gpuSinceStart).toList();
                    attempt.buffer.add(toSample(reading, sinceStart, cpuJoules, gpus));
                    return true;
                })
                .orElse(false);
    }

    private static ResourceSample toSample(ResourceReading reading, Duration sinceStart, Optional<Double> cpuJoules,
                                           List<GpuSample> gpus) {
        ResourceReading.ProcessTree processTree = reading.processTree();
        ResourceReading.Host host = reading.host();
        return ResourceSample.builder(sinceStart.toNanos() / 1e9)
                .processCpuPercent(processTree.cpuPercent())
                .processRssBytes(processTree.rssBytes())
                .processHostCpuPercent(processTree.hostCpuPercent())
                .processThreads(processTree.threads())
                .hostCpuPercent(host.cpuPercent())
                .hostUsedBytes(host.usedBytes())
                .hostAvailableBytes(host.availableBytes())
                .hostLoadAverage(host.loadAverage())
                .hostCoreCpuPercent(host.coreCpuPercent())
                .cpuTemperatureCelsius(host.cpuTemperatureCelsius())
                .cpuFrequencyMhz(host.cpuFrequencyMhz())
                .cpuEnergyJoules(cpuJoules)
                .gpus(gpus)
                .build();
    }

    private boolean isBatchDue(WatchedAttempt attempt) {
        Duration halfInterval = attempt.watch.interval().dividedBy(2);
        return Duration.between(attempt.lastFlush, clock.instant()).plus(halfInterval).compareTo(maxBatchAge) >= 0;
    }

    private void end(WatchedAttempt attempt) {
        String attemptId = attempt.watch.attemptId();
        flush(attempt);
        timers.cancel(attemptId);
        watched.remove(attemptId);
        probes.resources().end(attempt.watch.pid());
    }

    private void flush(WatchedAttempt attempt) {
        String attemptId = attempt.watch.attemptId();
        SampleBuffer.Drained drained = attempt.buffer.drain();
        attempt.lastFlush = clock.instant();
        if (drained.dropped() > 0) {
            // The report shows the attempt's total too: every sample carries the drops so far.
            getContext().getLog().warn("Attempt {}: dropped the {} oldest samples, more than {} waited for one batch",
                    attemptId, drained.dropped(), bufferCapacity);
        }
        if (!drained.samples().isEmpty()) {
            attempt.watch.reportTo().tell(new CoordinatorCommand.ReportSamples(attemptId, drained.samples()));
        }
    }

    private Behavior<Command> onPostStop() {
        probes.close();
        return this;
    }
}
