package io.benchfleet.coordinator.dispatch;

import io.benchfleet.coordinator.queue.Attempt;
import io.benchfleet.coordinator.queue.AttemptDevice;
import io.benchfleet.coordinator.queue.AttemptLimits;
import io.benchfleet.coordinator.queue.Fleet;
import io.benchfleet.coordinator.queue.Progress;
import io.benchfleet.coordinator.queue.RunHistory;
import io.benchfleet.coordinator.queue.WorkQueue;
import io.benchfleet.coordinator.store.ResultWriter;
import io.benchfleet.protocol.cluster.CoordinatorCommand;
import io.benchfleet.protocol.cluster.ServiceKeys;
import io.benchfleet.protocol.cluster.WorkerNodeMessage;
import io.benchfleet.protocol.sweep.Sweep;
import io.benchfleet.protocol.trainer.TrainerEvent;
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
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Hands a sweep's tasks to the slots that ask for them and records what comes back. The rules
 * live in {@link WorkQueue} and {@link Fleet}; this actor translates messages and timers into their
 * calls, sends the offers they return to the slots, and writes through the {@link ResultWriter}.
 * A worker node removed from the cluster (downed by the Split Brain Resolver after it stopped
 * answering, or gone after leaving) has its running attempts given up as WORKER_LOST, which the
 * queue retries elsewhere.
 */
public final class Coordinator extends AbstractBehavior<Coordinator.Command> {

    /**
     * After the last final event, how long the sweep waits for the metrics agents' last samples: they
     * come from another actor than the event, so they may arrive just after it.
     */
    static final Duration LAST_SAMPLES_GRACE = Duration.ofSeconds(1);

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

    public static Behavior<Command> create(Settings settings, ActorRef<ResultWriter.Command> results,
                                           ProgressView progressView, CompletableFuture<Progress> completion, Clock clock) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers ->
                new Coordinator(context, timers, settings, results, progressView, completion, clock)));
    }

    private Coordinator(ActorContext<Command> context, TimerScheduler<Command> timers, Settings settings,
                        ActorRef<ResultWriter.Command> results, ProgressView progressView,
                        CompletableFuture<Progress> completion, Clock clock) {
        super(context);
        this.timers = timers;
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
            getContext().getLog().info("worker node {} registered: {} ({} cores), slots {}", register.workerId(),
                    register.host().hostname(), register.host().logicalCores(), register.slots());
            results.tell(new ResultWriter.AddWorker(register.workerId(), register.host(), register.slots(), clock.instant()));
            fleet.register(register);
            showProgress();
            failUnschedulableTasks();
        }
        return this;
    }

    private void onRequestTask(CoordinatorCommand.RequestTask request) {
        if (completion.isDone()) {
            request.replyTo().tell(WorkerNodeMessage.NoTaskNow.INSTANCE);
            return;
        }
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
        showProgress();
    }

    private void onReportEvent(CoordinatorCommand.ReportEvent report) {
        var attempt = queue.runningAttempt(report.attemptId());
        if (attempt.isEmpty()) {
            getContext().getLog().warn("ignoring {} for attempt {}: it is not running",
                    report.event().getClass().getSimpleName(), report.attemptId());
            return;
        }
        if (report.event().isFinal()) {
            endAttempt(attempt.get(), report.event());
            failUnschedulableTasks();
        } else {
            results.tell(new ResultWriter.RecordEvent(report.attemptId(), attempt.get().task().id(), report.event(),
                    clock.instant()));
        }
    }

    private void endAttempt(Attempt attempt, TrainerEvent finalEvent) {
        results.tell(new ResultWriter.RecordEvent(attempt.id(), attempt.task().id(), finalEvent, clock.instant()));
        queue.end(attempt.id(), finalEvent).ifPresent(ended ->
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
        for (Fleet.GivenUp lost : fleet.removed(nodeOf(removed.address()))) {
            getContext().getLog().warn("worker node {} was removed from the cluster; giving up its attempt {}",
                    lost.attempt().workerId(), lost.attempt().id());
            endAttempt(lost.attempt(), lost.failure());
        }
        showProgress();
        failUnschedulableTasks();
        return this;
    }

    private Behavior<Command> onSlotsListed(SlotsListed listed) {
        fleet.listed(listed.listing().getServiceInstances(ServiceKeys.SLOT).stream()
                .map(slot -> nodeOf(slot.path().address())).toList());
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

    private void failUnschedulableTasks() {
        if (completion.isDone()) {
            return;
        }
        for (Fleet.GivenUp unschedulable : fleet.unschedulable()) {
            results.tell(new ResultWriter.AttemptStarted(unschedulable.attempt(), AttemptDevice.NONE, clock.instant()));
            endAttempt(unschedulable.attempt(), unschedulable.failure());
        }
    }

    private void showProgress() {
        progressView.update(queue.progress(), fleet.workerNodes(), fleet.waitingForSlot());
    }
}
