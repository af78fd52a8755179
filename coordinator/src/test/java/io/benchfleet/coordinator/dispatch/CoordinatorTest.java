package io.benchfleet.coordinator.dispatch;

import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.coordinator.queue.FrameworkOnDevice;
import io.benchfleet.coordinator.queue.Progress;
import io.benchfleet.coordinator.queue.RunHistory;
import io.benchfleet.coordinator.store.ResultWriter;
import io.benchfleet.coordinator.sweep.SweepFile;
import io.benchfleet.protocol.cluster.ClusterConfig;
import io.benchfleet.protocol.cluster.CoordinatorCommand;
import io.benchfleet.protocol.cluster.FrameworkOffer;
import io.benchfleet.protocol.cluster.HostInfo;
import io.benchfleet.protocol.cluster.ResourceSample;
import io.benchfleet.protocol.cluster.ServiceKeys;
import io.benchfleet.protocol.cluster.WorkerNodeMessage;
import io.benchfleet.protocol.trainer.TrainerEvent;
import io.benchfleet.protocol.sweep.Device;
import io.benchfleet.protocol.sweep.Framework;
import io.benchfleet.protocol.sweep.TaskSpec;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The coordinator actor on a one-node cluster, with probes as slots and result writer: a worker
 * node's removal from the cluster gives its attempt up, and the task is handed to the next slot;
 * tasks of a framework on a device no slot runs wait, or fail with --fail-unschedulable. The coordinator
 * owns each attempt's liveness: it acknowledges final events, gives an attempt up when its final event does
 * not come by its deadline or its slot stops, and shrugs off messages about attempts it does not run. It
 * tells every slot it knows when a data partition is no longer needed.
 */
class CoordinatorTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** How long nothing must arrive for a test to say that nothing comes. */
    private static final Duration QUIET = Duration.ofMillis(500);
    private static final HostInfo HOST = new HostInfo("node", "Linux", "CPU", 2, 1L << 30, "17", List.of());
    private static final FrameworkOffer DL4J = new FrameworkOffer(Framework.DL4J, "1.0.0-M2.1", List.of(Device.CPU, Device.GPU));
    private static final FrameworkOffer PYTORCH = new FrameworkOffer(Framework.PYTORCH, "1.13.0a0", List.of(Device.CPU));
    private static final TrainerEvent FINISHED = new TrainerEvent.Finished(1, 1, 0.9, 0.3);
    /** A deadline a test can wait for: the task timeout of {@link #SHORT_TIMEOUT} plus this. */
    private static final Duration SHORT_GRACE = Duration.ofMillis(500);
    private static final String SHORT_TIMEOUT = "task-timeout = 1s";

    @TempDir
    Path dir;

    private ActorTestKit testKit;
    private TestProbe<ResultWriter.Command> results;
    private ActorRef<Coordinator.Command> coordinator;
    private ActorRef<CoordinatorCommand> gateway;
    private final CompletableFuture<Progress> completion = new CompletableFuture<>();

    private final List<Map<FrameworkOnDevice, Integer>> waitingShown = new CopyOnWriteArrayList<>();
    private final List<Integer> workerNodesShown = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startCluster() {
        testKit = ActorTestKit.create(ClusterConfig.of("127.0.0.1", 0, "coordinator", Map.of()));
        Cluster cluster = Cluster.get(testKit.system());
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
        results = testKit.createTestProbe(ResultWriter.Command.class);
    }

    private void startCoordinator(String devices, boolean failUnschedulable) throws Exception {
        startSweep("devices = " + devices + ", repetitions = 1", failUnschedulable);
    }

    /** A hold-out split draws anew per repetition; the dataset's own train/test files are one partition for all. */
    private static final String EACH_REPETITION_ITS_OWN_PARTITION = "split { kind = holdout, test-fraction = 0.3 }";

    /** A sweep of mnist / mlp-small with {@code sweepKeys}, and deadlines {@link #SHORT_GRACE} after the task timeout. */

    private void startSweep(String sweepKeys, boolean failUnschedulable) throws Exception {
        Path sweepFile = Files.writeString(dir.resolve("s.conf"), "sweep { datasets = [mnist], architectures = [mlp-small],"
                + " " + sweepKeys + ", retry { max-attempts = 2 } }");
        SweepFile.Contents contents = SweepFile.read(sweepFile);
        var settings = new Coordinator.Settings(contents.sweep(), contents.attemptLimits(), 0, RunHistory.NONE,
                failUnschedulable);
        coordinator = testKit.spawn(Coordinator.create(settings, results.ref(), new RecordingProgressView(),
                completion, Clock.systemUTC(), SHORT_GRACE));
        gateway = findGateway();
    }

    @AfterEach
    void stop() {
        testKit.shutdownTestKit();
    }

    @Test
    void aResumedSweepWhoseTasksAllSucceededBeforeEndsWithoutWaitingForWork() throws Exception {
        Path sweepFile = Files.writeString(dir.resolve("s.conf"),
                "sweep { datasets = [mnist], architectures = [mlp-small], repetitions = 2 }");
        SweepFile.Contents contents = SweepFile.read(sweepFile);
        Set<String> succeeded = contents.sweep().tasks().stream().map(TaskSpec::id).collect(Collectors.toSet());
        var history = new RunHistory(succeeded, Map.of());
        var settings = new Coordinator.Settings(contents.sweep(), contents.attemptLimits(), 1, history, false);

        testKit.spawn(Coordinator.create(settings, results.ref(), new RecordingProgressView(), completion,
                Clock.systemUTC(), SHORT_GRACE));

        closeResults(3);
        await().atMost(WAIT).until(completion::isDone);
        assertThat(completion.get().done()).isEqualTo(2);
    }

    @Test
    void requeuesTheAttemptOfAWorkerNodeRemovedFromTheClusterAndIgnoresItsLateResult() throws Exception {
        startCoordinator("[cpu]", false);
        register("lost");
        register("other");
        TestProbe<WorkerNodeMessage> lostSlot = testKit.createTestProbe(WorkerNodeMessage.class);
        TestProbe<WorkerNodeMessage> otherSlot = testKit.createTestProbe(WorkerNodeMessage.class);
        gateway.tell(new CoordinatorCommand.RequestTask("lost", SlotName.cpu(), lostSlot.ref()));
        var lostOffer = lostSlot.expectMessageClass(WorkerNodeMessage.TaskOffer.class, WAIT);

        coordinator.tell(new Coordinator.NodeRemoved(lostSlot.ref().path().address()));
        gateway.tell(new CoordinatorCommand.RequestTask("other", SlotName.cpu(), otherSlot.ref()));
        var retry = otherSlot.expectMessageClass(WorkerNodeMessage.TaskOffer.class, WAIT);
        gateway.tell(new CoordinatorCommand.ReportEvent(lostOffer.attemptId(), new TrainerEvent.Finished(1, 1, 0.9, 0.3),
                lostSlot.ref()));
        gateway.tell(new CoordinatorCommand.ReportEvent(retry.attemptId(), new TrainerEvent.Finished(1, 1, 0.8, 0.4),
                otherSlot.ref()));

        assertThat(retry.task()).isEqualTo(lostOffer.task());
        assertThat(retry.attemptId()).isEqualTo(lostOffer.task().id() + "-a2");
        var recorded = results.receiveSeveralMessages(7, WAIT).stream()
                .filter(ResultWriter.RecordEvent.class::isInstance).map(ResultWriter.RecordEvent.class::cast).toList();
        assertThat(recorded).extracting(ResultWriter.RecordEvent::attemptId)
                .containsExactly(lostOffer.attemptId(), retry.attemptId());
        assertThat(recorded.get(0).event()).isInstanceOfSatisfying(TrainerEvent.Failed.class,
                failed -> assertThat(failed.kind()).isEqualTo(TrainerEvent.FailureKind.WORKER_LOST));
    }

    @Test
    void gpuTasksWaitForAGpuSlotAndSaySoOnTheProgressLine() throws Exception {
        startCoordinator("[cpu, gpu]", false);
        var offer = runTheCpuTaskOnACpuOnlyNode();

        await().atMost(WAIT).until(() -> waitingShown.contains(Map.of(new FrameworkOnDevice(Framework.DL4J, Device.GPU), 1)));
        assertThat(recordedEvents(4)).extracting(ResultWriter.RecordEvent::attemptId).containsExactly(offer.attemptId());
        results.expectNoMessage(Duration.ofMillis(500));

        TestProbe<WorkerNodeMessage> gpuSlot = testKit.createTestProbe(WorkerNodeMessage.class);
        gateway.tell(new CoordinatorCommand.RegisterWorker("gpu-node", HOST, List.of(SlotName.cpu(), SlotName.gpu(0)),
                List.of(DL4J)));
        gateway.tell(new CoordinatorCommand.RequestTask("gpu-node", SlotName.gpu(0), gpuSlot.ref()));
        assertThat(gpuSlot.expectMessageClass(WorkerNodeMessage.TaskOffer.class, WAIT).task().device()).isEqualTo(Device.GPU);
    }

    @Test
    void withFailUnschedulableGpuTasksFailOnceTheCpuTasksHaveEnded() throws Exception {
        startCoordinator("[gpu, cpu]", true);
        var offer = runTheCpuTaskOnACpuOnlyNode();

        var recorded = recordedEvents(6);
        assertThat(recorded).hasSize(2);
        assertThat(recorded.get(1).event()).isInstanceOfSatisfying(TrainerEvent.Failed.class, failed -> {
            assertThat(failed.kind()).isEqualTo(TrainerEvent.FailureKind.UNSCHEDULABLE);
            assertThat(failed.message()).startsWith("no worker node offered a slot that runs dl4j/gpu")
                    .endsWith("the worker nodes run [dl4j/cpu]");
        });
    }

    @Test
    void acknowledgesEveryFinalEventAndRecordsOnlyTheFirst() throws Exception {
        startSweep("devices = [cpu], repetitions = 2, " + EACH_REPETITION_ITS_OWN_PARTITION + ", " + SHORT_TIMEOUT, false);
        register("w");
        TestProbe<WorkerNodeMessage> slot = testKit.createTestProbe(WorkerNodeMessage.class);
        gateway.tell(new CoordinatorCommand.RequestTask("w", SlotName.cpu(), slot.ref()));
        var offer = slot.expectMessageClass(WorkerNodeMessage.TaskOffer.class, WAIT);

        gateway.tell(new CoordinatorCommand.ReportEvent(offer.attemptId(), FINISHED, slot.ref()));
        gateway.tell(new CoordinatorCommand.ReportEvent(offer.attemptId(), FINISHED, slot.ref()));

        slot.expectMessage(WAIT, new WorkerNodeMessage.PartitionsRetired(List.of(offer.task().partitionKey())));
        slot.expectMessage(WAIT, new WorkerNodeMessage.FinalEventRecorded(offer.attemptId()));
        slot.expectMessage(WAIT, new WorkerNodeMessage.FinalEventRecorded(offer.attemptId()));
        assertThat(recordedEvents(4)).extracting(ResultWriter.RecordEvent::event).containsExactly(FINISHED);
        // Past the finished attempt's deadline: nothing more is recorded.
        results.expectNoMessage(Duration.ofSeconds(2).plus(SHORT_GRACE));
    }

    @Test
    void givesUpAnAttemptWhoseFinalEventDoesNotComeByTheTaskTimeoutPlusGraceAndRunsItAgain() throws Exception {
        startSweep("devices = [cpu], repetitions = 1, " + SHORT_TIMEOUT, false);
        register("w");
        TestProbe<WorkerNodeMessage> slot = testKit.createTestProbe(WorkerNodeMessage.class);
        gateway.tell(new CoordinatorCommand.RequestTask("w", SlotName.cpu(), slot.ref()));
        var lost = slot.expectMessageClass(WorkerNodeMessage.TaskOffer.class, WAIT);

        // The final event is lost on the way; the slot asks for its next task.
        gateway.tell(new CoordinatorCommand.RequestTask("w", SlotName.cpu(), slot.ref()));

        var retry = slot.expectMessageClass(WorkerNodeMessage.TaskOffer.class, WAIT);
        assertThat(retry.attemptId()).isEqualTo(lost.task().id() + "-a2");
        gateway.tell(new CoordinatorCommand.ReportEvent(retry.attemptId(), FINISHED, slot.ref()));
        gateway.tell(new CoordinatorCommand.ReportEvent(lost.attemptId(), FINISHED, slot.ref()));
        var recorded = recordedEvents(closeResults(8));
        await().atMost(WAIT).until(completion::isDone);
        results.expectNoMessage(QUIET);
        assertThat(recorded).extracting(ResultWriter.RecordEvent::attemptId).containsExactly(lost.attemptId(), retry.attemptId());
        assertThat(recorded.get(0).event()).isInstanceOfSatisfying(TrainerEvent.Failed.class, failed -> {
            assertThat(failed.kind()).isEqualTo(TrainerEvent.FailureKind.WORKER_LOST);
            assertThat(failed.message()).isEqualTo("no final event came within the task timeout of PT1S plus a grace of PT0.5S");
        });
        slot.expectMessage(WAIT, new WorkerNodeMessage.PartitionsRetired(List.of(lost.task().partitionKey())));
        slot.expectMessage(WAIT, new WorkerNodeMessage.FinalEventRecorded(retry.attemptId()));
        slot.expectMessage(WAIT, new WorkerNodeMessage.FinalEventRecorded(lost.attemptId()));
    }

    @Test
    void givesUpAtOnceTheAttemptOfASlotThatStopsWhileItsNodeStaysInTheCluster() throws Exception {
        startCoordinator("[cpu]", false);
        register("w");
        register("other");
        TestProbe<WorkerNodeMessage> offers = testKit.createTestProbe(WorkerNodeMessage.class);
        ActorRef<Void> slot = testKit.spawn(slotForwardingTo(gateway, offers.ref()));
        var lost = offers.expectMessageClass(WorkerNodeMessage.TaskOffer.class, WAIT);

        testKit.stop(slot);

        var recorded = recordedEvents(5);
        assertThat(recorded).extracting(ResultWriter.RecordEvent::attemptId).containsExactly(lost.attemptId());
        assertThat(recorded.get(0).event()).isInstanceOfSatisfying(TrainerEvent.Failed.class, failed -> {
            assertThat(failed.kind()).isEqualTo(TrainerEvent.FailureKind.WORKER_LOST);
            assertThat(failed.message()).startsWith("slot stopped: slot cpu of worker node w stopped");
        });
        TestProbe<WorkerNodeMessage> otherSlot = testKit.createTestProbe(WorkerNodeMessage.class);
        gateway.tell(new CoordinatorCommand.RequestTask("other", SlotName.cpu(), otherSlot.ref()));
        assertThat(otherSlot.expectMessageClass(WorkerNodeMessage.TaskOffer.class, WAIT).task()).isEqualTo(lost.task());
    }

    @Test
    void stillWatchesASlotOnItsSecondAttemptAndGivesThatUpAtOnceWhenTheSlotStops() throws Exception {
        startSweep("devices = [cpu], repetitions = 2, " + EACH_REPETITION_ITS_OWN_PARTITION, false);
        register("w");
        register("other");
        TestProbe<WorkerNodeMessage> offers = testKit.createTestProbe(WorkerNodeMessage.class);
        ActorRef<WorkerNodeMessage> slot = testKit.spawn(slotFinishingItsFirstAttempt(gateway, offers.ref()));
        var finished = offers.expectMessageClass(WorkerNodeMessage.TaskOffer.class, WAIT);
        var lost = offers.fishForMessage(WAIT, message -> message instanceof WorkerNodeMessage.TaskOffer
                ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore()).get(0);

        testKit.stop(slot);

        var recorded = recordedEvents(7);
        assertThat(recorded).extracting(ResultWriter.RecordEvent::attemptId)
                .containsExactly(finished.attemptId(), ((WorkerNodeMessage.TaskOffer) lost).attemptId());
        assertThat(recorded.get(1).event()).isInstanceOfSatisfying(TrainerEvent.Failed.class,
                failed -> assertThat(failed.message()).startsWith("slot stopped: slot cpu of worker node w stopped"));
    }

    @Test
    void aSlotThatStopsWhileItWaitsForWorkIsOfferedNothingAndTheTaskGoesToALiveSlot() throws Exception {
        startCoordinator("[cpu]", false);
        register("w");
        register("other");
        TestProbe<WorkerNodeMessage> otherSlot = testKit.createTestProbe(WorkerNodeMessage.class);
        gateway.tell(new CoordinatorCommand.RequestTask("other", SlotName.cpu(), otherSlot.ref()));
        var crashing = otherSlot.expectMessageClass(WorkerNodeMessage.TaskOffer.class, WAIT);
        TestProbe<WorkerNodeMessage> offersToStopped = testKit.createTestProbe(WorkerNodeMessage.class);
        ActorRef<Void> stopped = testKit.spawn(slotForwardingTo(gateway, offersToStopped.ref()));
        offersToStopped.expectNoMessage(QUIET);

        testKit.stop(stopped);
        TestProbe<WorkerNodeMessage> live = testKit.createTestProbe(WorkerNodeMessage.class);
        gateway.tell(new CoordinatorCommand.RequestTask("w", SlotName.cpu(1), live.ref()));
        // Nothing is queued, so the live slot waits too; meanwhile the coordinator hears that the other one stopped.
        live.expectNoMessage(QUIET);
        gateway.tell(new CoordinatorCommand.ReportEvent(crashing.attemptId(),
                new TrainerEvent.Failed(TrainerEvent.FailureKind.CRASHED, "segfault"), otherSlot.ref()));

        var retry = live.expectMessageClass(WorkerNodeMessage.TaskOffer.class, WAIT);
        assertThat(retry.attemptId()).isEqualTo(crashing.task().id() + "-a2");
    }

    @Test
    void givesUpAtOnceTheAttemptOfASlotOnAnotherNodeThatStopsWhileThatNodeIsUp() throws Exception {
        startCoordinator("[cpu]", false);
        ActorTestKit workerNode = ActorTestKit.create(testKit.system().name(),
                ClusterConfig.of("127.0.0.1", 0, "worker", Map.of()));
        try {
            Cluster.get(workerNode.system()).manager().tell(Join.create(Cluster.get(testKit.system()).selfMember().address()));
            Address nodeAddress = Cluster.get(workerNode.system()).selfMember().address();
            await().atMost(WAIT).until(() -> StreamSupport.stream(Cluster.get(testKit.system()).state().getMembers()
                    .spliterator(), false).anyMatch(member -> member.address().equals(nodeAddress)
                    && member.status() == MemberStatus.up()));
            ActorRef<CoordinatorCommand> remoteGateway = ActorRefResolver.get(workerNode.system())
                    .resolveActorRef(ActorRefResolver.get(testKit.system()).toSerializationFormat(gateway));
            register("w");
            TestProbe<WorkerNodeMessage> offers = workerNode.createTestProbe(WorkerNodeMessage.class);
            ActorRef<Void> slot = workerNode.spawn(slotForwardingTo(remoteGateway, offers.ref()));
            var lost = offers.expectMessageClass(WorkerNodeMessage.TaskOffer.class, WAIT);

            workerNode.stop(slot);

            var recorded = recordedEvents(4);
            assertThat(recorded).extracting(ResultWriter.RecordEvent::attemptId).containsExactly(lost.attemptId());
            assertThat(recorded.get(0).event()).isInstanceOfSatisfying(TrainerEvent.Failed.class,
                    failed -> assertThat(failed.message()).startsWith("slot stopped"));
        } finally {
            workerNode.shutdownTestKit();
        }
    }

    @Test
    void messagesAboutAttemptsItNeverHandedOutChangeNothingAndTheCoordinatorKeepsWorking() throws Exception {
        startCoordinator("[cpu]", false);
        TestProbe<WorkerNodeMessage> slot = testKit.createTestProbe(WorkerNodeMessage.class);
        var failed = new TrainerEvent.Failed(TrainerEvent.FailureKind.CRASHED, "exit 3");
        var sample = ResourceSample.builder(1.0).build();

        gateway.tell(new CoordinatorCommand.ReportEvent("never-handed-out", FINISHED, slot.ref()));
        gateway.tell(new CoordinatorCommand.ReportEvent("", failed, slot.ref()));
        gateway.tell(new CoordinatorCommand.ReportEvent("never-handed-out", new TrainerEvent.Epoch(1, 1, 1, 1, 1, 1, 1, 1, 1, 1),
                slot.ref()));
        gateway.tell(new CoordinatorCommand.ReportSamples("never-handed-out", List.of(sample)));
        coordinator.tell(new Coordinator.NodeRemoved(new Address("pekko", "elsewhere", "10.0.0.9", 2552)));

        slot.expectMessage(WAIT, new WorkerNodeMessage.FinalEventRecorded("never-handed-out"));
        slot.expectMessage(WAIT, new WorkerNodeMessage.FinalEventRecorded(""));
        results.expectMessageClass(ResultWriter.AddTasks.class, WAIT);
        results.expectNoMessage(QUIET);
        var offer = runTheCpuTaskOnACpuOnlyNode();
        closeResults(5);
        await().atMost(WAIT).until(completion::isDone);
        assertThat(completion.get().done()).isEqualTo(1);
        assertThat(offer.attemptId()).endsWith("-a1");
        slot.expectNoMessage(QUIET);
    }

    @Test
    void aSlotThatAsksBeforeItsWorkerNodeRegisteredGetsATaskOnceItDoes() throws Exception {
        startCoordinator("[cpu]", false);
        TestProbe<WorkerNodeMessage> slot = testKit.createTestProbe(WorkerNodeMessage.class);

        gateway.tell(new CoordinatorCommand.RequestTask("late", SlotName.cpu(), slot.ref()));
        slot.expectNoMessage(QUIET);
        register("late");

        assertThat(slot.expectMessageClass(WorkerNodeMessage.TaskOffer.class, WAIT).task().framework())
                .isEqualTo(Framework.DL4J);
    }

    @Test
    void aSlotGetsOnlyTasksOfFrameworksItsWorkerNodeRuns() throws Exception {
        startSweep("frameworks = [pytorch, dl4j]", false);
        gateway.tell(new CoordinatorCommand.RegisterWorker("dl4j-node", HOST, List.of(SlotName.cpu()), List.of(DL4J)));
        TestProbe<WorkerNodeMessage> slot = testKit.createTestProbe(WorkerNodeMessage.class);

        gateway.tell(new CoordinatorCommand.RequestTask("dl4j-node", SlotName.cpu(), slot.ref()));
        var offer = slot.expectMessageClass(WorkerNodeMessage.TaskOffer.class, WAIT);
        gateway.tell(new CoordinatorCommand.ReportEvent(offer.attemptId(), FINISHED, slot.ref()));
        gateway.tell(new CoordinatorCommand.RequestTask("dl4j-node", SlotName.cpu(), slot.ref()));

        assertThat(offer.task().framework()).isEqualTo(Framework.DL4J);
        slot.expectMessage(WAIT, new WorkerNodeMessage.FinalEventRecorded(offer.attemptId()));
        slot.expectNoMessage(QUIET);
        await().atMost(WAIT).until(() -> waitingShown.contains(Map.of(new FrameworkOnDevice(Framework.PYTORCH, Device.CPU), 1)));
    }

    @Test
    void tellsEverySlotItKnowsOncePartitionsRetireAndNotBefore() throws Exception {
        startSweep("frameworks = [dl4j, pytorch]", false);
        TestProbe<WorkerNodeMessage> idleSlot = testKit.createTestProbe(WorkerNodeMessage.class);
        testKit.system().receptionist().tell(Receptionist.register(ServiceKeys.SLOT, idleSlot.ref()));
        await().atMost(WAIT).until(() -> workerNodesShown.contains(1));
        gateway.tell(new CoordinatorCommand.RegisterWorker("both", HOST, List.of(SlotName.cpu()), List.of(DL4J, PYTORCH)));
        TestProbe<WorkerNodeMessage> slot = testKit.createTestProbe(WorkerNodeMessage.class);

        gateway.tell(new CoordinatorCommand.RequestTask("both", SlotName.cpu(), slot.ref()));
        var dl4j = slot.expectMessageClass(WorkerNodeMessage.TaskOffer.class, WAIT);
        gateway.tell(new CoordinatorCommand.ReportEvent(dl4j.attemptId(), FINISHED, slot.ref()));
        slot.expectMessage(WAIT, new WorkerNodeMessage.FinalEventRecorded(dl4j.attemptId()));
        idleSlot.expectNoMessage(QUIET);
        gateway.tell(new CoordinatorCommand.RequestTask("both", SlotName.cpu(), slot.ref()));
        var pytorch = slot.expectMessageClass(WorkerNodeMessage.TaskOffer.class, WAIT);
        gateway.tell(new CoordinatorCommand.ReportEvent(pytorch.attemptId(), FINISHED, slot.ref()));

        var retired = new WorkerNodeMessage.PartitionsRetired(List.of(dl4j.task().partitionKey()));
        assertThat(pytorch.task().framework()).isEqualTo(Framework.PYTORCH);
        assertThat(pytorch.task().partitionKey()).isEqualTo(dl4j.task().partitionKey());
        slot.expectMessage(WAIT, retired);
        idleSlot.expectMessage(WAIT, retired);
        idleSlot.expectNoMessage(QUIET);
    }

    @Test
    void partitionsThatRetireTogetherGoInOneMessage() throws Exception {
        startSweep("devices = [gpu], repetitions = 2, " + EACH_REPETITION_ITS_OWN_PARTITION, true);
        TestProbe<WorkerNodeMessage> slot = testKit.createTestProbe(WorkerNodeMessage.class);
        gateway.tell(new CoordinatorCommand.RequestTask("cpu-node", SlotName.cpu(), slot.ref()));

        register("cpu-node");

        var retired = slot.expectMessageClass(WorkerNodeMessage.PartitionsRetired.class, WAIT);
        assertThat(retired.partitionKeys()).hasSize(2).doesNotHaveDuplicates();
        slot.expectNoMessage(QUIET);
    }

    /** A slot as the worker node makes one: it gives the coordinator a message adapter of its own as its ref. */
    private static Behavior<Void> slotForwardingTo(ActorRef<CoordinatorCommand> gateway, ActorRef<WorkerNodeMessage> offers) {
        return Behaviors.setup(context -> {
            ActorRef<WorkerNodeMessage> replies = context.messageAdapter(WorkerNodeMessage.class, message -> {
                offers.tell(message);
                return null;
            });
            gateway.tell(new CoordinatorCommand.RequestTask("w", SlotName.cpu(), replies));
            return Behaviors.empty();
        });
    }

    /** A slot of worker node w that finishes its first attempt at once and asks for the next. */
    private static Behavior<WorkerNodeMessage> slotFinishingItsFirstAttempt(ActorRef<CoordinatorCommand> gateway,
                                                                          ActorRef<WorkerNodeMessage> offers) {
        return Behaviors.setup(context -> {
            gateway.tell(new CoordinatorCommand.RequestTask("w", SlotName.cpu(), context.getSelf()));
            var firstOffer = new AtomicBoolean(true);
            return Behaviors.receiveMessage(message -> {
                offers.tell(message);
                if (message instanceof WorkerNodeMessage.TaskOffer offer && firstOffer.getAndSet(false)) {
                    gateway.tell(new CoordinatorCommand.ReportEvent(offer.attemptId(), FINISHED, context.getSelf()));
                    gateway.tell(new CoordinatorCommand.RequestTask("w", SlotName.cpu(), context.getSelf()));
                }
                return Behaviors.same();
            });
        });
    }

    /** A worker node with one cpu slot registers, gets the sweep's cpu task and finishes it. */
    private WorkerNodeMessage.TaskOffer runTheCpuTaskOnACpuOnlyNode() {
        TestProbe<WorkerNodeMessage> cpuSlot = testKit.createTestProbe(WorkerNodeMessage.class);
        gateway.tell(new CoordinatorCommand.RegisterWorker("cpu-node", HOST, List.of(SlotName.cpu()), List.of(DL4J)));
        gateway.tell(new CoordinatorCommand.RequestTask("cpu-node", SlotName.cpu(), cpuSlot.ref()));
        var offer = cpuSlot.expectMessageClass(WorkerNodeMessage.TaskOffer.class, WAIT);
        gateway.tell(new CoordinatorCommand.ReportEvent(offer.attemptId(), new TrainerEvent.Finished(1, 1, 0.9, 0.3),
                cpuSlot.ref()));
        return offer;
    }

    /** A worker node with one cpu slot that runs DL4J registers: one AddWorker more for the result writer. */
    private void register(String workerId) {
        gateway.tell(new CoordinatorCommand.RegisterWorker(workerId, HOST, List.of(SlotName.cpu()), List.of(DL4J)));
    }

    private List<ResultWriter.RecordEvent> recordedEvents(int messages) {
        return recordedEvents(results.receiveSeveralMessages(messages, WAIT));
    }

    private static List<ResultWriter.RecordEvent> recordedEvents(List<ResultWriter.Command> received) {
        return received.stream()
                .filter(ResultWriter.RecordEvent.class::isInstance).map(ResultWriter.RecordEvent.class::cast).toList();
    }

    /** The next {@code messages} sent to the result writer, the last of them the sweep's Close, which is answered. */
    private List<ResultWriter.Command> closeResults(int messages) {
        List<ResultWriter.Command> received = results.receiveSeveralMessages(messages, WAIT);
        assertThat(received.get(messages - 1)).isInstanceOfSatisfying(ResultWriter.Close.class,
                close -> close.replyTo().tell(Done.getInstance()));
        return received;
    }

    private ActorRef<CoordinatorCommand> findGateway() {
        TestProbe<Receptionist.Listing> listings = testKit.createTestProbe(Receptionist.Listing.class);
        testKit.system().receptionist().tell(Receptionist.subscribe(ServiceKeys.COORDINATOR, listings.ref()));
        return listings.fishForMessage(WAIT, listing -> listing.getServiceInstances(ServiceKeys.COORDINATOR).isEmpty()
                        ? FishingOutcomes.continueAndIgnore()
                        : FishingOutcomes.complete())
                .get(0).getServiceInstances(ServiceKeys.COORDINATOR).iterator().next();
    }

    private final class RecordingProgressView implements ProgressView {
        @Override
        public void update(Progress progress, int workerNodes, Map<FrameworkOnDevice, Integer> waitingForSlot) {
            waitingShown.add(waitingForSlot);
            workerNodesShown.add(workerNodes);
        }

        @Override
        public void close() {
        }
    }
}
