package io.benchfleet.coordinator.queue;

import io.benchfleet.protocol.cluster.CoordinatorCommand.RegisterWorker;
import io.benchfleet.protocol.cluster.HostInfo;
import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.protocol.trainer.TrainerEvent;
import io.benchfleet.protocol.trainer.TrainerEvent.FailureKind;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The worker nodes of the cluster as the coordinator sees them, without any actor: which nodes are
 * there, which slots and frameworks their worker nodes registered, which slots wait for a task, when
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
    /** What each registered worker node's slots run, kept beside {@link #registered}. */
    private WorkerNodes registeredNodes = new WorkerNodes(Map.of());
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

    /**
     * A worker node's machine, slots and frameworks: which frameworks on which devices the cluster can run
     * tasks with. Its slots that asked before are among {@link #offersToWaitingSlots()} from now on.
     */
    public void register(RegisterWorker worker) {
        registered.put(worker.workerId(), worker);
        registeredNodesChanged();
    }

    private void registeredNodesChanged() {
        Map<String, Set<FrameworkOnDevice>> runsOf = new HashMap<>();
        registered.forEach((workerId, worker) -> runsOf.put(workerId, FrameworkOnDevice.runBy(worker)));
        registeredNodes = new WorkerNodes(runsOf);
    }

    /**
     * A slot that cannot have a task now waits instead of hearing "none now": it gets one the moment
     * there is one (the last worker node for --min-workers is listed, a failed attempt is queued
     * again, its worker node's registration arrives) rather than up to a second later, when it would
     * have asked again. A slot of a worker node that has not registered yet waits: what it runs is unknown.
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
        Set<FrameworkOnDevice> runs = registeredNodes.runsOf().getOrDefault(slot.workerId(), Set.of());
        return queue.assign(slot.workerId(), slot.name(), runs).map(attempt ->
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
        return queue.end(attemptId, finalEvent, registeredNodes);
    }

    /** A slot that stopped waits no more: a task offered to it would reach nobody and use up one of its tries. */
    public void stopped(R replyTo) {
        waitingSlots.removeIf(slot -> slot.replyTo().equals(replyTo));
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
            registeredNodesChanged();
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
        List<GivenUp> givenUp = new ArrayList<>(queue.takeStranded(registeredNodes, UNSCHEDULED_BY));
        givenUp.addAll(withoutSlot());
        return givenUp;
    }

    private List<GivenUp> withoutSlot() {
        if (!failUnschedulable || registered.isEmpty() || !minWorkersPresent()) {
            return List.of();
        }
        Set<FrameworkOnDevice> offered = offered();
        String whatNodesRun = new TreeSet<>(offered).toString();
        return queue.takeUnschedulable(offered, UNSCHEDULED_BY).stream()
                .map(attempt -> new GivenUp(attempt, new TrainerEvent.Failed(FailureKind.UNSCHEDULABLE,
                        "no worker node offered a slot that runs " + FrameworkOnDevice.of(attempt.task())
                                + " by the time every other task had ended (--fail-unschedulable); the worker nodes"
                                + " run " + whatNodesRun)))
                .toList();
    }

    /** What the slots of the registered worker nodes run: each framework on each device some slot offers. */
    public Set<FrameworkOnDevice> offered() {
        Set<FrameworkOnDevice> offered = new HashSet<>();
        registeredNodes.runsOf().values().forEach(offered::addAll);
        return offered;
    }

    /**
     * Queued tasks, per framework on device, that no slot in the cluster can run; none before a worker node
     * registered. Called on every progress update, so it costs one count per framework on device.
     */
    public Map<FrameworkOnDevice, Integer> waitingForSlot() {
        return registered.isEmpty() ? Map.of() : queue.queuedWithout(offered());
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
