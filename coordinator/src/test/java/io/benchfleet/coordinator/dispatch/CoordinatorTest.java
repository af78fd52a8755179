package io.benchfleet.coordinator.dispatch;

import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.coordinator.queue.Progress;
import io.benchfleet.coordinator.queue.RunHistory;
import io.benchfleet.coordinator.store.ResultWriter;
import io.benchfleet.coordinator.sweep.SweepFile;
import io.benchfleet.protocol.cluster.ClusterConfig;
import io.benchfleet.protocol.cluster.CoordinatorCommand;
import io.benchfleet.protocol.cluster.HostInfo;
import io.benchfleet.protocol.cluster.ServiceKeys;
import io.benchfleet.protocol.cluster.WorkerNodeMessage;
import io.benchfleet.protocol.trainer.TrainerEvent;
import io.benchfleet.protocol.sweep.Device;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The coordinator actor on a one-node cluster, with probes as slots and result writer: a worker
 * node's removal from the cluster gives its attempt up, and the task is handed to the next slot;
 * tasks of a device no slot offers wait, or fail with --fail-unschedulable.
 */
class CoordinatorTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final HostInfo HOST = new HostInfo("node", "Linux", "CPU", 2, 1L << 30, "17", List.of());

    @TempDir
    Path dir;

    private ActorTestKit testKit;
    private TestProbe<ResultWriter.Command> results;
    private ActorRef<Coordinator.Command> coordinator;
    private ActorRef<CoordinatorCommand> gateway;

    private final List<Map<Device, Integer>> waitingShown = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startCluster() {
        testKit = ActorTestKit.create(ClusterConfig.of("127.0.0.1", 0, "coordinator", Map.of()));
        Cluster cluster = Cluster.get(testKit.system());
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
        results = testKit.createTestProbe(ResultWriter.Command.class);
    }

    private void startCoordinator(String devices, boolean failUnschedulable) throws Exception {
        Path sweepFile = Files.writeString(dir.resolve("s.conf"), "sweep { datasets = [mnist], architectures = [mlp-small],"
                + " devices = " + devices + ", repetitions = 1, retry { max-attempts = 2 } }");
        SweepFile.Contents contents = SweepFile.read(sweepFile);
        var settings = new Coordinator.Settings(contents.sweep(), contents.attemptLimits(), 0, RunHistory.NONE,
                failUnschedulable);
        coordinator = testKit.spawn(Coordinator.create(settings, results.ref(), new RecordingProgressView(),
                new CompletableFuture<>(), Clock.systemUTC()));
        gateway = findGateway();
    }

    @AfterEach
    void stop() {
        testKit.shutdownTestKit();
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
        gateway.tell(new CoordinatorCommand.ReportEvent(lostOffer.attemptId(), new TrainerEvent.Finished(1, 1, 0.9, 0.3)));
        gateway.tell(new CoordinatorCommand.ReportEvent(retry.attemptId(), new TrainerEvent.Finished(1, 1, 0.8, 0.4)));

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

    /** A worker node with one cpu slot registers, gets the sweep's cpu task and finishes it. */
    private WorkerNodeMessage.TaskOffer runTheCpuTaskOnACpuOnlyNode() {
        TestProbe<WorkerNodeMessage> cpuSlot = testKit.createTestProbe(WorkerNodeMessage.class);
        gateway.tell(new CoordinatorCommand.RegisterWorker("cpu-node", HOST, List.of(SlotName.cpu())));
        gateway.tell(new CoordinatorCommand.RequestTask("cpu-node", SlotName.cpu(), cpuSlot.ref()));
        var offer = cpuSlot.expectMessageClass(WorkerNodeMessage.TaskOffer.class, WAIT);
        gateway.tell(new CoordinatorCommand.ReportEvent(offer.attemptId(), new TrainerEvent.Finished(1, 1, 0.9, 0.3)));
        return offer;
    }

    private List<ResultWriter.RecordEvent> recordedEvents(int messages) {
        return results.receiveSeveralMessages(messages, WAIT).stream()
                .filter(ResultWriter.RecordEvent.class::isInstance).map(ResultWriter.RecordEvent.class::cast).toList();
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
