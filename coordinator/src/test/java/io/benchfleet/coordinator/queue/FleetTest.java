package io.benchfleet.coordinator.queue;

import io.benchfleet.protocol.architecture.Optimizer;
import io.benchfleet.protocol.cluster.CoordinatorCommand.RegisterWorker;
import io.benchfleet.protocol.cluster.FrameworkOffer;
import io.benchfleet.protocol.cluster.HostInfo;
import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.protocol.sweep.Device;
import io.benchfleet.protocol.sweep.Framework;
import io.benchfleet.protocol.sweep.TaskSpec;
import io.benchfleet.protocol.sweep.TrainingSettings;
import io.benchfleet.protocol.trainer.TrainerEvent;
import io.benchfleet.protocol.trainer.TrainerEvent.FailureKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class FleetTest {

    private static final TrainerEvent FINISHED = new TrainerEvent.Finished(1, 1, 0.9, 0.3);
    private static final HostInfo HOST = new HostInfo("node", "Linux", "EPYC", 2, 1L << 30, "17", List.of());
    private static final Fleet.Node NODE_A = new Fleet.Node("pekko://benchfleet@10.0.0.1:2552");
    private static final Fleet.Node NODE_B = new Fleet.Node("pekko://benchfleet@10.0.0.2:2552");
    private static final Fleet.Node NODE_C = new Fleet.Node("pekko://benchfleet@10.0.0.3:2552");
    private static final int NO_MIN_WORKERS = 0;
    private static final FrameworkOffer DL4J = new FrameworkOffer(Framework.DL4J, "1.0.0-M2.1", List.of(Device.CPU, Device.GPU));
    private static final FrameworkOffer PYTORCH_ON_CPU = new FrameworkOffer(Framework.PYTORCH, "1.13.0a0", List.of(Device.CPU));
    private static final FrameworkOffer PYTORCH = new FrameworkOffer(Framework.PYTORCH, "1.13.0a0", List.of(Device.CPU, Device.GPU));
    private static final FrameworkOnDevice DL4J_CPU = new FrameworkOnDevice(Framework.DL4J, Device.CPU);
    private static final FrameworkOnDevice DL4J_GPU = new FrameworkOnDevice(Framework.DL4J, Device.GPU);
    private static final FrameworkOnDevice PYTORCH_CPU = new FrameworkOnDevice(Framework.PYTORCH, Device.CPU);
    private static final FrameworkOnDevice PYTORCH_GPU = new FrameworkOnDevice(Framework.PYTORCH, Device.GPU);

    private static TaskSpec task(int repetition, Device device) {
        return task("mnist", repetition, device);
    }

    private static TaskSpec task(String dataset, int repetition, Device device) {
        return new TaskSpec(dataset, "mlp-small", device, "standard", 0, repetition, repetition,
                new TrainingSettings(1, 128, 0, Optimizer.of(Optimizer.Kind.ADAM, 0.001)));
    }

    private static TaskSpec pytorch(int repetition, Device device) {
        return task(repetition, device).withFramework(Framework.PYTORCH);
    }

    private static TrainerEvent failure(FailureKind kind) {
        return new TrainerEvent.Failed(kind, "fake " + kind);
    }

    private static WorkQueue queue(TaskSpec... tasks) {
        return new WorkQueue(List.of(tasks), new AttemptLimits(3, Duration.ofMinutes(1)), RunHistory.NONE);
    }

    /** A slot whose offers go nowhere but to its name: the rules need no actor to answer. */
    private static Fleet.Slot<String> slot(String workerId, SlotName name, Fleet.Node node) {
        return new Fleet.Slot<>(workerId, name, node, workerId + "/" + name);
    }

    /** A worker node that runs DL4J on every device it has slots of. */
    private static RegisterWorker worker(String workerId, SlotName... slots) {
        return worker(workerId, List.of(DL4J), slots);
    }

    private static RegisterWorker worker(String workerId, List<FrameworkOffer> frameworks, SlotName... slots) {
        return new RegisterWorker(workerId, HOST, List.of(slots), frameworks);
    }

    /** A fleet whose worker nodes {@code dl4jWorkers} registered with one cpu slot each. */
    private static Fleet<String> fleet(WorkQueue queue, int minWorkers, boolean failUnschedulable,
                                       String... dl4jWorkers) {
        Fleet<String> fleet = new Fleet<>(queue, minWorkers, failUnschedulable);
        for (String workerId : dl4jWorkers) {
            fleet.register(worker(workerId, SlotName.cpu()));
        }
        return fleet;
    }

    @Test
    void aSlotGetsAQueuedTaskOfItsDeviceAsAnOffer() {
        WorkQueue queue = queue(task(1, Device.CPU));
        Fleet<String> fleet = fleet(queue, NO_MIN_WORKERS, false, "w1");
        Fleet.Slot<String> slot = slot("w1", SlotName.cpu(), NODE_A);

        Fleet.Offer<String> offer = fleet.request(slot).orElseThrow();

        assertThat(offer.slot()).isEqualTo(slot);
        assertThat(offer.attempt().task()).isEqualTo(task(1, Device.CPU));
        assertThat(offer.attempt().workerId()).isEqualTo("w1");
        assertThat(queue.progress()).isEqualTo(new Progress(0, 1, 0, 0));
    }

    @Test
    void anOfferNamesTheHardwareOfTheWorkerNodeThatRegistered() {
        Fleet<String> fleet = fleet(queue(task(1, Device.CPU)), NO_MIN_WORKERS, false, "registered");

        Fleet.Offer<String> offer = fleet.request(slot("registered", SlotName.cpu(), NODE_A)).orElseThrow();

        assertThat(offer.device()).isEqualTo(new AttemptDevice("EPYC, 2 cores", "", ""));
    }

    @Test
    void aSlotWhoseWorkerNodeHasNotRegisteredWaitsUntilItDoes() {
        Fleet<String> fleet = new Fleet<>(queue(task(1, Device.CPU)), NO_MIN_WORKERS, false);
        Fleet.Slot<String> early = slot("not-yet", SlotName.cpu(), NODE_A);
        boolean offeredBeforeRegistering = fleet.request(early).isPresent();

        fleet.register(worker("not-yet", SlotName.cpu()));

        assertThat(offeredBeforeRegistering).as("what its node runs is not known yet").isFalse();
        assertThat(fleet.offersToWaitingSlots()).singleElement().satisfies(offer -> {
            assertThat(offer.slot()).isEqualTo(early);
            assertThat(offer.device()).isEqualTo(new AttemptDevice("EPYC, 2 cores", "", ""));
        });
    }

    @Test
    void whatTheClusterRunsIsEachFrameworkOnTheDevicesOfItsNodesSlots() {
        Fleet<String> fleet = new Fleet<>(queue(), NO_MIN_WORKERS, false);

        fleet.register(worker("cpu-node", List.of(DL4J, PYTORCH), SlotName.cpu(0), SlotName.cpu(1)));
        fleet.register(worker("gpu-node", List.of(DL4J, PYTORCH_ON_CPU), SlotName.cpu(), SlotName.gpu(0)));

        assertThat(fleet.offered()).containsExactlyInAnyOrder(DL4J_CPU, DL4J_GPU, PYTORCH_CPU);
    }

    @Test
    void saysWhichQueuedTasksNoSlotCanRunOnlyOnceAWorkerNodeRegistered() {
        Fleet<String> fleet = new Fleet<>(queue(task(1, Device.GPU), task(2, Device.CPU), pytorch(3, Device.CPU),
                pytorch(4, Device.CPU)), NO_MIN_WORKERS, false);
        Map<FrameworkOnDevice, Integer> beforeRegistering = fleet.waitingForSlot();

        fleet.register(worker("cpu-node", SlotName.cpu()));

        assertThat(beforeRegistering).isEmpty();
        assertThat(fleet.waitingForSlot()).isEqualTo(Map.of(DL4J_GPU, 1, PYTORCH_CPU, 2));
    }

    @Test
    void aSlotGetsOnlyTasksOfAFrameworkItsWorkerNodeRunsOnTheSlotsDevice() {
        WorkQueue queue = queue(pytorch(1, Device.GPU), pytorch(2, Device.CPU), task(3, Device.CPU), task(4, Device.GPU));
        Fleet<String> fleet = new Fleet<>(queue, NO_MIN_WORKERS, false);
        fleet.register(worker("dl4j-node", List.of(DL4J), SlotName.cpu()));
        fleet.register(worker("torch-node", List.of(PYTORCH), SlotName.cpu(), SlotName.gpu(0)));

        Optional<Fleet.Offer<String>> dl4jCpu = fleet.request(slot("dl4j-node", SlotName.cpu(), NODE_A));
        Optional<Fleet.Offer<String>> torchCpu = fleet.request(slot("torch-node", SlotName.cpu(), NODE_B));
        Optional<Fleet.Offer<String>> torchGpu = fleet.request(slot("torch-node", SlotName.gpu(0), NODE_B));
        Optional<Fleet.Offer<String>> torchGpuAgain = fleet.request(slot("torch-node", SlotName.gpu(0), NODE_B));

        assertThat(dl4jCpu).map(offer -> offer.attempt().task()).contains(task(3, Device.CPU));
        assertThat(torchCpu).map(offer -> offer.attempt().task()).contains(pytorch(2, Device.CPU));
        assertThat(torchGpu).map(offer -> offer.attempt().task()).contains(pytorch(1, Device.GPU));
        assertThat(torchGpuAgain).as("the dl4j/gpu task needs a node that runs DL4J on a GPU").isEmpty();
        assertThat(fleet.waitingForSlot()).isEqualTo(Map.of(DL4J_GPU, 1));
    }

    @Test
    void aFrameworkOfferedOnADeviceTheNodeHasNoSlotOfRunsNothingThere() {
        WorkQueue queue = queue(pytorch(1, Device.GPU));
        Fleet<String> fleet = new Fleet<>(queue, NO_MIN_WORKERS, false);
        fleet.register(worker("cpu-node", List.of(PYTORCH), SlotName.cpu()));

        assertThat(fleet.request(slot("cpu-node", SlotName.cpu(), NODE_A))).isEmpty();
        assertThat(fleet.waitingForSlot()).isEqualTo(Map.of(PYTORCH_GPU, 1));
    }

    @Test
    void aWorkerNodeThatRegistersWithoutAFrameworkGetsNoTask() {
        Fleet<String> fleet = new Fleet<>(queue(task(1, Device.CPU)), NO_MIN_WORKERS, false);
        fleet.register(worker("bare", List.of(), SlotName.cpu()));

        assertThat(fleet.request(slot("bare", SlotName.cpu(), NODE_A))).isEmpty();
        assertThat(fleet.waitingForSlot()).isEqualTo(Map.of(DL4J_CPU, 1));
    }

    @Test
    void countsWorkerNodesByTheDistinctNodesOfTheListedSlots() {
        Fleet<String> fleet = new Fleet<>(queue(), NO_MIN_WORKERS, false);

        fleet.listed(List.of(NODE_A, NODE_A, NODE_B));

        assertThat(fleet.workerNodes()).isEqualTo(2);
    }

    @Test
    void aSlotThatGetsNothingWaitsAndGetsATaskOnceOneIsQueuedAgain() {
        WorkQueue queue = queue(task(1, Device.CPU));
        Fleet<String> fleet = fleet(queue, NO_MIN_WORKERS, false, "w1", "w2");
        Attempt running = fleet.request(slot("w1", SlotName.cpu(), NODE_A)).orElseThrow().attempt();
        Fleet.Slot<String> waiting = slot("w2", SlotName.cpu(), NODE_B);
        boolean offeredAtOnce = fleet.request(waiting).isPresent();
        List<Fleet.Offer<String>> whileNothingIsQueued = fleet.offersToWaitingSlots();

        fleet.end(running.id(), new TrainerEvent.Failed(FailureKind.CRASHED, "crashed"));
        List<Fleet.Offer<String>> offers = fleet.offersToWaitingSlots();

        assertThat(offeredAtOnce).isFalse();
        assertThat(whileNothingIsQueued).isEmpty();
        assertThat(offers).singleElement().satisfies(offer -> {
            assertThat(offer.slot()).isEqualTo(waiting);
            assertThat(offer.attempt().task()).isEqualTo(running.task());
            assertThat(offer.attempt().number()).isEqualTo(2);
        });
        assertThat(fleet.offersToWaitingSlots()).as("a slot is offered one task per request").isEmpty();
    }

    @Test
    void waitingSlotsGetTasksInTheOrderTheyAskedAndOnlyOfTheirDevice() {
        WorkQueue queue = queue(task(1, Device.CPU), task(2, Device.CPU));
        Fleet<String> fleet = new Fleet<>(queue, 1, false);
        fleet.register(worker("w1", SlotName.gpu(0), SlotName.cpu(0), SlotName.cpu(1)));
        Fleet.Slot<String> gpu = slot("w1", SlotName.gpu(0), NODE_A);
        Fleet.Slot<String> first = slot("w1", SlotName.cpu(0), NODE_A);
        Fleet.Slot<String> second = slot("w1", SlotName.cpu(1), NODE_A);
        fleet.request(gpu);
        fleet.request(first);
        fleet.request(second);

        fleet.listed(List.of(NODE_A));
        List<Fleet.Offer<String>> offers = fleet.offersToWaitingSlots();

        assertThat(offers).extracting(Fleet.Offer::slot).containsExactly(first, second);
        assertThat(offers).extracting(offer -> offer.attempt().task())
                .containsExactly(task(1, Device.CPU), task(2, Device.CPU));
        assertThat(queue.progress()).isEqualTo(new Progress(0, 2, 0, 0));
    }

    @Test
    void aWaitingSlotThatStoppedIsOfferedNothingAndTheNextWaitingSlotIs() {
        Fleet<String> fleet = fleet(queue(task(1, Device.CPU)), 1, false, "w1");
        fleet.listed(List.of(NODE_A));
        Attempt running = fleet.request(slot("w1", SlotName.cpu(0), NODE_A)).orElseThrow().attempt();
        Fleet.Slot<String> stopped = slot("w1", SlotName.cpu(1), NODE_A);
        Fleet.Slot<String> live = slot("w1", SlotName.cpu(2), NODE_A);
        fleet.request(stopped);
        fleet.request(live);

        fleet.stopped(stopped.replyTo());
        fleet.end(running.id(), new TrainerEvent.Failed(FailureKind.CRASHED, "crashed"));

        assertThat(fleet.offersToWaitingSlots()).extracting(Fleet.Offer::slot).containsExactly(live);
    }

    @Test
    void noTaskGoesOutUntilMinWorkersWorkerNodesAreListed() {
        Fleet<String> fleet = fleet(queue(task(1, Device.CPU), task(2, Device.CPU)), 2, false, "w1", "w2");
        Fleet.Slot<String> early = slot("w1", SlotName.cpu(), NODE_A);

        fleet.listed(List.of(NODE_A));
        boolean offeredWithOneNode = fleet.request(early).isPresent();
        List<Fleet.Offer<String>> offersWithOneNode = fleet.offersToWaitingSlots();
        fleet.listed(List.of(NODE_A, NODE_B));
        List<Fleet.Offer<String>> offersWithTwoNodes = fleet.offersToWaitingSlots();

        assertThat(offeredWithOneNode).isFalse();
        assertThat(offersWithOneNode).isEmpty();
        assertThat(offersWithTwoNodes).extracting(Fleet.Offer::slot).containsExactly(early);
        assertThat(fleet.request(slot("w2", SlotName.cpu(), NODE_B))).as("the gate is open").isPresent();
    }

    @Test
    void theMinWorkersGateHoldsBackOnlyTheFirstTask() {
        WorkQueue queue = queue(task(1, Device.CPU), task(2, Device.CPU), task(3, Device.CPU));
        Fleet<String> fleet = fleet(queue, 2, false, "lost", "alive");
        fleet.listed(List.of(NODE_A, NODE_B));
        Attempt lost = fleet.request(slot("lost", SlotName.cpu(), NODE_A)).orElseThrow().attempt();
        fleet.request(slot("alive", SlotName.cpu(), NODE_B)).orElseThrow();

        fleet.listed(List.of(NODE_B));
        fleet.removed(NODE_A);
        fleet.end(lost.id(), new TrainerEvent.Failed(FailureKind.WORKER_LOST, "gone"));
        List<Fleet.Offer<String>> offers = fleet.offersToWaitingSlots();
        Optional<Fleet.Offer<String>> next = fleet.request(slot("alive", SlotName.cpu(), NODE_B));

        assertThat(offers).isEmpty();
        assertThat(next).as("the surviving node goes on alone").isPresent();
        assertThat(next.orElseThrow().attempt().task()).isEqualTo(lost.task());
    }

    @Test
    void aRemovedNodeGivesUpItsRunningAttemptsAsWorkerLost() {
        WorkQueue queue = queue(task(1, Device.CPU), task(2, Device.CPU), task(3, Device.CPU));
        Fleet<String> fleet = fleet(queue, NO_MIN_WORKERS, false, "alive");
        fleet.register(worker("lost", SlotName.cpu(0), SlotName.cpu(1)));
        Attempt onLost = fleet.request(slot("lost", SlotName.cpu(0), NODE_A)).orElseThrow().attempt();
        Attempt endedOnLost = fleet.request(slot("lost", SlotName.cpu(1), NODE_A)).orElseThrow().attempt();
        fleet.request(slot("alive", SlotName.cpu(), NODE_B)).orElseThrow();
        fleet.end(endedOnLost.id(), FINISHED);

        List<Fleet.GivenUp> givenUp = fleet.removed(NODE_A);

        assertThat(givenUp).singleElement().satisfies(lost -> {
            assertThat(lost.attempt()).isEqualTo(onLost);
            assertThat(lost.failure().kind()).isEqualTo(FailureKind.WORKER_LOST);
            assertThat(lost.failure().message()).isEqualTo("worker node lost left the cluster while the attempt ran");
        });
    }

    @Test
    void aRemovedNodeIsForgottenWithItsWaitingSlotsAndRegistration() {
        WorkQueue queue = queue(task(1, Device.CPU));
        Fleet<String> fleet = new Fleet<>(queue, NO_MIN_WORKERS, false);
        fleet.register(worker("gone", SlotName.cpu(0), SlotName.cpu(1), SlotName.gpu(0)));
        fleet.register(worker("stays", SlotName.cpu()));
        Fleet.Slot<String> stays = slot("stays", SlotName.cpu(), NODE_B);
        fleet.request(slot("gone", SlotName.cpu(0), NODE_A)).orElseThrow();
        fleet.request(slot("gone", SlotName.cpu(1), NODE_A));
        fleet.request(stays);

        Attempt lost = fleet.removed(NODE_A).get(0).attempt();
        fleet.end(lost.id(), new TrainerEvent.Failed(FailureKind.WORKER_LOST, "gone"));

        assertThat(fleet.offered()).containsExactly(DL4J_CPU);
        assertThat(fleet.offersToWaitingSlots()).as("only the remaining node's slot still waits")
                .extracting(Fleet.Offer::slot).containsExactly(stays);
    }

    @Test
    void withoutTheFlagNoTaskIsUnschedulable() {
        Fleet<String> fleet = new Fleet<>(queue(task(1, Device.GPU)), NO_MIN_WORKERS, false);
        fleet.register(worker("cpu-node", SlotName.cpu()));

        assertThat(fleet.unschedulable()).isEmpty();
    }

    @Test
    void withTheFlagTasksNoRegisteredSlotCanRunAreUnschedulable() {
        WorkQueue queue = queue(task(1, Device.GPU), task(2, Device.GPU));
        Fleet<String> fleet = new Fleet<>(queue, NO_MIN_WORKERS, true);
        fleet.register(worker("cpu-node", SlotName.cpu(0), SlotName.cpu(1)));

        List<Fleet.GivenUp> unschedulable = fleet.unschedulable();

        assertThat(unschedulable).extracting(given -> given.attempt().task())
                .containsExactly(task(1, Device.GPU), task(2, Device.GPU));
        assertThat(unschedulable).allSatisfy(given -> {
            assertThat(given.attempt().workerId()).isEqualTo(Fleet.UNSCHEDULED_BY);
            assertThat(given.attempt().slot()).isEmpty();
            assertThat(given.failure().kind()).isEqualTo(FailureKind.UNSCHEDULABLE);
            assertThat(given.failure().message()).isEqualTo("no worker node offered a slot that runs dl4j/gpu by the"
                    + " time every other task had ended (--fail-unschedulable); the worker nodes run [dl4j/cpu]");
        });
        assertThat(queue.progress()).isEqualTo(new Progress(0, 2, 0, 0));
    }

    @Test
    void noTaskIsUnschedulableBeforeAnyWorkerNodeRegistered() {
        Fleet<String> fleet = new Fleet<>(queue(task(1, Device.GPU)), NO_MIN_WORKERS, true);

        assertThat(fleet.unschedulable()).isEmpty();
    }

    @Test
    void noTaskIsUnschedulableUntilMinWorkersWorkerNodesAreListed() {
        Fleet<String> fleet = new Fleet<>(queue(task(1, Device.GPU)), 2, true);
        fleet.register(worker("cpu-node", SlotName.cpu()));
        fleet.listed(List.of(NODE_A));
        List<Fleet.GivenUp> withOneNode = fleet.unschedulable();

        fleet.listed(List.of(NODE_A, NODE_B));

        assertThat(withOneNode).isEmpty();
        assertThat(fleet.unschedulable()).extracting(given -> given.attempt().task()).containsExactly(task(1, Device.GPU));
    }

    @Test
    void noTaskIsUnschedulableWhileAnotherTaskCanStillRun() {
        WorkQueue queue = queue(task(1, Device.GPU), task(2, Device.CPU));
        Fleet<String> fleet = new Fleet<>(queue, NO_MIN_WORKERS, true);
        fleet.register(worker("cpu-node", SlotName.cpu()));
        List<Fleet.GivenUp> whileQueued = fleet.unschedulable();
        Attempt cpu = fleet.request(slot("cpu-node", SlotName.cpu(), NODE_A)).orElseThrow().attempt();
        List<Fleet.GivenUp> whileRunning = fleet.unschedulable();

        fleet.end(cpu.id(), FINISHED);

        assertThat(whileQueued).isEmpty();
        assertThat(whileRunning).isEmpty();
        assertThat(fleet.unschedulable()).extracting(given -> given.attempt().task()).containsExactly(task(1, Device.GPU));
    }

    @Test
    void whenEveryRegisteredWorkerNodeLacksADatasetItsTasksFailAsDataUnavailableNamingTheNodes() {
        WorkQueue queue = queue(task("mnist", 1, Device.CPU), task("mnist", 2, Device.CPU),
                task("mnist", 3, Device.CPU), task("fashion-mnist", 1, Device.CPU));
        Fleet<String> fleet = new Fleet<>(queue, NO_MIN_WORKERS, false);
        fleet.register(worker("w1", SlotName.cpu()));
        fleet.register(worker("w2", SlotName.cpu()));
        Attempt onFirst = fleet.request(slot("w1", SlotName.cpu(), NODE_A)).orElseThrow().attempt();
        Attempt onSecond = fleet.request(slot("w2", SlotName.cpu(), NODE_B)).orElseThrow().attempt();

        fleet.end(onFirst.id(), failure(FailureKind.DATA_UNAVAILABLE));
        List<Fleet.GivenUp> whileOneNodeMayHaveIt = fleet.unschedulable();
        fleet.end(onSecond.id(), failure(FailureKind.DATA_UNAVAILABLE));
        List<Fleet.GivenUp> givenUp = fleet.unschedulable();

        assertThat(whileOneNodeMayHaveIt).isEmpty();
        assertThat(givenUp).extracting(given -> given.attempt().task()).containsExactlyInAnyOrder(
                task("mnist", 1, Device.CPU), task("mnist", 2, Device.CPU), task("mnist", 3, Device.CPU));
        assertThat(givenUp).allSatisfy(given -> {
            assertThat(given.attempt().workerId()).isEqualTo(Fleet.UNSCHEDULED_BY);
            assertThat(given.failure().kind()).isEqualTo(FailureKind.DATA_UNAVAILABLE);
            assertThat(given.failure().message()).isEqualTo("no registered worker node that runs dl4j/cpu can run it:"
                    + " w1 has no readable copy of mnist; w2 has no readable copy of mnist");
        });
        givenUp.forEach(given -> assertThat(fleet.end(given.attempt().id(), given.failure()).orElseThrow().retried())
                .as("a task given up for its data is not queued again").isFalse());
        assertThat(queue.progress()).isEqualTo(new Progress(0, 0, 3, 1));
        assertThat(fleet.request(slot("w1", SlotName.cpu(), NODE_A))).map(offer -> offer.attempt().task())
                .contains(task("fashion-mnist", 1, Device.CPU));
    }

    @Test
    void aWorkerNodeThatJoinsLaterGetsTheQueuedTasksOfADatasetAnotherNodeLacks() {
        WorkQueue queue = queue(task(1, Device.CPU), task(2, Device.CPU));
        Fleet<String> fleet = new Fleet<>(queue, NO_MIN_WORKERS, false);
        fleet.register(worker("without-data", SlotName.cpu()));
        fleet.register(worker("busy", SlotName.cpu()));
        Attempt unavailable = fleet.request(slot("without-data", SlotName.cpu(), NODE_A)).orElseThrow().attempt();
        fleet.request(slot("busy", SlotName.cpu(), NODE_B)).orElseThrow();
        fleet.end(unavailable.id(), failure(FailureKind.DATA_UNAVAILABLE));
        boolean offeredToTheNodeWithout = fleet.request(slot("without-data", SlotName.cpu(), NODE_A)).isPresent();

        fleet.register(worker("late", SlotName.cpu()));
        Optional<Fleet.Offer<String>> toTheLateNode = fleet.request(slot("late", SlotName.cpu(), NODE_C));

        assertThat(offeredToTheNodeWithout).isFalse();
        assertThat(fleet.unschedulable()).isEmpty();
        assertThat(toTheLateNode).map(offer -> offer.attempt().task()).contains(task(1, Device.CPU));
    }

    @Test
    void aTaskWhoseLastWorkerNodeWithItsDataLeavesFailsInsteadOfWaiting() {
        WorkQueue queue = queue(task(1, Device.CPU), task(2, Device.CPU));
        Fleet<String> fleet = new Fleet<>(queue, NO_MIN_WORKERS, false);
        fleet.register(worker("without-data", SlotName.cpu()));
        fleet.register(worker("leaves", SlotName.cpu()));
        Attempt unavailable = fleet.request(slot("without-data", SlotName.cpu(), NODE_A)).orElseThrow().attempt();
        fleet.request(slot("leaves", SlotName.cpu(), NODE_B)).orElseThrow();
        fleet.end(unavailable.id(), failure(FailureKind.DATA_UNAVAILABLE));

        fleet.removed(NODE_B).forEach(lost -> fleet.end(lost.attempt().id(), lost.failure()));

        assertThat(fleet.unschedulable()).extracting(given -> given.failure().message()).containsExactly(
                "no registered worker node that runs dl4j/cpu can run it: without-data has no readable copy of mnist",
                "no registered worker node that runs dl4j/cpu can run it: without-data has no readable copy of mnist");
    }

    @Test
    void badInputWaitingForASecondWorkerNodeThatLeavesFailsAsBadInput() {
        WorkQueue queue = queue(task(1, Device.CPU), task(2, Device.CPU));
        Fleet<String> fleet = new Fleet<>(queue, NO_MIN_WORKERS, false);
        fleet.register(worker("corrupt", SlotName.cpu()));
        fleet.register(worker("leaves", SlotName.cpu()));
        Attempt corrupt = fleet.request(slot("corrupt", SlotName.cpu(), NODE_A)).orElseThrow().attempt();
        fleet.request(slot("leaves", SlotName.cpu(), NODE_B)).orElseThrow();
        boolean retried = fleet.end(corrupt.id(), failure(FailureKind.BAD_INPUT)).orElseThrow().retried();

        fleet.removed(NODE_B);

        assertThat(retried).as("a second worker node is there to try it").isTrue();
        assertThat(fleet.unschedulable()).singleElement().satisfies(given -> {
            assertThat(given.attempt().task()).isEqualTo(corrupt.task());
            assertThat(given.failure().kind()).isEqualTo(FailureKind.BAD_INPUT);
            assertThat(given.failure().message())
                    .isEqualTo("no registered worker node that runs dl4j/cpu can run it: corrupt found its data corrupt");
        });
    }

    @Test
    void aTaskThatFailedOnEveryNodeAndOneNoSlotCanRunEndTogetherWithTheFlag() {
        WorkQueue queue = queue(task(1, Device.CPU), task(2, Device.GPU));
        Fleet<String> fleet = new Fleet<>(queue, NO_MIN_WORKERS, true);
        fleet.register(worker("cpu-node", SlotName.cpu()));
        Attempt unavailable = fleet.request(slot("cpu-node", SlotName.cpu(), NODE_A)).orElseThrow().attempt();

        fleet.end(unavailable.id(), failure(FailureKind.DATA_UNAVAILABLE));

        assertThat(fleet.unschedulable()).extracting(given -> given.failure().kind())
                .containsExactly(FailureKind.DATA_UNAVAILABLE, FailureKind.UNSCHEDULABLE);
    }

    @Test
    void withTheFlagTasksOfAFrameworkNoNodeRunsFailNamingItAndWhatTheNodesRun() {
        WorkQueue queue = queue(task(1, Device.CPU), pytorch(1, Device.CPU), pytorch(2, Device.GPU));
        Fleet<String> fleet = new Fleet<>(queue, NO_MIN_WORKERS, true);
        fleet.register(worker("dl4j-node", List.of(DL4J), SlotName.cpu(), SlotName.gpu(0)));
        List<Fleet.GivenUp> whileTheDl4jTaskIsQueued = fleet.unschedulable();
        Attempt dl4j = fleet.request(slot("dl4j-node", SlotName.cpu(), NODE_A)).orElseThrow().attempt();

        fleet.end(dl4j.id(), FINISHED);
        List<Fleet.GivenUp> unschedulable = fleet.unschedulable();

        assertThat(whileTheDl4jTaskIsQueued).isEmpty();
        assertThat(unschedulable).extracting(given -> given.failure().kind()).containsOnly(FailureKind.UNSCHEDULABLE);
        assertThat(unschedulable).extracting(given -> given.failure().message()).containsExactly(
                "no worker node offered a slot that runs pytorch/cpu by the time every other task had ended"
                        + " (--fail-unschedulable); the worker nodes run [dl4j/cpu, dl4j/gpu]",
                "no worker node offered a slot that runs pytorch/gpu by the time every other task had ended"
                        + " (--fail-unschedulable); the worker nodes run [dl4j/cpu, dl4j/gpu]");
    }

    @Test
    void aTaskWhoseDataNoNodeRunningItsFrameworkCanReadFailsWhileOtherFrameworksGoOn() {
        WorkQueue queue = queue(pytorch(1, Device.CPU), pytorch(2, Device.CPU), task(1, Device.CPU));
        Fleet<String> fleet = new Fleet<>(queue, NO_MIN_WORKERS, false);
        fleet.register(worker("both", List.of(DL4J, PYTORCH), SlotName.cpu()));
        fleet.register(worker("dl4j-only", List.of(DL4J), SlotName.cpu()));
        Attempt unavailable = fleet.request(slot("both", SlotName.cpu(), NODE_A)).orElseThrow().attempt();

        fleet.end(unavailable.id(), failure(FailureKind.DATA_UNAVAILABLE));
        List<Fleet.GivenUp> givenUp = fleet.unschedulable();

        assertThat(givenUp).extracting(given -> given.attempt().task())
                .containsExactly(pytorch(1, Device.CPU), pytorch(2, Device.CPU));
        assertThat(givenUp).extracting(given -> given.failure().message()).containsOnly(
                "no registered worker node that runs pytorch/cpu can run it: both has no readable copy of mnist");
        assertThat(fleet.request(slot("dl4j-only", SlotName.cpu(), NODE_B))).map(offer -> offer.attempt().task())
                .as("another node that runs DL4J may have the data").contains(task(1, Device.CPU));
    }

    @Test
    void aTaskGivenUpAsUnschedulableRetiresItsPartitionOnceEnded() {
        WorkQueue queue = queue(task(1, Device.GPU));
        Fleet<String> fleet = new Fleet<>(queue, NO_MIN_WORKERS, true);
        fleet.register(worker("cpu-node", SlotName.cpu()));

        Fleet.GivenUp unschedulable = fleet.unschedulable().get(0);
        List<String> beforeItEnded = queue.takeRetiredPartitions();
        fleet.end(unschedulable.attempt().id(), unschedulable.failure());

        assertThat(beforeItEnded).isEmpty();
        assertThat(queue.takeRetiredPartitions()).containsExactly(task(1, Device.GPU).partitionKey());
    }
}
