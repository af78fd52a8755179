package io.benchfleet.coordinator.dispatch;

import io.benchfleet.coordinator.queue.Attempt;
import io.benchfleet.coordinator.queue.AttemptDevice;
import io.benchfleet.coordinator.queue.AttemptLimits;
import io.benchfleet.coordinator.queue.Fleet;
import io.benchfleet.coordinator.queue.FrameworkOnDevice;
import io.benchfleet.coordinator.queue.Progress;
import io.benchfleet.coordinator.queue.RunHistory;
import io.benchfleet.coordinator.queue.WorkQueue;
import io.benchfleet.coordinator.store.ResultWriter;
import io.benchfleet.protocol.cluster.CoordinatorCommand;
import io.benchfleet.protocol.cluster.ServiceKeys;
import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.protocol.cluster.WorkerNodeMessage;
import io.benchfleet.protocol.sweep.Sweep;
import io.benchfleet.protocol.trainer.TrainerEvent;
import io.benchfleet.protocol.trainer.TrainerEvent.FailureKind;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;

/**
 * Hands a sweep's tasks to the slots that ask for them and records what comes back. The rules
 * live in {@link WorkQueue} and {@link Fleet}; this actor translates messages and timers into their
 * calls, sends the offers they return to the slots, and writes through the {@link ResultWriter}.
 * A worker node removed from the cluster (downed by the Split Brain Resolver after it stopped
 * answering, or gone after leaving) has its running attempts given up as WORKER_LOST, which the
 * queue retries elsewhere.
 * <p>
 * The coordinator owns the liveness of each attempt, so that every one ends with exactly one final
 * result even when its final event is lost: it acknowledges every final event (the slot sends it again
 * until then), gives a running attempt up as WORKER_LOST when no final event came by its deadline (the
 * task timeout plus {@link #FINAL_EVENT_GRACE}), and at once when the slot running it stops while its
 * node stays in the cluster. A slot that stops while it waits for work is offered nothing more.
 * <p>
 * When the last task still to end on a data partition has ended, it tells every slot it knows
 * ({@link WorkerNodeMessage.PartitionsRetired}), so that worker nodes drop their cached copies while the sweep
 * runs; the partitions that retire together go in one message.
 */
public final class Coordinator extends AbstractBehavior<Coordinator.Command> {

    /**
     * After the last final event, how long the sweep waits for the metrics agents' last samples: they
     * come from another actor than the event, so they may arrive just after it.
     */
    static final Duration LAST_SAMPLES_GRACE = Duration.ofSeconds(1);

    /**
     * How long past the task timeout a running attempt's final event may take before the coordinator gives
     * the attempt up. The slot's own timeout starts later than the coordinator's clock (the offer's trip, a
     * trainer JVM that takes its time to fork on a loaded machine), and its final event may be in flight or
     * waiting for its next re-send; two minutes cover both with room, and are little next to a task timeout.
     */
    static final Duration FINAL_EVENT_GRACE = Duration.ofMinutes(2);

    public sealed interface Command {
    }

    private record FromWorker(CoordinatorCommand command) implements Command {
    }

    private record SlotsListed(Receptionist.Listing listing) implements Command {
    }

    /** A cluster member is gone for good; package-private so a test can say so without a second node. */
    record NodeRemoved(Address address) implements Command {
    }

    private enum Finish implements Command {
        INSTANCE
    }

    private record ResultsClosed(Done done) implements Command {
    }

    /** A running attempt's deadline; also the key of its timer. */
    private record FinalEventOverdue(String attemptId) implements Command {
    }

    private record SlotStopped(ActorRef<WorkerNodeMessage> slot) implements Command {
    }

    /**
     * @param minWorkers        worker nodes that must be present before the first task is handed out
     * @param history           what an earlier run of the same run directory finished, for resume
     * @param failUnschedulable end the tasks no slot in the cluster can run as failed, once nothing else is
     *                          left to run, instead of waiting for a worker node that has such slots
     */
    public record Settings(Sweep sweep, AttemptLimits limits, int minWorkers, RunHistory history,
                           boolean failUnschedulable) {
    }

    private final Settings settings;
    private final WorkQueue queue;
    private final Fleet<ActorRef<WorkerNodeMessage>> fleet;
    private final ActorRef<ResultWriter.Command> results;
    private final ProgressView progressView;
    private final CompletableFuture<Progress> completion;
    private final TimerScheduler<Command> timers;
    private final Clock clock;
    private final Duration finalEventGrace;
    /**
     * The slot each running attempt was offered to, by attempt id. A slot is watched from its first request until it
     * stops: watching and unwatching it around each attempt sent two system messages, each acknowledged, per task.
     */
    private final Map<String, ActorRef<WorkerNodeMessage>> slotOfAttempt = new HashMap<>();
    /** The slots told of retired partitions. */
    private final KnownSlots<ActorRef<WorkerNodeMessage>> knownSlots = new KnownSlots<>();

