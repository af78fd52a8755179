package io.benchfleet.worker.slot;

import io.benchfleet.metrics.MetricsAgent;
import io.benchfleet.protocol.cluster.CoordinatorCommand;
import io.benchfleet.protocol.cluster.ServiceKeys;
import io.benchfleet.protocol.cluster.WorkerNodeMessage;
import io.benchfleet.protocol.event.TrainerEvent;
import io.benchfleet.trainer.TrainerTask;
import io.benchfleet.worker.attempt.TrainerLauncher;
import io.benchfleet.worker.attempt.TrainerProcessWatcher;
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
 * process, forwards the trainer's events and asks again. Workers pull (DESIGN.md decision 2).
 */
public final class Slot extends AbstractBehavior<Slot.Command> {

    /** How long a slot waits after "none now" before asking again. */
    static final Duration ASK_AGAIN_AFTER = Duration.ofSeconds(1);

    public sealed interface Command {
    }

    private record FromCoordinator(WorkerNodeMessage message) implements Command {
    }

    private enum AskAgain implements Command {
        INSTANCE
    }

    private record TrainerSaid(String attemptId, TrainerEvent event) implements Command {
    }

    /** What a slot needs to know about itself and the node it belongs to. */
    public record Settings(String workerId, String name, int threads) {
    }

    private final Settings settings;
    private final ActorRef<CoordinatorCommand> coordinator;
    private final ActorRef<MetricsAgent.Command> metricsAgent;
    private final TrainerLauncher launcher;
    private final Executor processThreads;
    private final TimerScheduler<Command> timers;
    private final ActorRef<WorkerNodeMessage> replies;
    private Optional<Process> running = Optional.empty();

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
                .onSignal(PostStop.class, signal -> onStop())
                .build();
    }

    private Behavior<Command> onCoordinatorReply(FromCoordinator reply) {
        if (reply.message() instanceof WorkerNodeMessage.TaskOffer offer) {
            startAttempt(offer);
        } else {
            timers.startSingleTimer(AskAgain.INSTANCE, ASK_AGAIN_AFTER);
        }
        return this;
    }

    private Behavior<Command> onAskAgain() {
        if (running.isEmpty()) {
            askForWork();
        }
        return this;
    }

    private void startAttempt(WorkerNodeMessage.TaskOffer offer) {
        String attemptId = offer.attemptId();
        getContext().getLog().info("slot {} starts attempt {} ({} / {})", settings.name(), attemptId,
                offer.task().dataset(), offer.task().architecture());
        try {
            Process process = launcher.start(new TrainerTask(attemptId, offer.task(), offer.dataDir(), settings.threads()));
            running = Optional.of(process);
            metricsAgent.tell(new MetricsAgent.Watch(attemptId, process.pid(), Instant.now(), offer.metricsInterval(),
                    coordinator));
            ActorRef<Command> self = getContext().getSelf();
            new TrainerProcessWatcher(attemptId, process)
                    .follow(processThreads, event -> self.tell(new TrainerSaid(attemptId, event)));
        } catch (IOException e) {
            getContext().getLog().error("slot {} cannot start a trainer for {}", settings.name(), attemptId, e);
            onTrainerEvent(new TrainerSaid(attemptId, new TrainerEvent.Failed(TrainerEvent.FailureKind.CRASHED,
                    "cannot start the trainer process: " + e.getMessage())));
        }
    }

    private Behavior<Command> onTrainerEvent(TrainerSaid said) {
        if (said.event().isFinal()) {
            // Samples first, so the last of them reach the coordinator before the attempt's end.
            metricsAgent.tell(new MetricsAgent.Unwatch(said.attemptId()));
            running = Optional.empty();
            coordinator.tell(new CoordinatorCommand.ReportEvent(said.attemptId(), said.event()));
            askForWork();
        } else {
            coordinator.tell(new CoordinatorCommand.ReportEvent(said.attemptId(), said.event()));
        }
        return this;
    }

    private void askForWork() {
        coordinator.tell(new CoordinatorCommand.RequestTask(settings.workerId(), settings.name(), replies));
    }

    private Behavior<Command> onStop() {
        running.ifPresent(process -> {
            getContext().getLog().info("slot {} stops; ending its trainer (pid {})", settings.name(), process.pid());
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        });
        return this;
    }
}
