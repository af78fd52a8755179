package io.benchfleet.metrics;

import io.benchfleet.metrics.energy.EnergyMeter;
import io.benchfleet.metrics.gpu.FakeGpuProbe;
import io.benchfleet.metrics.gpu.GpuProbe;
import io.benchfleet.metrics.probe.FakeResourceProbe;
import io.benchfleet.protocol.cluster.CoordinatorCommand;
import io.benchfleet.protocol.cluster.CoordinatorCommand.ReportSamples;
import io.benchfleet.protocol.cluster.ResourceSample;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class MetricsAgentTest {

    private static final Duration INTERVAL = Duration.ofMillis(20);
    private static final Duration SHORT_BATCH_AGE = Duration.ofMillis(100);
    /** Longer than a test: the agent never sees it pass, so sampling ticks are the only timers that fire. */
    private static final Duration NEVER = Duration.ofMinutes(1);
    private static final Duration WAIT = Duration.ofSeconds(3);
    private static final long PID = 4242;
    private static final long OTHER_PID = 4343;

    private static ActorTestKit testKit;

    @BeforeAll
    static void startTestKit() {
        testKit = ActorTestKit.create();
    }

    @AfterAll
    static void stopTestKit() {
        testKit.shutdownTestKit();
    }

    private static ActorRef<MetricsAgent.Command> spawnAgent(FakeResourceProbe probe, InstantSource clock,
                                                             Duration maxBatchAge) {
        return testKit.spawn(MetricsAgent.create(new MetricsProbes(probe, GpuProbe.NONE, EnergyMeter.NONE),
                clock, maxBatchAge, MetricsAgent.BUFFER_CAPACITY));
    }

    /** An agent whose clock never moves, so no batch goes out until an Unwatch or an exit. */
    private static ActorRef<MetricsAgent.Command> spawnAgentThatNeverBatchesOnItsOwn(FakeResourceProbe probe) {
        return spawnAgent(probe, FakeClock.stopped(), MetricsAgent.MAX_BATCH_AGE);
    }

    private static MetricsAgent.Watch watch(String attemptId, long pid, Duration interval,
                                            TestProbe<CoordinatorCommand> coordinator) {
        return new MetricsAgent.Watch(attemptId, pid, FakeClock.START, interval, List.of(), coordinator.getRef());
    }

    private static MetricsAgent.Watch watch(String attemptId, long pid, TestProbe<CoordinatorCommand> coordinator) {
        return watch(attemptId, pid, INTERVAL, coordinator);
    }

    @Test
    void sendsBatchesWhoseSamplesAdvanceInTime() {
        TestProbe<CoordinatorCommand> coordinator = testKit.createTestProbe(CoordinatorCommand.class);
        ActorRef<MetricsAgent.Command> agent = spawnAgent(new FakeResourceProbe(PID),
                FakeClock.steppingBy(Duration.ofMillis(10)), SHORT_BATCH_AGE);

        agent.tell(watch("a-1", PID, coordinator));
        ReportSamples first = coordinator.expectMessageClass(ReportSamples.class, WAIT);
        ReportSamples second = coordinator.expectMessageClass(ReportSamples.class, WAIT);

        assertThat(List.of(first.attemptId(), second.attemptId())).containsOnly("a-1");
        List<ResourceSample> samples = new ArrayList<>(first.samples());
        samples.addAll(second.samples());
        assertThat(samples).hasSizeGreaterThan(2);
        assertThat(samples).extracting(ResourceSample::secondsSinceStart).isSorted().doesNotHaveDuplicates();
        assertThat(samples.get(0).secondsSinceStart()).isPositive();
        ResourceSample first0 = samples.get(0);
        assertThat(first0.processCpuPercent()).isEqualTo(FakeResourceProbe.PROCESS_CPU_PERCENT);
        assertThat(first0.processRssBytes()).isEqualTo(PID);
        assertThat(first0.hostCpuPercent()).isEqualTo(FakeResourceProbe.HOST_CPU_PERCENT);
        assertThat(first0.hostUsedBytes()).isEqualTo(FakeResourceProbe.HOST_USED_BYTES);
        assertThat(first0.processThreads()).isEqualTo(FakeResourceProbe.THREADS);
        assertThat(first0.gpus()).isEmpty();
        assertThat(first0.cpuEnergyJoules()).isEmpty();
        assertThat(first0.samplesDropped()).isZero();
        agent.tell(new MetricsAgent.Unwatch("a-1"));
    }

    @Test
    void timesEachSampleFromTheAttemptsStartOnItsClock() {
        TestProbe<CoordinatorCommand> coordinator = testKit.createTestProbe(CoordinatorCommand.class);
        FakeClock clock = FakeClock.stopped();
        ActorRef<MetricsAgent.Command> agent = spawnAgent(new FakeResourceProbe(PID), clock, MetricsAgent.MAX_BATCH_AGE);
        agent.tell(watch("a-1", PID, NEVER, coordinator));

        clock.advance(Duration.ofMillis(1500));
        agent.tell(new MetricsAgent.Unwatch("a-1"));

        assertThat(coordinator.expectMessageClass(ReportSamples.class, WAIT).samples())
                .singleElement().extracting(ResourceSample::secondsSinceStart).isEqualTo(1.5);
    }

    @Test
    void sendsABatchAtTheSampleClosestToTheBatchAge() {
        TestProbe<CoordinatorCommand> coordinator = testKit.createTestProbe(CoordinatorCommand.class);
        FakeClock clock = FakeClock.stopped();
        FakeResourceProbe probe = new FakeResourceProbe(PID);
        ActorRef<MetricsAgent.Command> agent = spawnAgent(probe, clock, MetricsAgent.MAX_BATCH_AGE);
        agent.tell(watch("a-1", PID, coordinator));
        // The batch age counts from the Watch: the clock may move only once the agent has taken it.
        await().atMost(WAIT).until(() -> probe.wasRead(PID));
        Duration halfAnInterval = INTERVAL.dividedBy(2);

        clock.advance(MetricsAgent.MAX_BATCH_AGE.minus(halfAnInterval).minusMillis(1));
        coordinator.expectNoMessage(Duration.ofMillis(200));
        clock.advance(Duration.ofMillis(1));

        ReportSamples batch = coordinator.expectMessageClass(ReportSamples.class, WAIT);
        assertThat(batch.attemptId()).isEqualTo("a-1");
        assertThat(batch.samples()).hasSizeGreaterThan(1);
        agent.tell(new MetricsAgent.Unwatch("a-1"));
    }

    @Test
    void unwatchSendsWhatIsBufferedAndStopsSampling() {
        TestProbe<CoordinatorCommand> coordinator = testKit.createTestProbe(CoordinatorCommand.class);
        FakeResourceProbe probe = new FakeResourceProbe(PID);
        ActorRef<MetricsAgent.Command> agent = spawnAgentThatNeverBatchesOnItsOwn(probe);
        agent.tell(watch("a-1", PID, coordinator));
        coordinator.expectNoMessage(Duration.ofMillis(150));

        agent.tell(new MetricsAgent.Unwatch("a-1"));

        ReportSamples last = coordinator.expectMessageClass(ReportSamples.class, WAIT);
        // The ticks in 150 ms, and the one last sample Unwatch takes.
        assertThat(last.samples()).hasSizeGreaterThan(2);
        coordinator.expectNoMessage(Duration.ofMillis(200));
        assertThat(probe.wasEnded(PID)).isTrue();
    }

    @Test
    void keepsTheSamplesOfTwoAttemptsInSeparateBatches() {
        TestProbe<CoordinatorCommand> coordinator = testKit.createTestProbe(CoordinatorCommand.class);
        ActorRef<MetricsAgent.Command> agent = spawnAgent(new FakeResourceProbe(PID, OTHER_PID),
                FakeClock.steppingBy(Duration.ofMillis(10)), SHORT_BATCH_AGE);
        agent.tell(watch("a-1", PID, coordinator));
        agent.tell(watch("a-2", OTHER_PID, coordinator));

        Map<String, List<Long>> rssByAttempt = new HashMap<>();
        while (rssByAttempt.size() < 2) {
            ReportSamples batch = coordinator.expectMessageClass(ReportSamples.class, WAIT);
            batch.samples().forEach(s -> rssByAttempt
                    .computeIfAbsent(batch.attemptId(), id -> new ArrayList<>()).add(s.processRssBytes()));
        }

        // The fake reads each process's pid as its RSS.
        assertThat(rssByAttempt.get("a-1")).containsOnly(PID);
        assertThat(rssByAttempt.get("a-2")).containsOnly(OTHER_PID);
        agent.tell(new MetricsAgent.Unwatch("a-1"));
        agent.tell(new MetricsAgent.Unwatch("a-2"));
    }

    @Test
    void endsSamplingQuietlyWhenTheProcessExits() {
        TestProbe<CoordinatorCommand> coordinator = testKit.createTestProbe(CoordinatorCommand.class);
        FakeResourceProbe probe = new FakeResourceProbe(PID, OTHER_PID);
        ActorRef<MetricsAgent.Command> agent = spawnAgentThatNeverBatchesOnItsOwn(probe);
        agent.tell(watch("a-1", PID, coordinator));
        coordinator.expectNoMessage(Duration.ofMillis(100));

        probe.exit(PID);

        ReportSamples flushed = coordinator.expectMessageClass(ReportSamples.class, WAIT);
        assertThat(flushed.attemptId()).isEqualTo("a-1");
        assertThat(flushed.samples()).isNotEmpty();
        agent.tell(new MetricsAgent.Unwatch("a-1"));
        coordinator.expectNoMessage(Duration.ofMillis(200));
        assertThat(probe.wasEnded(PID)).isTrue();
        // The agent is still there for the next attempt.
        agent.tell(watch("a-2", OTHER_PID, coordinator));
        agent.tell(new MetricsAgent.Unwatch("a-2"));
        assertThat(coordinator.expectMessageClass(ReportSamples.class, WAIT).attemptId()).isEqualTo("a-2");
    }

    @Test
    void sendsNothingForAProcessThatIsGoneBeforeTheWatch() {
        TestProbe<CoordinatorCommand> coordinator = testKit.createTestProbe(CoordinatorCommand.class);
        ActorRef<MetricsAgent.Command> agent = spawnAgent(new FakeResourceProbe(),
                FakeClock.steppingBy(Duration.ofMillis(10)), SHORT_BATCH_AGE);

        agent.tell(watch("a-1", PID, coordinator));
        agent.tell(new MetricsAgent.Unwatch("a-1"));

        coordinator.expectNoMessage(Duration.ofMillis(300));
    }

    @Test
    void samplesTheSlotsGpusAndCountsEnergyFromTheAttemptsStart() {
        TestProbe<CoordinatorCommand> coordinator = testKit.createTestProbe(CoordinatorCommand.class);
        FakeGpuProbe gpus = new FakeGpuProbe();
        AtomicInteger cpuReads = new AtomicInteger();
        // A counter that already stood at 1000 J before the attempt, then gains 5 J per read.
        EnergyMeter cpuEnergy = () -> Optional.of(1000.0 + 5.0 * cpuReads.getAndIncrement());
        ActorRef<MetricsAgent.Command> agent = testKit.spawn(MetricsAgent.create(
                new MetricsProbes(new FakeResourceProbe(PID), gpus, cpuEnergy), FakeClock.stopped(),
                MetricsAgent.MAX_BATCH_AGE, MetricsAgent.BUFFER_CAPACITY));
        agent.tell(new MetricsAgent.Watch("a-1", PID, FakeClock.START, INTERVAL, List.of(1), coordinator.getRef()));
        agent.tell(new MetricsAgent.Unwatch("a-1"));

        List<ResourceSample> samples = coordinator.expectMessageClass(ReportSamples.class, WAIT).samples();

        ResourceSample first = samples.get(0);
        assertThat(first.cpuEnergyJoules()).contains(5.0);
        assertThat(first.gpus()).singleElement().satisfies(gpu -> {
            assertThat(gpu.index()).isEqualTo(1);
            assertThat(gpu.powerWatts()).contains(FakeGpuProbe.WATTS);
            assertThat(gpu.energyJoules()).contains(FakeGpuProbe.JOULES_PER_READ);
        });
        testKit.stop(agent);
        assertThat(gpus.isClosed()).isTrue();
    }
}
