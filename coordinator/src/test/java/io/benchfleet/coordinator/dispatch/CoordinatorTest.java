package io.benchfleet.coordinator.dispatch;

import io.benchfleet.coordinator.queue.Progress;
import io.benchfleet.coordinator.queue.RunHistory;
import io.benchfleet.coordinator.store.ResultWriter;
import io.benchfleet.coordinator.sweep.SweepFile;
import io.benchfleet.protocol.cluster.ClusterConfig;
import io.benchfleet.protocol.cluster.CoordinatorCommand;
import io.benchfleet.protocol.cluster.ServiceKeys;
import io.benchfleet.protocol.cluster.WorkerNodeMessage;
import io.benchfleet.protocol.event.TrainerEvent;
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
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The coordinator actor on a one-node cluster, with probes as slots and result writer: a worker
 * node's removal from the cluster gives its attempt up, and the task is handed to the next slot.
 */
class CoordinatorTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private ActorTestKit testKit;
    private TestProbe<ResultWriter.Command> results;
    private ActorRef<Coordinator.Command> coordinator;
    private ActorRef<CoordinatorCommand> gateway;

    @BeforeEach
    void startCoordinator() throws Exception {
        testKit = ActorTestKit.create(ClusterConfig.of("127.0.0.1", 0, "coordinator", Map.of()));
        Cluster cluster = Cluster.get(testKit.system());
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
        Path sweepFile = Files.writeString(dir.resolve("s.conf"),
                "sweep { datasets = [mnist], architectures = [mlp-small], repetitions = 1, retry { max-attempts = 2 } }");
        SweepFile.Contents contents = SweepFile.read(sweepFile);
        results = testKit.createTestProbe(ResultWriter.Command.class);
        var settings = new Coordinator.Settings(contents.sweep(), contents.attemptLimits(), 0, RunHistory.NONE);
        coordinator = testKit.spawn(Coordinator.create(settings, results.ref(), new NoProgressView(),
                new CompletableFuture<>(), Clock.systemUTC()));
        gateway = findGateway();
    }

    @AfterEach
    void stop() {
        testKit.shutdownTestKit();
    }

    @Test
    void requeuesTheAttemptOfAWorkerNodeRemovedFromTheClusterAndIgnoresItsLateResult() {
        TestProbe<WorkerNodeMessage> lostSlot = testKit.createTestProbe(WorkerNodeMessage.class);
        TestProbe<WorkerNodeMessage> otherSlot = testKit.createTestProbe(WorkerNodeMessage.class);
        gateway.tell(new CoordinatorCommand.RequestTask("lost", "cpu", lostSlot.ref()));
        var lostOffer = lostSlot.expectMessageClass(WorkerNodeMessage.TaskOffer.class, WAIT);

        coordinator.tell(new Coordinator.NodeRemoved(lostSlot.ref().path().address()));
        gateway.tell(new CoordinatorCommand.RequestTask("other", "cpu", otherSlot.ref()));
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

    private ActorRef<CoordinatorCommand> findGateway() {
        TestProbe<Receptionist.Listing> listings = testKit.createTestProbe(Receptionist.Listing.class);
        testKit.system().receptionist().tell(Receptionist.subscribe(ServiceKeys.COORDINATOR, listings.ref()));
        return listings.fishForMessage(WAIT, listing -> listing.getServiceInstances(ServiceKeys.COORDINATOR).isEmpty()
                        ? FishingOutcomes.continueAndIgnore()
                        : FishingOutcomes.complete())
                .get(0).getServiceInstances(ServiceKeys.COORDINATOR).iterator().next();
    }

    private static final class NoProgressView implements ProgressView {
        @Override
        public void update(Progress progress, int workerNodes) {
        }

        @Override
        public void close() {
        }
    }
}