    public static Behavior<Command> create(Settings settings, ActorRef<ResultWriter.Command> results,
                                           ProgressView progressView, CompletableFuture<Progress> completion, Clock clock) {
        return create(settings, results, progressView, completion, clock, FINAL_EVENT_GRACE);
    }

    /** With another grace than {@link #FINAL_EVENT_GRACE}: a test does not wait minutes for a deadline. */
    static Behavior<Command> create(Settings settings, ActorRef<ResultWriter.Command> results, ProgressView progressView,
                                    CompletableFuture<Progress> completion, Clock clock, Duration finalEventGrace) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers ->
                new Coordinator(context, timers, settings, results, progressView, completion, clock, finalEventGrace)));
    }

    private Coordinator(ActorContext<Command> context, TimerScheduler<Command> timers, Settings settings,
                        ActorRef<ResultWriter.Command> results, ProgressView progressView,
                        CompletableFuture<Progress> completion, Clock clock, Duration finalEventGrace) {
        super(context);
        this.timers = timers;
        this.finalEventGrace = finalEventGrace;
        this.settings = settings;
        this.results = results;
        this.progressView = progressView;
        this.completion = completion;
        this.clock = clock;
        var tasks = settings.sweep().tasks();
        this.queue = new WorkQueue(tasks, settings.limits(), settings.history());
        this.fleet = new Fleet<>(queue, settings.minWorkers(), settings.failUnschedulable());
        results.tell(new ResultWriter.AddTasks(tasks));

        var receptionist = context.getSystem().receptionist();
        receptionist.tell(Receptionist.register(ServiceKeys.COORDINATOR, spawnGateway(context)));
        receptionist.tell(Receptionist.subscribe(ServiceKeys.SLOT,
                context.messageAdapter(Receptionist.Listing.class, SlotsListed::new)));
        Cluster.get(context.getSystem()).subscriptions().tell(Subscribe.create(
                context.messageAdapter(ClusterEvent.MemberRemoved.class, removed -> new NodeRemoved(removed.member().address())),
                ClusterEvent.MemberRemoved.class));
        showProgress();
        // A resumed run whose tasks all succeeded before has no attempt to end: only its report is left.
        if (queue.progress().isComplete()) {
            timers.startSingleTimer(Finish.INSTANCE, LAST_SAMPLES_GRACE);
        }
    }

    /**
     * The ref worker nodes find and talk to. Not a message adapter: an actor's adapters share one
     * ref, and the receptionist refuses to watch one ref as both a service and a subscriber.
     */
    private static ActorRef<CoordinatorCommand> spawnGateway(ActorContext<Command> context) {
        ActorRef<Command> self = context.getSelf();
        return context.spawn(Behaviors.receive(CoordinatorCommand.class)
                .onAnyMessage(message -> {
                    self.tell(new FromWorker(message));
                    return Behaviors.same();
                })
                .build(), "worker-gateway");
    }

    private static Fleet.Node nodeOf(Address address) {
        return new Fleet.Node(address.toString());
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(FromWorker.class, m -> onWorkerMessage(m.command()))
                .onMessage(SlotsListed.class, this::onSlotsListed)
                .onMessage(NodeRemoved.class, this::onNodeRemoved)
                .onMessageEquals(Finish.INSTANCE, this::onFinish)
                .onMessage(ResultsClosed.class, m -> onResultsClosed())
                .onMessage(FinalEventOverdue.class, this::onFinalEventOverdue)
                .onMessage(SlotStopped.class, this::onSlotStopped)
                .build();
    }

    private Behavior<Command> onWorkerMessage(CoordinatorCommand command) {
        if (command instanceof CoordinatorCommand.RequestTask request) {
            onRequestTask(request);
        } else if (command instanceof CoordinatorCommand.ReportEvent report) {
            onReportEvent(report);
        } else if (command instanceof CoordinatorCommand.ReportSamples samples) {
            queue.knownAttempt(samples.attemptId()).ifPresent(attempt -> results.tell(
                    new ResultWriter.AddSamples(attempt.id(), attempt.task().id(), samples.samples())));
        } else if (command instanceof CoordinatorCommand.RegisterWorker register) {
            onRegisterWorker(register);
        }
        return this;
    }

    private void onRegisterWorker(CoordinatorCommand.RegisterWorker register) {
        getContext().getLog().info("worker node {} registered: {} ({} cores), slots {}, runs {}", register.workerId(),
                register.host().hostname(), register.host().logicalCores(), register.slots(),
                new TreeSet<>(FrameworkOnDevice.runBy(register)));
        results.tell(new ResultWriter.AddWorker(register.workerId(), register.host(), register.slots(),
                register.frameworks(), clock.instant()));
        fleet.register(register);
        if (!completion.isDone()) {
            fleet.offersToWaitingSlots().forEach(this::send);
        }
        showProgress();
        afterAttemptsEnded();
    }

    private void onRequestTask(CoordinatorCommand.RequestTask request) {
        if (completion.isDone()) {
            request.replyTo().tell(WorkerNodeMessage.NoTaskNow.INSTANCE);
            return;
        }
        knownSlots.askedForWork(request.replyTo());
        // From its first request on: a slot may stop while it waits here, and a task offered to it would reach nobody.
        getContext().watchWith(request.replyTo(), new SlotStopped(request.replyTo()));
        var slot = new Fleet.Slot<>(request.workerId(), request.slot(), nodeOf(request.replyTo().path().address()),
                request.replyTo());
        fleet.request(slot).ifPresent(this::send);
    }

    private void send(Fleet.Offer<ActorRef<WorkerNodeMessage>> offer) {
        Attempt attempt = offer.attempt();
        results.tell(new ResultWriter.AttemptStarted(attempt, offer.device(), clock.instant()));
        offer.slot().replyTo().tell(new WorkerNodeMessage.TaskOffer(attempt.id(), attempt.task(),
                settings.sweep().architecture(attempt.task().architecture()).orElseThrow(),
                settings.sweep().dataDir(), settings.sweep().metricsInterval(), settings.limits().taskTimeout()));
        awaitFinalEvent(attempt, offer.slot().replyTo());
        showProgress();
    }

    /** Notes the attempt's slot (watched since it asked) and sets the deadline of the attempt's final event. */
    private void awaitFinalEvent(Attempt attempt, ActorRef<WorkerNodeMessage> slot) {
        slotOfAttempt.put(attempt.id(), slot);
        var overdue = new FinalEventOverdue(attempt.id());
        timers.startSingleTimer(overdue, overdue, settings.limits().taskTimeout().plus(finalEventGrace));
    }

    private void forgetAttempt(Attempt attempt) {
        timers.cancel(new FinalEventOverdue(attempt.id()));
        slotOfAttempt.remove(attempt.id());
    }

    private void onReportEvent(CoordinatorCommand.ReportEvent report) {
        var attempt = queue.runningAttempt(report.attemptId());
        if (attempt.isEmpty()) {
            ignore(report);
        } else if (report.event().isFinal()) {
            endAttempt(attempt.get(), report.event());
            afterAttemptsEnded();
        } else {
            results.tell(new ResultWriter.RecordEvent(report.attemptId(), attempt.get().task().id(), report.event(),
                    clock.instant()));
        }
        if (report.event().isFinal()) {
            report.replyTo().tell(new WorkerNodeMessage.FinalEventRecorded(report.attemptId()));
        }
    }

    /**
     * An event of an attempt that is not running. A final event sent again, or that came after the coordinator
     * gave the attempt up, is the slot's re-sending at work: it needs only the acknowledgement.
     */
    private void ignore(CoordinatorCommand.ReportEvent report) {
        String event = report.event().getClass().getSimpleName();
        if (report.event().isFinal() && queue.knownAttempt(report.attemptId()).isPresent()) {
            getContext().getLog().debug("ignoring {} for attempt {}: it has ended already", event, report.attemptId());
        } else {
            getContext().getLog().warn("ignoring {} for attempt {}: it is not running", event, report.attemptId());
        }
    }

    private void endAttempt(Attempt attempt, TrainerEvent finalEvent) {
        forgetAttempt(attempt);
        results.tell(new ResultWriter.RecordEvent(attempt.id(), attempt.task().id(), finalEvent, clock.instant()));
        fleet.end(attempt.id(), finalEvent).ifPresent(ended ->
                getContext().getLog().info("attempt {} ({} / {} rep {}) ended on {}: {}{}", attempt.id(),
                        attempt.task().dataset(), attempt.task().architecture(), attempt.task().repetition(),
                        attempt.workerId(), finalEvent, ended.retried() ? "; the task is queued again" : ""));
        showProgress();
        if (queue.progress().isComplete()) {
            timers.startSingleTimer(Finish.INSTANCE, LAST_SAMPLES_GRACE);
        } else {
            fleet.offersToWaitingSlots().forEach(this::send);
        }
    }

    private Behavior<Command> onNodeRemoved(NodeRemoved removed) {
        knownSlots.goneIf(slot -> slot.path().address().equals(removed.address()));
        for (Fleet.GivenUp lost : fleet.removed(nodeOf(removed.address()))) {
            getContext().getLog().warn("worker node {} was removed from the cluster; giving up its attempt {}",
                    lost.attempt().workerId(), lost.attempt().id());
            endAttempt(lost.attempt(), lost.failure());
        }
        showProgress();
        afterAttemptsEnded();
        return this;
    }

    private Behavior<Command> onFinalEventOverdue(FinalEventOverdue overdue) {
        queue.runningAttempt(overdue.attemptId()).ifPresent(attempt -> {
            getContext().getLog().warn("attempt {} on {}: no final event within the task timeout plus {}; giving it up",
                    attempt.id(), attempt.workerId(), finalEventGrace);
            endAttempt(attempt, new TrainerEvent.Failed(FailureKind.WORKER_LOST, "no final event came within the"
                    + " task timeout of " + settings.limits().taskTimeout() + " plus a grace of " + finalEventGrace));
            afterAttemptsEnded();
        });
        return this;
    }

    /** A slot that stopped while its node is up will not report; a node that is going is {@link #onNodeRemoved}'s. */
    private Behavior<Command> onSlotStopped(SlotStopped stopped) {
        knownSlots.gone(stopped.slot());
        fleet.stopped(stopped.slot());
        if (!isUp(stopped.slot().path().address())) {
            return this;
        }
        List<Attempt> lost = slotOfAttempt.entrySet().stream()
                .filter(running -> running.getValue().equals(stopped.slot()))
                .flatMap(running -> queue.runningAttempt(running.getKey()).stream())
                .toList();
        for (Attempt attempt : lost) {
            getContext().getLog().warn("the slot running attempt {} on {} stopped; giving the attempt up", attempt.id(),
                    attempt.workerId());
            endAttempt(attempt, new TrainerEvent.Failed(FailureKind.WORKER_LOST, "slot stopped: slot "
                    + attempt.slot().map(SlotName::toString).orElse("?") + " of worker node " + attempt.workerId()
                    + " stopped while its node stayed in the cluster"));
        }
        afterAttemptsEnded();
        return this;
    }

    /** Whether the cluster member at {@code address} (this node's, for a local ref) is up. */
    private boolean isUp(Address address) {
        Cluster cluster = Cluster.get(getContext().getSystem());
        Address node = address.hasLocalScope() ? cluster.selfMember().address() : address;
        return StreamSupport.stream(cluster.state().getMembers().spliterator(), false)
                .anyMatch(member -> member.address().equals(node)
                        && (member.status() == MemberStatus.up() || member.status() == MemberStatus.weaklyUp()));
    }

    private Behavior<Command> onSlotsListed(SlotsListed listed) {
        Set<ActorRef<WorkerNodeMessage>> slots = listed.listing().getServiceInstances(ServiceKeys.SLOT);
        knownSlots.listed(slots);
        fleet.listed(slots.stream().map(slot -> nodeOf(slot.path().address())).toList());
        showProgress();
        fleet.offersToWaitingSlots().forEach(this::send);
        return this;
    }

    private Behavior<Command> onFinish() {
        results.tell(new ResultWriter.PutRunValue("finished_at", clock.instant().toString()));
        getContext().ask(Done.class, results, Duration.ofSeconds(30), ResultWriter.Close::new,
                (done, failure) -> new ResultsClosed(done));
        return this;
    }

    private Behavior<Command> onResultsClosed() {
        completion.complete(queue.progress());
        return this;
    }

    /** What follows attempts ending, or the cluster changing: tasks no node will run end, partitions retire. */
    private void afterAttemptsEnded() {
        failUnschedulableTasks();
        retirePartitions();
    }

    private void failUnschedulableTasks() {
        if (completion.isDone()) {
            return;
        }
        for (Fleet.GivenUp unschedulable : fleet.unschedulable()) {
            results.tell(new ResultWriter.AttemptStarted(unschedulable.attempt(), AttemptDevice.NONE, clock.instant()));
            endAttempt(unschedulable.attempt(), unschedulable.failure());
        }
    }

    private void retirePartitions() {
        List<String> retired = queue.takeRetiredPartitions();
        if (retired.isEmpty()) {
            return;
        }
        Set<ActorRef<WorkerNodeMessage>> slots = knownSlots.all();
        getContext().getLog().debug("partitions retired: {}; telling {} slot(s)", retired, slots.size());
        var message = new WorkerNodeMessage.PartitionsRetired(retired);
        slots.forEach(slot -> slot.tell(message));
    }

    private void showProgress() {
        progressView.update(queue.progress(), fleet.workerNodes(), fleet.waitingForSlot());
    }
}
