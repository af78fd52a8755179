package io.benchfleet.worker.slot;

import io.benchfleet.metrics.MetricsAgent;
import io.benchfleet.protocol.cluster.SlotGpus;
import io.benchfleet.protocol.cluster.CoordinatorCommand;
import io.benchfleet.protocol.cluster.ServiceKeys;
import io.benchfleet.protocol.cluster.WorkerNodeMessage;
import io.benchfleet.protocol.event.TrainerEvent;
import io.benchfleet.protocol.event.TrainerEvent.FailureKind;
import io.benchfleet.trainer.TrainerTask;
import io.benchfleet.worker.attempt.TrainerLauncher;
import io.benchfleet.worker.attempt.TrainerProcessWatcher;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * One slot of a worker node: asks the coordinator for a task when free, runs it as a trainer
 * process, forwards the trainer's events and asks again. Workers pull (DESIGN.md decision 2). The
 * slot ends an attempt itself when its trainer outlives the task timeout, or when the node stops
 * and the attempt is to be handed back; the trainer's own last words then come too late and are
 * dropped, so the coordinator hears exactly one final event per attempt from here.
 */
public final class Slot extends AbstractBehavior<Slot.Command> {

    /** How long a slot waits after "none now" before asking again. */
    static final Duration ASK_AGAIN_AFTER = Duration.ofSeconds(1);

    private static final Object TIMEOUT_TIMER = "attempt-timeout";

    public sealed interface Command {
    }

    private record FromCoordinator(WorkerNodeMessage message) implements Command {
    }

    private enum AskAgain implements Command {
        INSTANCE
    }

    private record TrainerSaid(String attemptId, TrainerEvent event) implements Command {
    }

    private record TimedOut(String attemptId, Duration timeout) implements Command {
    }

    /** The worker node is stopping: take no more work, deal with the running attempt as {@code onStop} says, then reply. */
    public record Stop(OnStop onStop, ActorRef<Done> replyTo) implements Command {
    }

    /** What a stopping worker node does with a running attempt. */
    public enum OnStop {
        /** Kill the trainer and give the attempt back at once: it runs again elsewhere. The default: a stop is quick. */
        HAND_BACK,
        /** Let the trainer finish and report, then leave: nothing computed is lost, but the stop waits. */
        FINISH
    }

    /** What a slot needs to know about itself and the node it belongs to. */
    public record Settings(String workerId, String name, int threads) {
    }

    private record RunningAttempt(String attemptId, Process process) {
    }

    private final Settings settings;
    private final ActorRef<CoordinatorCommand> coordinator;
    private final ActorRef<MetricsAgent.Command> metricsAgent;
    private final TrainerLauncher launcher;
    private final Executor processThreads;
    private final TimerScheduler<Command> timers;
    private final ActorRef<WorkerNodeMessage> replies;
    private Optional<RunningAttempt> running = Optional.empty();
    private Optional<ActorRef<Done>> stopping = Optional.empty();

