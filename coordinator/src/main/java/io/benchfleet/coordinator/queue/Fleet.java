package io.benchfleet.coordinator.queue;

import io.benchfleet.protocol.cluster.CoordinatorCommand.RegisterWorker;
import io.benchfleet.protocol.cluster.HostInfo;
import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.protocol.sweep.Device;
import io.benchfleet.protocol.trainer.TrainerEvent;
import io.benchfleet.protocol.trainer.TrainerEvent.FailureKind;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The worker nodes of the cluster as the coordinator sees them, without any actor: which nodes are
 * there, which slots their worker nodes registered, which slots wait for a task, when
 * --min-workers and --fail-unschedulable let tasks go out or end, and whether a registered worker node
 * is left to try a task that others could not read the data of. Tasks come from the
 * {@link WorkQueue}; what is to be sent comes back as values, for the caller to deliver.
 *
 * @param <R> where a slot's offer is to be sent; opaque here, so the rules need no actor system
 */
public final class Fleet<R> {

    /** The worker id of the attempts that record tasks failed as unschedulable: no worker node ran them. */
    public static final String UNSCHEDULED_BY = "coordinator";

    /** A member of the cluster, by its address; a worker node's slots all share their node's. */
    public record Node(String address) {
    }

    /** A free slot that asked for a task. */
    public record Slot<R>(String workerId, SlotName name, Node node, R replyTo) {
    }

    /** A task handed to a slot as a new attempt, which trains on {@code device}. */
    public record Offer<R>(Slot<R> slot, Attempt attempt, AttemptDevice device) {
    }

    /** An attempt the coordinator ends itself, with this failure, because no trainer will. */
    public record GivenUp(Attempt attempt, TrainerEvent.Failed failure) {
    }

    private final WorkQueue queue;
    private final int minWorkers;
    private final boolean failUnschedulable;
    private final Map<String, Node> nodeOfWorker = new HashMap<>();
    private final Map<String, RegisterWorker> registered = new HashMap<>();
    private final Deque<Slot<R>> waitingSlots = new ArrayDeque<>();
    private int workerNodes;
    private boolean minWorkersReached;

    /**
     * @param minWorkers        worker nodes that must be present before a task is handed out
     * @param failUnschedulable end the tasks no slot in the cluster can run as failed, once nothing else is
     *                          left to run, instead of waiting for a worker node that has such slots
     */
    public Fleet(WorkQueue queue, int minWorkers, boolean failUnschedulable) {
        this.queue = queue;
        this.minWorkers = minWorkers;
        this.failUnschedulable = failUnschedulable;
        this.minWorkersReached = minWorkers <= 0;
    }

    /** A worker node's machine and slots: which devices the cluster can run tasks on. */
    public void register(RegisterWorker worker) {
        registered.put(worker.workerId(), worker);
    }

    /**
     * A slot that cannot have a task now waits instead of hearing "none now": it gets one the moment
     * there is one (the last worker node for --min-workers is listed, a failed attempt is queued
     * again) rather than up to a second later, when it would have asked again.
     *
     * @return the slot's offer; empty when it waits
     */
    public Optional<Offer<R>> request(Slot<R> slot) {
        nodeOfWorker.put(slot.workerId(), slot.node());
        Optional<Offer<R>> offer = minWorkersPresent() ? offer(slot) : Optional.empty();
        if (offer.isEmpty()) {
            waitingSlots.add(slot);
        }
        return offer;
    }

    /** A task for each waiting slot that can run one now, in the order the slots asked. */
    public List<Offer<R>> offersToWaitingSlots() {
        if (!minWorkersPresent()) {
            return List.of();
        }
        List<Offer<R>> offers = new ArrayList<>();
        for (Iterator<Slot<R>> it = waitingSlots.iterator(); it.hasNext(); ) {
            Optional<Offer<R>> offer = offer(it.next());
            if (offer.isPresent()) {
                offers.add(offer.get());
                it.remove();
            }
        }
        return offers;
    }

    private Optional<Offer<R>> offer(Slot<R> slot) {
        return queue.assign(slot.workerId(), slot.name()).map(attempt ->
                new Offer<>(slot, attempt, AttemptDevice.of(host(attempt.workerId()), slot.name())));
    }

    private Optional<HostInfo> host(String workerId) {
        return Optional.ofNullable(registered.get(workerId)).map(RegisterWorker::host);
    }

