package io.benchfleet.coordinator.dispatch;

import io.benchfleet.coordinator.queue.Attempt;
import io.benchfleet.coordinator.queue.Progress;
import io.benchfleet.coordinator.queue.WorkQueue;
import io.benchfleet.coordinator.store.ResultWriter;
import io.benchfleet.protocol.cluster.CoordinatorCommand;
import io.benchfleet.protocol.cluster.ServiceKeys;
import io.benchfleet.protocol.cluster.WorkerNodeMessage;
import io.benchfleet.protocol.sweep.Sweep;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Hands a sweep's tasks to the slots that ask for them and records what comes back. The rules
 * live in {@link WorkQueue}; this actor translates messages into its calls, and writes through
 * the {@link ResultWriter}.
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

    private enum Finish implements Command {
        INSTANCE
    }

    private record ResultsClosed(Done done) implements Command {
    }

    /** @param minWorkers worker nodes that must be present before the first task is handed out */
    public record Settings(Sweep sweep, int minWorkers) {
    }

    private final Settings settings;
    private final WorkQueue queue;
    private final ActorRef<ResultWriter.Command> results;
    private final ProgressView progressView;
    private final CompletableFuture<Progress> completion;
    private final TimerScheduler<Command> timers;
    private final Clock clock;
    private int workerNodes;

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
        this.queue = new WorkQueue(tasks);
        results.tell(new ResultWriter.AddTasks(tasks));

        var receptionist = context.getSystem().receptionist();
        receptionist.tell(Receptionist.register(ServiceKeys.COORDINATOR, spawnGateway(context)));
        receptionist.tell(Receptionist.subscribe(ServiceKeys.WORKER_NODE,
                context.messageAdapter(Receptionist.Listing.class, SlotsListed::new)));
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

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(FromWorker.class, m -> onWorkerMessage(m.command()))
                .onMessage(SlotsListed.class, this::onSlotsListed)
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
        }
        return this;
    }

    private void onRequestTask(CoordinatorCommand.RequestTask request) {
        if (workerNodes < settings.minWorkers() || completion.isDone()) {
            request.replyTo().tell(WorkerNodeMessage.NoTaskNow.INSTANCE);
            return;
        }
        queue.assign(request.workerId(), request.slot()).ifPresentOrElse(attempt -> {
            results.tell(new ResultWriter.AttemptStarted(attempt, clock.instant()));
            request.replyTo().tell(new WorkerNodeMessage.TaskOffer(attempt.id(), attempt.task(),
                    settings.sweep().dataDir(), settings.sweep().metricsInterval()));
            showProgress();
        }, () -> request.replyTo().tell(WorkerNodeMessage.NoTaskNow.INSTANCE));
    }

    private void onReportEvent(CoordinatorCommand.ReportEvent report) {
        var attempt = queue.runningAttempt(report.attemptId());
        if (attempt.isEmpty()) {
            getContext().getLog().warn("ignoring {} for attempt {}: it is not running",
                    report.event().getClass().getSimpleName(), report.attemptId());
            return;
        }
        results.tell(new ResultWriter.RecordEvent(report.attemptId(), attempt.get().task().id(), report.event(),
                clock.instant()));
        if (report.event().isFinal()) {
            queue.end(report.attemptId(), report.event());
            logOutcome(attempt.get(), report);
            showProgress();
            if (queue.progress().isComplete()) {
                timers.startSingleTimer(Finish.INSTANCE, LAST_SAMPLES_GRACE);
            }
        }
    }

    private void logOutcome(Attempt attempt, CoordinatorCommand.ReportEvent report) {
        getContext().getLog().info("attempt {} ({} / {} rep {}) ended on {}: {}", attempt.id(), attempt.task().dataset(),
                attempt.task().architecture(), attempt.task().repetition(), attempt.workerId(), report.event());
    }

    private Behavior<Command> onSlotsListed(SlotsListed listed) {
        workerNodes = (int) listed.listing().getServiceInstances(ServiceKeys.WORKER_NODE).stream()
                .map(slot -> slot.path().address())
                .distinct()
                .count();
        showProgress();
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

    private void showProgress() {
        progressView.update(queue.progress(), workerNodes);
    }
}
