package io.benchfleet.worker.slot;

import io.benchfleet.metrics.MetricsAgent;
import io.benchfleet.protocol.cluster.CoordinatorCommand;
import io.benchfleet.protocol.cluster.ServiceKeys;
import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.protocol.cluster.WorkerNodeMessage;
import io.benchfleet.protocol.trainer.TrainerEvent;
import io.benchfleet.protocol.trainer.TrainerEvent.FailureKind;
import io.benchfleet.worker.attempt.TrainerProcessWatcher;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.BehaviorBuilder;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * One slot of a worker node: asks the coordinator for a task when free, runs it as a trainer process, forwards
 * the trainer's events and asks again. Workers pull: the coordinator offers a task only to a slot that asked.
 * <p>
 * {@linkplain #idle() Idle}, the slot asks for a task, and after "none now" asks again a little later.
 * {@linkplain #running Running}, it follows one attempt: its launch ({@link AttemptLaunch}: the data partition
 * prepared and the trainer forked off the actor, reported back as a message), then its trainer process, the
 * watcher's events and the task timeout, which counts from the offer. When the worker node stops, the slot hands
 * the running attempt back or {@linkplain #stopping lets it finish}, replies that it is done, and from then on is
 * {@linkplain #stopped() stopped}: it turns down what the coordinator still offers.
 * <p>
 * The slot ends an attempt itself when its trainer outlives the task timeout, or when the attempt is handed
 * back; the trainer's own last words then come too late and are dropped, so the coordinator hears exactly one
 * final event per attempt from here. That event is re-sent until the coordinator acknowledges it: a message
 * can be lost (a connection dropped and re-made), and a coordinator without it would wait for the attempt
 * until its own deadline. The slot does not wait for the acknowledgement to ask for its next task.
 * <p>
 * The {@code started} event goes on with the hash of the partition the slot handed the trainer.
 */
public final class Slot {

    /** How long a slot waits after "none now" before asking again. */
    static final Duration ASK_AGAIN_AFTER = Duration.ofSeconds(1);

    /** How often a final event the coordinator has not acknowledged yet is sent again. */
    static final Duration RESEND_FINAL_EVENT_EVERY = Duration.ofSeconds(2);

    /**
     * Final events kept for re-sending at most; the oldest one is given up beyond. Only a coordinator that
     * answers nothing for many attempts in a row lets them pile up, and its own deadline ends what it missed.
     */
    static final int MAX_UNACKNOWLEDGED = 10;

    private static final Object TIMEOUT_TIMER = "attempt-timeout";

    public sealed interface Command {
    }

    private record FromCoordinator(WorkerNodeMessage message) implements Command {
    }

    private enum AskAgain implements Command {
        INSTANCE
    }

    private record FinalEventRecorded(String attemptId) implements Command {
    }

    private enum ResendFinalEvents implements Command {
        INSTANCE
    }

    private record TrainerSaid(String attemptId, TrainerEvent event) implements Command {
    }

    private record TimedOut(String attemptId, Duration timeout) implements Command {
    }

    private record Launched(String attemptId, AttemptLaunch.Outcome outcome) implements Command {
    }

    private record PartitionsRetired(List<String> partitionKeys) implements Command {
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
    public record Settings(String workerId, SlotName name, int threads) {
    }

    private final ActorContext<Command> context;
    private final TimerScheduler<Command> timers;
    private final Settings settings;
    private final ActorRef<CoordinatorCommand> coordinator;
    private final ActorRef<MetricsAgent.Command> metricsAgent;
    private final AttemptLaunch launch;
    private final Executor processThreads;
    private final ActorRef<WorkerNodeMessage> replies;
    /** The final events the coordinator has not acknowledged, by attempt id, oldest first. */
    private final Map<String, TrainerEvent> unacknowledged = new LinkedHashMap<>();

    /** @param processThreads where trainers are followed (reading their output blocks) */
    public static Behavior<Command> create(Settings settings, ActorRef<CoordinatorCommand> coordinator,
                                           ActorRef<MetricsAgent.Command> metricsAgent, AttemptLaunch launch,
                                           Executor processThreads) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            Slot slot = new Slot(context, timers, settings, coordinator, metricsAgent, launch, processThreads);
            slot.askForTask();
            return slot.idle();
        }));
    }

    private Slot(ActorContext<Command> context, TimerScheduler<Command> timers, Settings settings,
                 ActorRef<CoordinatorCommand> coordinator, ActorRef<MetricsAgent.Command> metricsAgent,
                 AttemptLaunch launch, Executor processThreads) {
        this.context = context;
        this.timers = timers;
        this.settings = settings;
        this.coordinator = coordinator;
        this.metricsAgent = metricsAgent;
        this.launch = launch;
        this.processThreads = processThreads;
        this.replies = context.messageAdapter(WorkerNodeMessage.class, Slot::fromCoordinator);
        context.getSystem().receptionist().tell(Receptionist.register(ServiceKeys.SLOT, replies));
    }

    private static Command fromCoordinator(WorkerNodeMessage message) {
        if (message instanceof WorkerNodeMessage.FinalEventRecorded recorded) {
            return new FinalEventRecorded(recorded.attemptId());
        }
        if (message instanceof WorkerNodeMessage.PartitionsRetired retired) {
            return new PartitionsRetired(retired.partitionKeys());
        }
        return new FromCoordinator(message);
    }

    /** Free: waiting for the coordinator's answer, or for the time to ask again. */
    private Behavior<Command> idle() {
        return receive()
                .onMessage(FromCoordinator.class, this::onAnswer)
                .onMessageEquals(AskAgain.INSTANCE, this::onAskAgain)
                .onMessage(TrainerSaid.class, this::dropLateEvent)
                .onMessage(TimedOut.class, this::dropLateTimeout)
                .onMessage(Launched.class, this::dropLateLaunch)
                .onMessage(Stop.class, this::onStopWhileIdle)
                .build();
    }

    /** Carrying out {@code attempt}; the slot asks for the next task once it has ended. */
    private Behavior<Command> running(Attempt attempt) {
        return handlingAttempt(attempt, this::askForNextTask)
                .onMessage(FromCoordinator.class, answer -> turnDown(answer,
                        "slot " + settings.name() + " is still running attempt " + attempt.id()))
                .onMessage(Stop.class, stop -> onStop(attempt, stop, List.of()))
                .build();
    }

    /** The worker node is stopping and {@code attempt} is to finish; then {@code waiting} hear that the slot is done. */
    private Behavior<Command> stopping(Attempt attempt, List<ActorRef<Done>> waiting) {
        return handlingAttempt(attempt, () -> doneStopping(waiting))
                .onMessage(FromCoordinator.class, this::turnDownWhileStopping)
                .onMessage(Stop.class, stop -> onStop(attempt, stop, waiting))
                .build();
    }

    /** The worker node is stopping and the slot is free: it takes no more work. */
    private Behavior<Command> stopped() {
        return receive()
                .onMessage(FromCoordinator.class, this::turnDownWhileStopping)
                .onMessage(TrainerSaid.class, this::dropLateEvent)
                .onMessage(TimedOut.class, this::dropLateTimeout)
                .onMessage(Launched.class, this::dropLateLaunch)
                .onMessage(Stop.class, stop -> doneStopping(List.of(stop.replyTo())))
                .build();
    }

    /**
     * What running and stopping share: the attempt's launch, its events, its timeout, and its trainer when the slot
     * goes.
     */
    private BehaviorBuilder<Command> handlingAttempt(Attempt attempt, Supplier<Behavior<Command>> afterwards) {
        return receive()
                .onMessage(Launched.class, launched -> onLaunched(attempt, launched, afterwards))
                .onMessage(TrainerSaid.class, said -> onTrainerSaid(attempt, said, afterwards))
                .onMessage(TimedOut.class, timedOut -> onTimedOut(attempt, timedOut, afterwards))
                .onSignal(PostStop.class, signal -> {
                    context.getLog().info("slot {} stops; ending attempt {}{}", settings.name(), attempt.id(),
                            attempt.trainer().map(trainer -> " and its trainer (pid " + trainer.pid() + ")").orElse(""));
                    attempt.terminate();
                    return Behaviors.same();
                });
    }

    /**
     * What every behaviour does: keep the final events going until the coordinator has them, and delete the
     * partitions it is done with.
     */
    private BehaviorBuilder<Command> receive() {
        return Behaviors.receive(Command.class)
                .onMessage(FinalEventRecorded.class, this::onFinalEventRecorded)
                .onMessageEquals(ResendFinalEvents.INSTANCE, this::onResendFinalEvents)
                .onMessage(PartitionsRetired.class, this::onPartitionsRetired);
    }

    private Behavior<Command> onAskAgain() {
        askForTask();
        return Behaviors.same();
    }

    private Behavior<Command> onStopWhileIdle(Stop stop) {
        timers.cancel(AskAgain.INSTANCE);
        return doneStopping(List.of(stop.replyTo()));
    }

    private Behavior<Command> onAnswer(FromCoordinator answer) {
        if (answer.message() instanceof WorkerNodeMessage.TaskOffer offer) {
            return start(offer);
        }
        timers.startSingleTimer(AskAgain.INSTANCE, ASK_AGAIN_AFTER);
        return Behaviors.same();
    }

    /** Launches the attempt off the actor; the task timeout runs from now, preparation included. */
    private Behavior<Command> start(WorkerNodeMessage.TaskOffer offer) {
        Attempt attempt = new Attempt(offer);
        context.getLog().info("slot {} starts attempt {} ({} / {} / {})", settings.name(), attempt.id(),
                offer.task().dataset(), offer.task().architecture(), offer.task().framework());
        timers.startSingleTimer(TIMEOUT_TIMER, new TimedOut(attempt.id(), offer.taskTimeout()), offer.taskTimeout());
        context.pipeToSelf(launch.start(offer, settings.name(), settings.threads(), attempt.givenUp()),
                (outcome, failure) -> new Launched(attempt.id(), failure == null ? outcome
                        : new AttemptLaunch.Outcome.Refused(new TrainerEvent.Failed(FailureKind.ERROR,
                        "launching the attempt failed: " + failure))));
        return running(attempt);
    }

    private Behavior<Command> onLaunched(Attempt attempt, Launched launched, Supplier<Behavior<Command>> afterwards) {
        if (!launched.attemptId().equals(attempt.id())) {
            return dropLateLaunch(launched);
        }
        if (launched.outcome() instanceof AttemptLaunch.Outcome.Forked forked) {
            attempt.forked(forked.trainer(), forked.partition().sha256());
            follow(attempt, forked.trainer());
            return Behaviors.same();
        }
        if (launched.outcome() instanceof AttemptLaunch.Outcome.Refused refused) {
            context.getLog().warn("slot {}: attempt {} failed before its trainer started: {}", settings.name(),
                    attempt.id(), refused.failure().message());
            end(attempt, refused.failure());
            return afterwards.get();
        }
        // Given up: the slot has ended the attempt itself already, and is in another behaviour by now.
        return Behaviors.same();
    }

    /** Has the trainer sampled and turns its output into messages. */
    private void follow(Attempt attempt, Process trainer) {
        metricsAgent.tell(new MetricsAgent.Watch(attempt.id(), trainer.pid(), Instant.now(), attempt.metricsInterval(),
                settings.name().gpus(), coordinator));
        ActorRef<Command> self = context.getSelf();
        String attemptId = attempt.id();
        new TrainerProcessWatcher(attemptId, attempt.framework(), trainer)
                .follow(processThreads, event -> self.tell(new TrainerSaid(attemptId, event)));
    }

    private Behavior<Command> onTrainerSaid(Attempt attempt, TrainerSaid said,
                                            Supplier<Behavior<Command>> afterwards) {
        if (!said.attemptId().equals(attempt.id())) {
            return dropLateEvent(said);
        }
        if (said.event().isFinal()) {
            end(attempt, said.event());
            return afterwards.get();
        }
        report(attempt.id(), said.event() instanceof TrainerEvent.Started started
                ? started.withPartition(attempt.partitionSha256()) : said.event());
        return Behaviors.same();
    }

    private Behavior<Command> onTimedOut(Attempt attempt, TimedOut timedOut,
                                         Supplier<Behavior<Command>> afterwards) {
        if (!timedOut.attemptId().equals(attempt.id())) {
            return dropLateTimeout(timedOut);
        }
        context.getLog().warn("slot {}: attempt {} ran longer than the task timeout of {}; ending it", settings.name(),
                attempt.id(), timedOut.timeout());
        String what = attempt.trainer().isPresent() ? "the trainer ran longer than the task-timeout of "
                + timedOut.timeout() + " and was killed"
                : "preparing the attempt's data partition took longer than the task-timeout of " + timedOut.timeout()
                + "; no trainer was started";
        attempt.kill();
        end(attempt, new TrainerEvent.Failed(FailureKind.TIMED_OUT, what));
        return afterwards.get();
    }

    private Behavior<Command> onStop(Attempt attempt, Stop stop, List<ActorRef<Done>> waiting) {
        List<ActorRef<Done>> nowWaiting = new ArrayList<>(waiting);
        nowWaiting.add(stop.replyTo());
        if (stop.onStop() == OnStop.FINISH) {
            context.getLog().info("slot {} stops after attempt {} finishes", settings.name(), attempt.id());
            return stopping(attempt, List.copyOf(nowWaiting));
        }
        context.getLog().info("slot {} stops: handing back attempt {}", settings.name(), attempt.id());
        attempt.kill();
        end(attempt, new TrainerEvent.Failed(FailureKind.HANDED_BACK,
                "worker node " + settings.workerId() + " was stopped and handed the attempt back"));
        return doneStopping(nowWaiting);
    }

    private Behavior<Command> askForNextTask() {
        askForTask();
        return idle();
    }

    private Behavior<Command> doneStopping(List<ActorRef<Done>> waiting) {
        waiting.forEach(replyTo -> replyTo.tell(Done.getInstance()));
        return stopped();
    }

    /** Reports the attempt's one final event; what the slot does next is up to the behaviour it is in. */
    private void end(Attempt attempt, TrainerEvent finalEvent) {
        // Samples first, so the last of them reach the coordinator before the attempt's end.
        if (attempt.trainer().isPresent()) {
            metricsAgent.tell(new MetricsAgent.Unwatch(attempt.id()));
        }
        timers.cancel(TIMEOUT_TIMER);
        reportFinal(attempt.id(), finalEvent);
    }

    private Behavior<Command> turnDownWhileStopping(FromCoordinator answer) {
        return turnDown(answer, "worker node " + settings.workerId() + " is stopping");
    }

    /** An offer the slot cannot take: the coordinator must hear at once that nobody runs it. */
    private Behavior<Command> turnDown(FromCoordinator answer, String reason) {
        if (answer.message() instanceof WorkerNodeMessage.TaskOffer offer) {
            context.getLog().info("slot {} turns down attempt {}: {}", settings.name(), offer.attemptId(), reason);
            reportFinal(offer.attemptId(), new TrainerEvent.Failed(FailureKind.HANDED_BACK, reason));
        }
        return Behaviors.same();
    }

    private Behavior<Command> dropLateEvent(TrainerSaid said) {
        context.getLog().debug("slot {} drops {} of attempt {}: the slot already ended it", settings.name(),
                said.event().getClass().getSimpleName(), said.attemptId());
        return Behaviors.same();
    }

    /** A launch that ends after its attempt did: a trainer it started anyway must not run beside the next attempt. */
    private Behavior<Command> dropLateLaunch(Launched launched) {
        if (launched.outcome() instanceof AttemptLaunch.Outcome.Forked forked) {
            context.getLog().info("slot {} kills the trainer of attempt {} (pid {}): the attempt ended before it started",
                    settings.name(), launched.attemptId(), forked.trainer().pid());
            Attempt.kill(forked.trainer());
        }
        return Behaviors.same();
    }

    private Behavior<Command> onPartitionsRetired(PartitionsRetired retired) {
        launch.retire(retired.partitionKeys());
        return Behaviors.same();
    }

    private Behavior<Command> dropLateTimeout(TimedOut timedOut) {
        context.getLog().debug("slot {} drops the timeout of attempt {}: the attempt already ended", settings.name(),
                timedOut.attemptId());
        return Behaviors.same();
    }

    /** Sends an attempt's final event and keeps it, to be sent again until the coordinator acknowledges it. */
    private void reportFinal(String attemptId, TrainerEvent finalEvent) {
        if (unacknowledged.size() >= MAX_UNACKNOWLEDGED) {
            String oldest = unacknowledged.keySet().iterator().next();
            unacknowledged.remove(oldest);
            context.getLog().warn("slot {} stops re-sending the final event of attempt {}: the coordinator has not"
                    + " acknowledged the last {} final events", settings.name(), oldest, MAX_UNACKNOWLEDGED);
        }
        unacknowledged.put(attemptId, finalEvent);
        report(attemptId, finalEvent);
        if (!timers.isTimerActive(ResendFinalEvents.INSTANCE)) {
            timers.startTimerWithFixedDelay(ResendFinalEvents.INSTANCE, RESEND_FINAL_EVENT_EVERY);
        }
    }

    private Behavior<Command> onFinalEventRecorded(FinalEventRecorded recorded) {
        unacknowledged.remove(recorded.attemptId());
        if (unacknowledged.isEmpty()) {
            timers.cancel(ResendFinalEvents.INSTANCE);
        }
        return Behaviors.same();
    }

    private Behavior<Command> onResendFinalEvents() {
        context.getLog().debug("slot {} sends the final events of attempts {} again: not acknowledged yet",
                settings.name(), unacknowledged.keySet());
        unacknowledged.forEach(this::report);
        return Behaviors.same();
    }

    private void report(String attemptId, TrainerEvent event) {
        coordinator.tell(new CoordinatorCommand.ReportEvent(attemptId, event, replies));
    }

    private void askForTask() {
        coordinator.tell(new CoordinatorCommand.RequestTask(settings.workerId(), settings.name(), replies));
    }
}