    /**
     * Ends a running attempt through the queue, which decides what its failure means knowing which worker
     * nodes are registered now: whether another one may still try it.
     *
     * @return what became of the attempt, or empty when it was not running
     */
    public Optional<WorkQueue.Ended> end(String attemptId, TrainerEvent finalEvent) {
        return queue.end(attemptId, finalEvent, registeredNodes());
    }

    private WorkerNodes registeredNodes() {
        Map<String, Set<Device>> devices = new HashMap<>();
        registered.forEach((workerId, worker) -> devices.put(workerId,
                worker.slots().stream().map(SlotName::device).collect(Collectors.toSet())));
        return new WorkerNodes(devices);
    }

    /** @param slotNodes the node of every slot the cluster lists now, one entry per slot */
    public void listed(Collection<Node> slotNodes) {
        workerNodes = (int) slotNodes.stream().distinct().count();
        minWorkersReached |= workerNodes >= minWorkers;
    }

    /**
     * A node is gone for good: its slots stop waiting, its worker nodes are forgotten, and their
     * running attempts are given up, since they will never report; ending them as WORKER_LOST lets
     * the queue retry their tasks elsewhere.
     */
    public List<GivenUp> removed(Node node) {
        waitingSlots.removeIf(slot -> slot.node().equals(node));
        List<String> lost = nodeOfWorker.entrySet().stream()
                .filter(worker -> worker.getValue().equals(node))
                .map(Map.Entry::getKey)
                .toList();
        List<GivenUp> givenUp = new ArrayList<>();
        for (String workerId : lost) {
            nodeOfWorker.remove(workerId);
            registered.remove(workerId);
            queue.runningOn(workerId).forEach(attempt -> givenUp.add(new GivenUp(attempt, new TrainerEvent.Failed(
                    FailureKind.WORKER_LOST, "worker node " + workerId + " left the cluster while the attempt ran"))));
        }
        return givenUp;
    }

    /**
     * The queued tasks no worker node will run, taken from the queue as attempts of {@link #UNSCHEDULED_BY}
     * that no slot ran, to be ended as failed. Those that every registered worker node able to run them
     * reported it cannot read (DATA_UNAVAILABLE, or BAD_INPUT when one found the data corrupt), at once: they
     * must not wait for ever. With --fail-unschedulable, once --min-workers worker nodes are there, some
     * worker node registered and nothing else can run, also those no slot in the cluster can run.
     */
    public List<GivenUp> unschedulable() {
        List<GivenUp> givenUp = new ArrayList<>(queue.takeStranded(registeredNodes(), UNSCHEDULED_BY));
        givenUp.addAll(withoutSlot());
        return givenUp;
    }

    private List<GivenUp> withoutSlot() {
        if (!failUnschedulable || registered.isEmpty() || !minWorkersPresent()) {
            return List.of();
        }
        Set<Device> offered = offeredDevices();
        List<String> labels = offered.stream().map(Device::label).sorted().toList();
        return queue.takeUnschedulable(offered, UNSCHEDULED_BY).stream()
                .map(attempt -> new GivenUp(attempt, new TrainerEvent.Failed(FailureKind.UNSCHEDULABLE,
                        "no worker node offered a " + attempt.task().device().label() + " slot by the time every other"
                                + " task had ended (--fail-unschedulable); slots offered: " + labels)))
                .toList();
    }

    /** The devices of the slots the registered worker nodes offer. */
    public Set<Device> offeredDevices() {
        Set<Device> devices = EnumSet.noneOf(Device.class);
        registered.values().forEach(worker -> worker.slots().forEach(slot -> devices.add(slot.device())));
        return devices;
    }

    /** Queued tasks, by device, that no slot in the cluster can run; none before a worker node registered. */
    public Map<Device, Integer> waitingForSlot() {
        return registered.isEmpty() ? Map.of() : queue.queuedWithout(offeredDevices());
    }

    /** Worker nodes in the cluster now: the nodes the slot listing names. */
    public int workerNodes() {
        return workerNodes;
    }

    /**
     * The --min-workers gate, the one place that says whether enough worker nodes are there for tasks
     * to go out or be failed as unschedulable. It holds back the first task only: once that many were
     * there, a node that leaves must not stall the others' work.
     */
    private boolean minWorkersPresent() {
        return minWorkersReached;
    }
}
