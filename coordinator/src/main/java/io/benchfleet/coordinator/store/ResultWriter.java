package io.benchfleet.coordinator.store;

import io.benchfleet.coordinator.queue.Attempt;
import io.benchfleet.coordinator.queue.AttemptDevice;
import io.benchfleet.protocol.cluster.FrameworkOffer;
import io.benchfleet.protocol.cluster.HostInfo;
import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.protocol.cluster.ResourceSample;
import io.benchfleet.protocol.trainer.TrainerEvent;
import io.benchfleet.protocol.sweep.TaskSpec;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The single writer of results.db. It runs on the blocking-I/O dispatcher (the caller spawns it
 * there) and commits each message as it comes.
 * <p>
 * A record that cannot be written, for whatever reason, is logged with what was lost and the writer
 * goes on: the rest of the run is still recorded. A results.db that cannot be written at all (full
 * disk, I/O error, read-only, removed) is another matter: nothing after it would be kept, so the
 * writer completes {@code unwritable}, for the sweep to stop at once, and stops.
 */
public final class ResultWriter extends AbstractBehavior<ResultWriter.Command> {

    /** How soon a results.db removed while no record comes (no attempt running) stops the sweep. */
    static final Duration FILE_CHECK_INTERVAL = Duration.ofSeconds(2);

    public sealed interface Command {
    }

    public record PutRunValue(String key, String value) implements Command {
    }

    public record AddTasks(List<TaskSpec> tasks) implements Command {
    }

    public record AddWorker(String workerId, HostInfo host, List<SlotName> slots, List<FrameworkOffer> frameworks,
                            Instant joinedAt) implements Command {
    }

    public record AttemptStarted(Attempt attempt, AttemptDevice device, Instant at) implements Command {
    }

    public record RecordEvent(String attemptId, String taskId, TrainerEvent event, Instant at) implements Command {
    }

    public record AddSamples(String attemptId, String taskId, List<ResourceSample> samples) implements Command {
    }

    /** Everything sent before this is committed when the reply comes. */
    public record Close(ActorRef<Done> replyTo) implements Command {
    }

    private enum CheckFile implements Command {
        INSTANCE
    }

    private final ResultStore store;
    private final CompletableFuture<ResultStore.UnwritableException> unwritable;

    /**
     * @param unwritable completed, once, when results.db cannot be written at all; the writer has stopped then
     */
    public static Behavior<Command> create(Path runDirectory, CompletableFuture<ResultStore.UnwritableException> unwritable) {
        return Behaviors.setup(context -> {
            ResultStore store;
            try {
                store = ResultStore.open(runDirectory);
            } catch (ResultStore.UnwritableException e) {
                stopSweep(context, unwritable, e);
                return Behaviors.stopped();
            }
            return Behaviors.withTimers(timers -> {
                timers.startTimerWithFixedDelay(CheckFile.INSTANCE, FILE_CHECK_INTERVAL);
                return new ResultWriter(context, store, unwritable);
            });
        });
    }

    private ResultWriter(ActorContext<Command> context, ResultStore store,
                         CompletableFuture<ResultStore.UnwritableException> unwritable) {
        super(context);
        this.store = store;
        this.unwritable = unwritable;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(PutRunValue.class, m -> write("run value " + m.key(), () -> store.putRunValue(m.key(), m.value())))
                .onMessage(AddTasks.class, m -> write("the sweep's tasks", () -> store.addTasks(m.tasks())))
                .onMessage(AddWorker.class, m -> write("worker node " + m.workerId(),
                        () -> store.addWorker(m.workerId(), m.host(), m.slots(), m.frameworks(), m.joinedAt())))
                .onMessage(AttemptStarted.class, m -> write("start of attempt " + idOf(m.attempt()),
                        () -> store.attemptStarted(m.attempt(), m.device(), m.at())))
                .onMessage(RecordEvent.class, m -> write("event of attempt " + m.attemptId(),
                        () -> store.record(m.attemptId(), m.taskId(), m.event(), m.at())))
                .onMessage(AddSamples.class, m -> write("samples of attempt " + m.attemptId(),
                        () -> store.addSamples(m.attemptId(), m.taskId(), m.samples())))
                .onMessageEquals(CheckFile.INSTANCE, () -> fileStillThere() ? this : Behaviors.stopped())
                .onMessage(Close.class, this::onClose)
                .onSignal(PostStop.class, signal -> closeStore())
                .build();
    }

    /** The log line of a lost record must not fail on the odd message that was lost. */
    private static String idOf(Attempt attempt) {
        return attempt == null ? "(none)" : attempt.id();
    }

    private Behavior<Command> write(String what, Runnable statement) {
        try {
            statement.run();
        } catch (ResultStore.UnwritableException e) {
            stopSweep(getContext(), unwritable, e);
            return Behaviors.stopped();
        } catch (RuntimeException e) {
            getContext().getLog().error("results.db: the {} is lost, the sweep goes on: {}", what, e, e);
        }
        return this;
    }

    private static void stopSweep(ActorContext<Command> context,
                                  CompletableFuture<ResultStore.UnwritableException> unwritable,
                                  ResultStore.UnwritableException e) {
        context.getLog().error("{}; the sweep stops, what was committed before stays", e.getMessage(), e);
        unwritable.complete(e);
    }

    /** @return false when results.db is no longer the file opened; the sweep has been told to stop */
    private boolean fileStillThere() {
        try {
            store.checkStillThere();
            return true;
        } catch (ResultStore.UnwritableException e) {
            stopSweep(getContext(), unwritable, e);
            return false;
        }
    }

    /** The file is checked once more: a report on a results.db removed after the last write would fail. */
    private Behavior<Command> onClose(Close close) {
        if (!fileStillThere()) {
            return Behaviors.stopped();
        }
        closeStore();
        close.replyTo().tell(Done.getInstance());
        return Behaviors.stopped();
    }

    /** Every write was committed when it was made: a failing close loses nothing but the log's checkpoint. */
    private Behavior<Command> closeStore() {
        try {
            store.close();
        } catch (ResultStore.StoreException e) {
            getContext().getLog().warn("results.db: {}", e.getMessage(), e);
        }
        return this;
    }
}
