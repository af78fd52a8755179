package io.benchfleet.coordinator.dispatch;

import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.coordinator.queue.Progress;
import io.benchfleet.coordinator.queue.RunHistory;
import io.benchfleet.coordinator.store.ResultWriter;
import io.benchfleet.coordinator.sweep.SweepFile;
import io.benchfleet.protocol.cluster.ClusterConfig;
import io.benchfleet.protocol.cluster.CoordinatorCommand;
import io.benchfleet.protocol.cluster.HostInfo;
import io.benchfleet.protocol.cluster.ResourceSample;
import io.benchfleet.protocol.cluster.ServiceKeys;
import io.benchfleet.protocol.cluster.WorkerNodeMessage;
import io.benchfleet.protocol.trainer.TrainerEvent;
import io.benchfleet.protocol.sweep.Device;
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
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The coordinator actor on a one-node cluster, with probes as slots and result writer: a worker
 * node's removal from the cluster gives its attempt up, and the task is handed to the next slot;
 * tasks of a device no slot offers wait, or fail with --fail-unschedulable. The coordinator owns each
 * attempt's liveness: it acknowledges final events, gives an attempt up when its final event does not
 * come by its deadline or its slot stops, and shrugs off messages about attempts it does not run.
 */
class CoordinatorTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** How long nothing must arrive for a test to say that nothing comes. */
    private static final Duration QUIET = Duration.ofMillis(500);
    private static final HostInfo HOST = new HostInfo("node", "Linux", "CPU", 2, 1L << 30, "17", List.of());
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

    private final List<Map<Device, Integer>> waitingShown = new CopyOnWriteArrayList<>();

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
        var recorded = results.receiveSeveralMessages(5, WAIT).stream()
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

        await().atMost(WAIT).until(() -> waitingShown.contains(Map.of(Device.GPU, 1)));
        assertThat(recordedEvents(4)).extracting(ResultWriter.RecordEvent::attemptId).containsExactly(offer.attemptId());
        results.expectNoMessage(Duration.ofMillis(500));

        TestProbe<WorkerNodeMessage> gpuSlot = testKit.createTestProbe(WorkerNodeMessage.class);
        gateway.tell(new CoordinatorCommand.RegisterWorker("gpu-node", HOST, List.of(SlotName.cpu(), SlotName.gpu(0))));
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
            assertThat(failed.message()).startsWith("no worker node offered a gpu slot").endsWith("slots offered: [cpu]");
        });
    }

    @Test
    void acknowledgesEveryFinalEventAndRecordsOnlyTheFirst() throws Exception {
        startSweep("devices = [cpu], repetitions = 2, " + SHORT_TIMEOUT, false);
        TestProbe<WorkerNodeMessage> slot = testKit.createTestProbe(WorkerNodeMessage.class);
        gateway.tell(new CoordinatorCommand.RequestTask("w", SlotName.cpu(), slot.ref()));
        var offer = slot.expectMessageClass(WorkerNodeMessage.TaskOffer.class, WAIT);

        gateway.tell(new CoordinatorCommand.ReportEvent(offer.attemptId(), FINISHED, slot.ref()));
        gateway.tell(new CoordinatorCommand.ReportEvent(offer.attemptId(), FINISHED, slot.ref()));

        slot.expectMessage(WAIT, new WorkerNodeMessage.FinalEventRecorded(offer.attemptId()));
        slot.expectMessage(WAIT, new WorkerNodeMessage.FinalEventRecorded(offer.attemptId()));
        assertThat(recordedEvents(3)).extracting(ResultWriter.RecordEvent::event).containsExactly(FINISHED);
        // Past the finished attempt's deadline: nothing more is recorded.
        results.expectNoMessage(Duration.ofSeconds(2).plus(SHORT_GRACE));
    }

    @Test
    void givesUpAnAttemptWhoseFinalEventDoesNotComeByTheTaskTimeoutPlusGraceAndRunsItAgain() throws Exception {
        startSweep("devices = [cpu], repetitions = 1, " + SHORT_TIMEOUT, false);
        TestProbe<WorkerNodeMessage> slot = testKit.createTestProbe(WorkerNodeMessage.class);
        gateway.tell(new CoordinatorCommand.RequestTask("w", SlotName.cpu(), slot.ref()));
        var lost = slot.expectMessageClass(WorkerNodeMessage.TaskOffer.class, WAIT);

        // The final event is lost on the way; the slot asks for its next task.
        gateway.tell(new CoordinatorCommand.RequestTask("w", SlotName.cpu(), slot.ref()));

        var retry = slot.expectMessageClass(WorkerNodeMessage.TaskOffer.class, WAIT);
        assertThat(retry.attemptId()).isEqualTo(lost.task().id() + "-a2");
        gateway.tell(new CoordinatorCommand.ReportEvent(retry.attemptId(), FINISHED, slot.ref()));
        gateway.tell(new CoordinatorCommand.ReportEvent(lost.attemptId(), FINISHED, slot.ref()));
        var recorded = recordedEvents(closeResults(7));
        await().atMost(WAIT).until(completion::isDone);
        results.expectNoMessage(QUIET);
        assertThat(recorded).extracting(ResultWriter.RecordEvent::attemptId).containsExactly(lost.attemptId(), retry.attemptId());
        assertThat(recorded.get(0).event()).isInstanceOfSatisfying(TrainerEvent.Failed.class, failed -> {
            assertThat(failed.kind()).isEqualTo(TrainerEvent.FailureKind.WORKER_LOST);
            assertThat(failed.message()).isEqualTo("no final event came within the task timeout of PT1S plus a grace of PT0.5S");
        });
        slot.expectMessage(WAIT, new WorkerNodeMessage.FinalEventRecorded(retry.attemptId()));
        slot.expectMessage(WAIT, new WorkerNodeMessage.FinalEventRecorded(lost.attemptId()));
    }

    @Test
    void givesUpAtOnceTheAttemptOfASlotThatStopsWhileItsNodeStaysInTheCluster() throws Exception {
        startCoordinator("[cpu]", false);
        TestProbe<WorkerNodeMessage> offers = testKit.createTestProbe(WorkerNodeMessage.class);
        ActorRef<Void> slot = testKit.spawn(slotForwardingTo(gateway, offers.ref()));
        var lost = offers.expectMessageClass(WorkerNodeMessage.TaskOffer.class, WAIT);

        testKit.stop(slot);

        var recorded = recordedEvents(3);
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
            TestProbe<WorkerNodeMessage> offers = workerNode.createTestProbe(WorkerNodeMessage.class);
            ActorRef<Void> slot = workerNode.spawn(slotForwardingTo(remoteGateway, offers.ref()));
            var lost = offers.expectMessageClass(WorkerNodeMessage.TaskOffer.class, WAIT);

            workerNode.stop(slot);

            var recorded = recordedEvents(3);
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

    /** A worker node with one cpu slot registers, gets the sweep's cpu task and finishes it. */
    private WorkerNodeMessage.TaskOffer runTheCpuTaskOnACpuOnlyNode() {
        TestProbe<WorkerNodeMessage> cpuSlot = testKit.createTestProbe(WorkerNodeMessage.class);
        gateway.tell(new CoordinatorCommand.RegisterWorker("cpu-node", HOST, List.of(SlotName.cpu())));
        gateway.tell(new CoordinatorCommand.RequestTask("cpu-node", SlotName.cpu(), cpuSlot.ref()));
        var offer = cpuSlot.expectMessageClass(WorkerNodeMessage.TaskOffer.class, WAIT);
        gateway.tell(new CoordinatorCommand.ReportEvent(offer.attemptId(), new TrainerEvent.Finished(1, 1, 0.9, 0.3),
                cpuSlot.ref()));
        return offer;
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
        public void update(Progress progress, int workerNodes, Map<Device, Integer> waitingForSlot) {
            waitingShown.add(waitingForSlot);
        }

        @Override
        public void close() {
        }
    }
}
