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
import io.benchfleet.dataset.DatasetUnavailableException;
import io.benchfleet.dataset.reader.DataFileException;
import io.benchfleet.protocol.sweep.Framework;
import io.benchfleet.worker.attempt.TrainerLauncher;
import io.benchfleet.worker.framework.FrameworkTrainer;
import io.benchfleet.worker.framework.NodeFrameworks;
import io.benchfleet.worker.partition.PartitionCache;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static io.benchfleet.worker.slot.TrainerScript.trainer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The coordinator and the metrics agent are probes; trainers are shell one-liners that speak the event lines; data
 * partitions are empty folders, prepared at once or when a test lets them.
 */
class SlotTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** How long nothing must arrive for a test to say that nothing comes. */
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final Duration NO_TIMEOUT = Duration.ofHours(1);
    private static final Duration METRICS_INTERVAL = Duration.ofMillis(500);
    private static final String WORKER = "worker-1";
    private static final SlotName SLOT = SlotName.cpu(0);

    private static final TrainerEvent.Started STARTED = new TrainerEvent.Started(1, Framework.DL4J, "1.0.0-M2.1",
            4242, 1, "CPU", List.of(), 10, 5, 3, 1.0, null);
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
    @TempDir
    Path partitionRoot;

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
        return spawnSlot(launcher, FakePreparation.immediate());
    }

    /** A slot whose node runs DL4J with {@code launcher}, its partitions prepared by {@code preparation}. */
    private ActorRef<Slot.Command> spawnSlot(TrainerLauncher launcher, PartitionCache.Preparation preparation) {
        var dl4j = new FrameworkTrainer(Framework.DL4J, "test", gpu -> Optional.empty(), launcher);
        var launch = new AttemptLaunch(NodeFrameworks.on(List.of(dl4j), List.of(SLOT), List.of()),
                new PartitionCache(partitionFolder(), preparation), processThreads);
        ActorRef<Slot.Command> slot = testKit.spawn(Slot.create(new Slot.Settings(WORKER, SLOT, 2),
                coordinator.getRef(), metricsAgent.getRef(), launch, processThreads));
        slots.add(slot);
        return slot;
    }

    private Path partitionFolder() {
        return partitionRoot.resolve("node");
    }

    private static final TaskSpec TASK = new TaskSpec("fashion-mnist", "mlp-small", Device.CPU, "standard", 0, 1, 1,
            new TrainingSettings(1, 128, 0, ArchitectureZoo.byName("mlp-small").orElseThrow().optimizer()));

    private static WorkerNodeMessage.TaskOffer offer(String attemptId, Duration taskTimeout) {
        return offer(attemptId, TASK, taskTimeout);
    }

    private static WorkerNodeMessage.TaskOffer offer(String attemptId, TaskSpec task, Duration taskTimeout) {
        Architecture network = ArchitectureZoo.byName(task.architecture()).orElseThrow();
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
        assertThat(trainer.task().partition().directory())
                .isEqualTo(partitionFolder().resolve(TASK.partitionKey()).toString());
        MetricsAgent.Watch watch = metricsAgent.expectMessageClass(MetricsAgent.Watch.class, WAIT);
        assertThat(watch.attemptId()).isEqualTo("a-1");
        assertThat(watch.pid()).isEqualTo(trainer.process().pid());
        assertThat(watch.interval()).isEqualTo(METRICS_INTERVAL);
        assertThat(watch.reportTo()).isEqualTo(coordinator.getRef());
        assertThat(expectReport("a-1")).as("the started event with the hash of the partition the trainer got")
                .isEqualTo(STARTED.withPartition(FakePreparation.sha256Of(TASK)));
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
            // Its final event, and any sent again meanwhile, come before the next request.
            coordinator.fishForMessage(WAIT, message -> message instanceof RequestTask
                    ? FishingOutcomes.complete()
                    : FishingOutcomes.continueAndIgnore());
        }

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
        assertThat(expectReport("a-1")).isInstanceOf(TrainerEvent.Started.class);

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
        assertThat(expectReport("a-1")).isInstanceOf(TrainerEvent.Started.class);

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

    @Test
    void aStopWhilePreparingHandsTheAttemptBackAndNoTrainerStartsOnceThePartitionIsReady() throws InterruptedException {
        ScriptedTrainerLauncher launcher = launcherOf(trainer().says(FINISHED));
        FakePreparation preparation = FakePreparation.held();
        ActorRef<Slot.Command> slot = spawnSlot(launcher, preparation);
        expectRequest().replyTo().tell(offer("a-1", NO_TIMEOUT));
        preparation.awaitEntered(WAIT);

        slot.tell(new Slot.Stop(Slot.OnStop.HAND_BACK, stopped.getRef()));

        assertThat(expectFailure("a-1", FailureKind.HANDED_BACK).message()).contains(WORKER);
        stopped.expectMessage(WAIT, Done.getInstance());
        preparation.finish();
        coordinator.expectNoMessage(QUIET);
        assertThat(launcher.startedNone()).isTrue();
        metricsAgent.expectNoMessage(QUIET);
    }

    @Test
    void aStopWithFinishWhilePreparingRunsTheAttemptToItsEndThenReplies() throws InterruptedException {
        ScriptedTrainerLauncher launcher = launcherOf(trainer().says(STARTED).says(FINISHED));
        FakePreparation preparation = FakePreparation.held();
        ActorRef<Slot.Command> slot = spawnSlot(launcher, preparation);
        expectRequest().replyTo().tell(offer("a-1", NO_TIMEOUT));
        preparation.awaitEntered(WAIT);

        slot.tell(new Slot.Stop(Slot.OnStop.FINISH, stopped.getRef()));
        stopped.expectNoMessage(QUIET);
        preparation.finish();

        assertThat(expectReport("a-1")).isInstanceOf(TrainerEvent.Started.class);
        assertThat(expectReport("a-1")).isEqualTo(FINISHED);
        stopped.expectMessage(WAIT, Done.getInstance());
        coordinator.expectNoMessage(QUIET);
    }

    @Test
    void aPreparationThatOutlivesTheTaskTimeoutFailsTheAttemptAndItsTrainerNeverStarts() throws InterruptedException {
        ScriptedTrainerLauncher launcher = launcherOf(trainer().says(FINISHED));
        FakePreparation preparation = FakePreparation.held();
        spawnSlot(launcher, preparation);

        expectRequest().replyTo().tell(offer("a-1", Duration.ofMillis(500)));

        assertThat(expectFailure("a-1", FailureKind.TIMED_OUT).message())
                .isEqualTo("preparing the attempt's data partition took longer than the task-timeout of PT0.5S;"
                        + " no trainer was started");
        expectRequest();
        preparation.finish();
        coordinator.expectNoMessage(QUIET);
        assertThat(launcher.startedNone()).isTrue();
        metricsAgent.expectNoMessage(QUIET);
    }

    @Test
    void dataThisNodeLacksFailsTheAttemptAsUnavailableHere() {
        ScriptedTrainerLauncher launcher = launcherOf(trainer().says(FINISHED));
        spawnSlot(launcher, FakePreparation.failing(new DatasetUnavailableException("dataset 'fashion-mnist' not found")));

        expectRequest().replyTo().tell(offer("a-1", NO_TIMEOUT));

        assertThat(expectFailure("a-1", FailureKind.DATA_UNAVAILABLE).message())
                .isEqualTo("dataset 'fashion-mnist' not found");
        expectRequest();
        assertThat(launcher.startedNone()).isTrue();
    }

    @Test
    void aCorruptDatasetFileFailsTheAttemptAsBadInput() {
        spawnSlot(launcherOf(trainer()), FakePreparation.failing(
                new DataFileException(Path.of("/data/mnist/train-labels-idx1-ubyte"), "truncated")));

        expectRequest().replyTo().tell(offer("a-1", NO_TIMEOUT));

        assertThat(expectFailure("a-1", FailureKind.BAD_INPUT).message())
                .isEqualTo("/data/mnist/train-labels-idx1-ubyte: truncated");
    }

    @Test
    void aPartitionThatCannotBeWrittenIsAnErrorNamingTheFolder() {
        spawnSlot(launcherOf(trainer()), FakePreparation.failing(new IOException("No space left on device")));

        expectRequest().replyTo().tell(offer("a-1", NO_TIMEOUT));

        assertThat(expectFailure("a-1", FailureKind.ERROR).message()).isEqualTo("cannot write the data partition in "
                + partitionFolder().resolve(TASK.partitionKey()) + ": No space left on device");
        expectRequest();
    }

    @Test
    void aTaskOfAFrameworkThisNodeDoesNotRunFailsAsBadInputWithoutPreparingAnything() {
        FakePreparation preparation = FakePreparation.immediate();
        ScriptedTrainerLauncher launcher = launcherOf(trainer().says(FINISHED));
        spawnSlot(launcher, preparation);

        expectRequest().replyTo().tell(offer("a-1", TASK.withFramework("jax"), NO_TIMEOUT));

        assertThat(expectFailure("a-1", FailureKind.BAD_INPUT).message())
                .isEqualTo("this worker node does not run framework jax (it runs dl4j)");
        expectRequest();
        assertThat(preparation.calls()).isZero();
        assertThat(launcher.startedNone()).isTrue();
    }

    @Test
    void aStartedEventOfAnotherProtocolVersionFailsTheAttemptAsCrashedAndEndsTheTrainer() throws InterruptedException {
        var nextVersion = new TrainerEvent.Started(2, "dl4j", "2.0", 1, 1, "", List.of(), 10, 5, 3, 1.0, null);
        ScriptedTrainerLauncher launcher = launcherOf(trainer().says(nextVersion).waitsForTheTest().says(FINISHED));
        spawnSlot(launcher);

        expectRequest().replyTo().tell(offer("a-1", NO_TIMEOUT));

        assertThat(expectFailure("a-1", FailureKind.CRASHED).message())
                .isEqualTo("trainer speaks protocol version 2; this worker node speaks 1");
        assertThat(launcher.awaitStart(WAIT).hasEndedWithin(WAIT)).isTrue();
        expectRequest();
    }

    @Test
    void attemptsOfOnePartitionShareItAndItIsDeletedOnceRetired() throws InterruptedException {
        FakePreparation preparation = FakePreparation.immediate();
        ScriptedTrainerLauncher launcher = launcherOf(trainer().says(FINISHED));
        spawnSlot(launcher, preparation);
        expectRequest().replyTo().tell(offer("a-1", NO_TIMEOUT));
        assertThat(expectReport("a-1")).isEqualTo(FINISHED);
        TaskSpec otherNetwork = new TaskSpec(TASK.dataset(), "cnn-medium", TASK.device(), TASK.split(), TASK.fold(),
                TASK.repetition(), TASK.seed(), TASK.training());
        expectRequest().replyTo().tell(offer("a-2", otherNetwork, NO_TIMEOUT));
        assertThat(expectReport("a-2")).isEqualTo(FINISHED);
        assertThat(launcher.awaitStart(WAIT).hasEndedWithin(WAIT)).isTrue();
        assertThat(launcher.awaitStart(WAIT).hasEndedWithin(WAIT)).isTrue();
        Path partition = partitionFolder().resolve(TASK.partitionKey());
        assertThat(preparation.calls()).isEqualTo(1);
        assertThat(partition).isDirectory();

        expectRequest().replyTo().tell(new WorkerNodeMessage.PartitionsRetired(List.of(TASK.partitionKey())));

        await().atMost(WAIT).until(() -> !Files.exists(partition));
    }
}
