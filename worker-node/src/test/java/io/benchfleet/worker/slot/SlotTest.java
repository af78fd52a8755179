package io.benchfleet.worker.slot;

import io.benchfleet.metrics.MetricsAgent;
import io.benchfleet.protocol.architecture.Architecture;
import io.benchfleet.protocol.architecture.ArchitectureZoo;
import io.benchfleet.protocol.cluster.CoordinatorCommand;
import io.benchfleet.protocol.cluster.CoordinatorCommand.ReportEvent;
import io.benchfleet.protocol.cluster.CoordinatorCommand.RequestTask;
import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.protocol.cluster.WorkerNodeMessage;
import io.benchfleet.protocol.sweep.Device;
import io.benchfleet.protocol.sweep.TaskSpec;
import io.benchfleet.protocol.sweep.TrainingSettings;
import io.benchfleet.protocol.trainer.TrainerEvent;
import io.benchfleet.protocol.trainer.TrainerEvent.FailureKind;
import io.benchfleet.worker.attempt.TrainerLauncher;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static io.benchfleet.worker.slot.TrainerScript.trainer;
import static org.assertj.core.api.Assertions.assertThat;

/** The coordinator and the metrics agent are probes; trainers are shell one-liners that speak the event lines. */
class SlotTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** How long nothing must arrive for a test to say that nothing comes. */
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final Duration NO_TIMEOUT = Duration.ofHours(1);
    private static final Duration METRICS_INTERVAL = Duration.ofMillis(500);
    private static final String WORKER = "worker-1";
    private static final SlotName SLOT = SlotName.cpu(0);

    private static final TrainerEvent STARTED = new TrainerEvent.Started(4242, 1, "CPU", List.of(), 10, 5, 3, 1.0);
    private static final TrainerEvent EPOCH = new TrainerEvent.Epoch(1, 20.5, 585.4, 0.61, 0.79, 0.52, 0.81,
            120_000_000, 900_000_000, 50_000_000);
    private static final TrainerEvent FINISHED = new TrainerEvent.Finished(41.0, 585.0, 0.83, 0.47);

    private static ActorTestKit testKit;

    @BeforeAll
    static void startTestKit() {
        testKit = ActorTestKit.create();
    }

    @AfterAll
    static void stopTestKit() {
        testKit.shutdownTestKit();
    }

    private final TestProbe<CoordinatorCommand> coordinator = testKit.createTestProbe(CoordinatorCommand.class);
    private final TestProbe<MetricsAgent.Command> metricsAgent = testKit.createTestProbe(MetricsAgent.Command.class);
    private final TestProbe<Done> stopped = testKit.createTestProbe(Done.class);
    private final ExecutorService processThreads = Executors.newCachedThreadPool();
    private final List<ScriptedTrainerLauncher> launchers = new ArrayList<>();
    private final List<ActorRef<Slot.Command>> slots = new ArrayList<>();

    @AfterEach
    void stopSlotsAndTrainers() {
        slots.forEach(testKit::stop);
        launchers.forEach(ScriptedTrainerLauncher::killAll);
        processThreads.shutdownNow();
    }

    private ScriptedTrainerLauncher launcherOf(TrainerScript script) {
        ScriptedTrainerLauncher launcher = new ScriptedTrainerLauncher(script);
        launchers.add(launcher);
        return launcher;
    }

    private ActorRef<Slot.Command> spawnSlot(TrainerLauncher launcher) {
        ActorRef<Slot.Command> slot = testKit.spawn(Slot.create(new Slot.Settings(WORKER, SLOT, 2),
                coordinator.getRef(), metricsAgent.getRef(), launcher, processThreads));
        slots.add(slot);
        return slot;
    }

    private static WorkerNodeMessage.TaskOffer offer(String attemptId, Duration taskTimeout) {
        Architecture network = ArchitectureZoo.byName("mlp-small").orElseThrow();
        TaskSpec task = new TaskSpec("fashion-mnist", network.name(), Device.CPU, "standard", 0, 1, 1,
                new TrainingSettings(1, 128, 0, network.optimizer()));
        return new WorkerNodeMessage.TaskOffer(attemptId, task, network, "data", METRICS_INTERVAL, taskTimeout);
    }

    private RequestTask expectRequest() {
        return coordinator.expectMessageClass(RequestTask.class, WAIT);
    }

    private TrainerEvent expectReport(String attemptId) {
        ReportEvent report = coordinator.expectMessageClass(ReportEvent.class, WAIT);
        assertThat(report.attemptId()).isEqualTo(attemptId);
        return report.event();
    }

    private TrainerEvent.Failed expectFailure(String attemptId, FailureKind kind) {
        TrainerEvent event = expectReport(attemptId);
        assertThat(event).isInstanceOf(TrainerEvent.Failed.class);
        TrainerEvent.Failed failed = (TrainerEvent.Failed) event;
        assertThat(failed.kind()).isEqualTo(kind);
        return failed;
    }

    @Test
    void asksForATaskWhenStarted() {
        spawnSlot(launcherOf(trainer()));

        RequestTask request = expectRequest();

        assertThat(request.workerId()).isEqualTo(WORKER);
        assertThat(request.slot()).isEqualTo(SLOT);
    }

    @Test
    void runsAnOfferedTaskReportsItsEventsThenTheFinalOneAndAsksAgain() throws InterruptedException {
        ScriptedTrainerLauncher launcher = launcherOf(trainer().says(STARTED).says(EPOCH).says(FINISHED));
        spawnSlot(launcher);
        WorkerNodeMessage.TaskOffer offer = offer("a-1", NO_TIMEOUT);

        expectRequest().replyTo().tell(offer);

        StartedTrainer trainer = launcher.awaitStart(WAIT);
        assertThat(trainer.task().attemptId()).isEqualTo("a-1");
        assertThat(trainer.task().task()).isEqualTo(offer.task());
        MetricsAgent.Watch watch = metricsAgent.expectMessageClass(MetricsAgent.Watch.class, WAIT);
        assertThat(watch.attemptId()).isEqualTo("a-1");
        assertThat(watch.pid()).isEqualTo(trainer.process().pid());
        assertThat(watch.interval()).isEqualTo(METRICS_INTERVAL);
        assertThat(watch.reportTo()).isEqualTo(coordinator.getRef());
        assertThat(expectReport("a-1")).isEqualTo(STARTED);
        assertThat(expectReport("a-1")).isEqualTo(EPOCH);
        assertThat(expectReport("a-1")).isEqualTo(FINISHED);
        metricsAgent.expectMessage(WAIT, new MetricsAgent.Unwatch("a-1"));
        assertThat(expectRequest().slot()).isEqualTo(SLOT);
        coordinator.expectNoMessage(QUIET);
    }

    @Test
    void sendsTheFinalEventAgainUntilTheCoordinatorAcknowledgesItAndAsksForWorkMeanwhile() throws InterruptedException {
        ScriptedTrainerLauncher launcher = launcherOf(trainer().says(FINISHED));
        spawnSlot(launcher);
        expectRequest().replyTo().tell(offer("a-1", NO_TIMEOUT));
        assertThat(expectReport("a-1")).isEqualTo(FINISHED);
        expectRequest();

        ReportEvent again = coordinator.expectMessageClass(ReportEvent.class, Slot.RESEND_FINAL_EVENT_EVERY.plus(WAIT));
        again.replyTo().tell(new WorkerNodeMessage.FinalEventRecorded("a-1"));

        assertThat(again.attemptId()).isEqualTo("a-1");
        assertThat(again.event()).isEqualTo(FINISHED);
        coordinator.expectNoMessage(Slot.RESEND_FINAL_EVENT_EVERY.plusMillis(500));
    }

    @Test
    void keepsSendingOnlyTheNewestUnacknowledgedFinalEventsWhenTheCoordinatorAcknowledgesNone() {
        TrainerLauncher launcher = (task, slot) -> {
            throw new IOException("java: not found");
        };
        spawnSlot(launcher);
        ActorRef<WorkerNodeMessage> slot = expectRequest().replyTo();
        int attempts = Slot.MAX_UNACKNOWLEDGED + 1;

        for (int i = 1; i <= attempts; i++) {
            slot.tell(offer("a-" + i, NO_TIMEOUT));
        }

        List<CoordinatorCommand> firstSent = coordinator.receiveSeveralMessages(2 * attempts, WAIT);
        assertThat(firstSent).filteredOn(ReportEvent.class::isInstance).hasSize(attempts);
        List<String> sentAgain = coordinator.receiveSeveralMessages(Slot.MAX_UNACKNOWLEDGED,
                        Slot.RESEND_FINAL_EVENT_EVERY.plus(WAIT)).stream()
                .map(ReportEvent.class::cast).map(ReportEvent::attemptId).toList();
        assertThat(sentAgain).containsExactlyElementsOf(
                IntStream.rangeClosed(2, attempts).mapToObj(i -> "a-" + i).toList());
    }

    @Test
    void asksAgainAWhileAfterNoneNow() {
        spawnSlot(launcherOf(trainer()));

        expectRequest().replyTo().tell(WorkerNodeMessage.NoTaskNow.INSTANCE);

        coordinator.expectNoMessage(Slot.ASK_AGAIN_AFTER.dividedBy(2));
        assertThat(coordinator.expectMessageClass(RequestTask.class, Slot.ASK_AGAIN_AFTER.plus(WAIT)).slot())
                .isEqualTo(SLOT);
    }

    @Test
    void killsATrainerThatOutlivesTheTaskTimeoutAndReportsItTimedOut() throws InterruptedException {
        ScriptedTrainerLauncher launcher = launcherOf(trainer().waitsForTheTest());
        spawnSlot(launcher);

        expectRequest().replyTo().tell(offer("a-1", Duration.ofMillis(500)));

        StartedTrainer trainer = launcher.awaitStart(WAIT);
        assertThat(expectFailure("a-1", FailureKind.TIMED_OUT).message()).contains("PT0.5S");
        assertThat(trainer.hasEndedWithin(WAIT)).isTrue();
        metricsAgent.expectMessageClass(MetricsAgent.Watch.class, WAIT);
        metricsAgent.expectMessage(WAIT, new MetricsAgent.Unwatch("a-1"));
        expectRequest();
        // The watcher's report of the killed trainer comes after the attempt's end, and is dropped.
        coordinator.expectNoMessage(QUIET);
    }

    @Test
    void stopWithHandBackEndsTheTrainerAndReportsTheAttemptHandedBack() throws InterruptedException {
        ScriptedTrainerLauncher launcher = launcherOf(trainer().says(STARTED).waitsForTheTest().says(FINISHED));
        ActorRef<Slot.Command> slot = spawnSlot(launcher);
        expectRequest().replyTo().tell(offer("a-1", NO_TIMEOUT));
        StartedTrainer trainer = launcher.awaitStart(WAIT);
        assertThat(expectReport("a-1")).isEqualTo(STARTED);

        slot.tell(new Slot.Stop(Slot.OnStop.HAND_BACK, stopped.getRef()));

        assertThat(expectFailure("a-1", FailureKind.HANDED_BACK).message()).contains(WORKER);
        stopped.expectMessage(WAIT, Done.getInstance());
        assertThat(trainer.hasEndedWithin(WAIT)).isTrue();
        metricsAgent.expectMessageClass(MetricsAgent.Watch.class, WAIT);
        metricsAgent.expectMessage(WAIT, new MetricsAgent.Unwatch("a-1"));
        // Neither the killed trainer's last words nor a request for more work.
        coordinator.expectNoMessage(QUIET);
    }

    @Test
    void stopWithFinishWaitsForTheFinalEventThenReplies() throws InterruptedException {
        ScriptedTrainerLauncher launcher = launcherOf(trainer().says(STARTED).waitsForTheTest().says(FINISHED));
        ActorRef<Slot.Command> slot = spawnSlot(launcher);
        expectRequest().replyTo().tell(offer("a-1", NO_TIMEOUT));
        StartedTrainer trainer = launcher.awaitStart(WAIT);
        assertThat(expectReport("a-1")).isEqualTo(STARTED);

        slot.tell(new Slot.Stop(Slot.OnStop.FINISH, stopped.getRef()));

        stopped.expectNoMessage(QUIET);
        trainer.goOn();
        assertThat(expectReport("a-1")).isEqualTo(FINISHED);
        stopped.expectMessage(WAIT, Done.getInstance());
        metricsAgent.expectMessageClass(MetricsAgent.Watch.class, WAIT);
        metricsAgent.expectMessage(WAIT, new MetricsAgent.Unwatch("a-1"));
        coordinator.expectNoMessage(QUIET);
    }

    @Test
    void aTrainerThatCannotBeStartedFailsTheAttemptAndTheSlotAsksAgain() {
        TrainerLauncher launcher = (task, slot) -> {
            throw new IOException("java: not found");
        };
        spawnSlot(launcher);

        expectRequest().replyTo().tell(offer("a-1", NO_TIMEOUT));

        assertThat(expectFailure("a-1", FailureKind.CRASHED).message()).contains("java: not found");
        expectRequest();
        metricsAgent.expectNoMessage(QUIET);
    }

    @Test
    void turnsDownAnOfferThatCrossesTheStop() {
        ScriptedTrainerLauncher launcher = launcherOf(trainer().says(FINISHED));
        ActorRef<Slot.Command> slot = spawnSlot(launcher);
        RequestTask request = expectRequest();
        slot.tell(new Slot.Stop(Slot.OnStop.FINISH, stopped.getRef()));
        stopped.expectMessage(WAIT, Done.getInstance());

        request.replyTo().tell(offer("a-1", NO_TIMEOUT));

        assertThat(expectFailure("a-1", FailureKind.HANDED_BACK).message()).contains("stopping");
        assertThat(launcher.startedNone()).isTrue();
        coordinator.expectNoMessage(QUIET);
    }
}