    public static Behavior<Command> create(Settings settings, ActorRef<CoordinatorCommand> coordinator,
                                           ActorRef<MetricsAgent.Command> metricsAgent, TrainerLauncher launcher,
                                           Executor processThreads) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers ->
                new Slot(context, timers, settings, coordinator, metricsAgent, launcher, processThreads)));
    }

    private Slot(ActorContext<Command> context, TimerScheduler<Command> timers, Settings settings,
                 ActorRef<CoordinatorCommand> coordinator, ActorRef<MetricsAgent.Command> metricsAgent,
                 TrainerLauncher launcher, Executor processThreads) {
        super(context);
        this.timers = timers;
        this.settings = settings;
        this.coordinator = coordinator;
        this.metricsAgent = metricsAgent;
        this.launcher = launcher;
        this.processThreads = processThreads;
        this.replies = context.messageAdapter(WorkerNodeMessage.class, FromCoordinator::new);
        context.getSystem().receptionist().tell(Receptionist.register(ServiceKeys.WORKER_NODE, replies));
        askForWork();
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(FromCoordinator.class, this::onCoordinatorReply)
                .onMessageEquals(AskAgain.INSTANCE, this::onAskAgain)
                .onMessage(TrainerSaid.class, this::onTrainerEvent)
                .onMessage(TimedOut.class, this::onTimedOut)
                .onMessage(Stop.class, this::onStopRequested)
                .onSignal(PostStop.class, signal -> onStop())
                .build();
    }

    private Behavior<Command> onCoordinatorReply(FromCoordinator reply) {
        if (!(reply.message() instanceof WorkerNodeMessage.TaskOffer offer)) {
            timers.startSingleTimer(AskAgain.INSTANCE, ASK_AGAIN_AFTER);
        } else if (stopping.isPresent()) {
            // The offer crossed our stop: the coordinator must hear at once that nobody runs it.
            coordinator.tell(new CoordinatorCommand.ReportEvent(offer.attemptId(),
                    new TrainerEvent.Failed(FailureKind.HANDED_BACK, "worker node " + settings.workerId() + " is stopping")));
        } else {
            startAttempt(offer);
        }
        return this;
    }

    private Behavior<Command> onAskAgain() {
        if (running.isEmpty() && stopping.isEmpty()) {
            askForWork();
        }
        return this;
    }

    private void startAttempt(WorkerNodeMessage.TaskOffer offer) {
        String attemptId = offer.attemptId();
        getContext().getLog().info("slot {} starts attempt {} ({} / {})", settings.name(), attemptId,
                offer.task().dataset(), offer.task().architecture());
        try {
            Process process = launcher.start(new TrainerTask(attemptId, offer.task(), offer.architecture(), offer.dataDir(),
                    TrainerThreads.of(offer.task(), offer.architecture(), settings.threads())), settings.name());
            running = Optional.of(new RunningAttempt(attemptId, process));
            timers.startSingleTimer(TIMEOUT_TIMER, new TimedOut(attemptId, offer.taskTimeout()), offer.taskTimeout());
            metricsAgent.tell(new MetricsAgent.Watch(attemptId, process.pid(), Instant.now(), offer.metricsInterval(),
                    SlotGpus.of(settings.name()), coordinator));
            ActorRef<Command> self = getContext().getSelf();
            new TrainerProcessWatcher(attemptId, process)
                    .follow(processThreads, event -> self.tell(new TrainerSaid(attemptId, event)));
        } catch (IOException e) {
            getContext().getLog().error("slot {} cannot start a trainer for {}", settings.name(), attemptId, e);
            endAttempt(attemptId, new TrainerEvent.Failed(FailureKind.CRASHED,
                    "cannot start the trainer process: " + e.getMessage()));
        }
    }

    private Behavior<Command> onTrainerEvent(TrainerSaid said) {
        if (!isRunning(said.attemptId())) {
            getContext().getLog().debug("slot {} drops {} of attempt {}: the slot already ended it", settings.name(),
                    said.event().getClass().getSimpleName(), said.attemptId());
        } else if (said.event().isFinal()) {
            endAttempt(said.attemptId(), said.event());
        } else {
            coordinator.tell(new CoordinatorCommand.ReportEvent(said.attemptId(), said.event()));
        }
        return this;
    }

    private Behavior<Command> onTimedOut(TimedOut timedOut) {
        if (isRunning(timedOut.attemptId())) {
            getContext().getLog().warn("slot {}: attempt {} ran longer than the task timeout of {}; killing its trainer",
                    settings.name(), timedOut.attemptId(), timedOut.timeout());
            killTrainer();
            endAttempt(timedOut.attemptId(), new TrainerEvent.Failed(FailureKind.TIMED_OUT,
                    "the trainer ran longer than the task-timeout of " + timedOut.timeout() + " and was killed"));
        }
        return this;
    }

    private Behavior<Command> onStopRequested(Stop stop) {
        stopping = Optional.of(stop.replyTo());
        if (running.isEmpty()) {
            stop.replyTo().tell(Done.getInstance());
        } else if (stop.onStop() == OnStop.HAND_BACK) {
            String attemptId = running.get().attemptId();
            getContext().getLog().info("slot {} stops: handing back attempt {}", settings.name(), attemptId);
            killTrainer();
            endAttempt(attemptId, new TrainerEvent.Failed(FailureKind.HANDED_BACK,
                    "worker node " + settings.workerId() + " was stopped and handed the attempt back"));
        } else {
            getContext().getLog().info("slot {} stops after attempt {} finishes", settings.name(),
                    running.get().attemptId());
        }
        return this;
    }

    private boolean isRunning(String attemptId) {
        return running.isPresent() && running.get().attemptId().equals(attemptId);
    }

    /** Reports the attempt's one final event, then asks for the next task, or tells a stop that the slot is free. */
    private void endAttempt(String attemptId, TrainerEvent finalEvent) {
        // Samples first, so the last of them reach the coordinator before the attempt's end.
        metricsAgent.tell(new MetricsAgent.Unwatch(attemptId));
        timers.cancel(TIMEOUT_TIMER);
        running = Optional.empty();
        coordinator.tell(new CoordinatorCommand.ReportEvent(attemptId, finalEvent));
        stopping.ifPresentOrElse(replyTo -> replyTo.tell(Done.getInstance()), this::askForWork);
    }

    private void killTrainer() {
        running.ifPresent(attempt -> {
            attempt.process().descendants().forEach(ProcessHandle::destroyForcibly);
            attempt.process().destroyForcibly();
        });
    }

    private void askForWork() {
        coordinator.tell(new CoordinatorCommand.RequestTask(settings.workerId(), settings.name(), replies));
    }

    private Behavior<Command> onStop() {
        running.ifPresent(attempt -> {
            getContext().getLog().info("slot {} stops; ending its trainer (pid {})", settings.name(), attempt.process().pid());
            attempt.process().descendants().forEach(ProcessHandle::destroy);
            attempt.process().destroy();
        });
        return this;
    }
}
