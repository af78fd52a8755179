package io.benchfleet.coordinator.store;

import io.benchfleet.coordinator.queue.Attempt;
import io.benchfleet.coordinator.queue.AttemptDevice;
import io.benchfleet.protocol.cluster.HostInfo;
import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.protocol.cluster.ResourceSample;
import io.benchfleet.protocol.trainer.TrainerEvent;
import io.benchfleet.protocol.sweep.TaskSpec;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The single writer of results.db. It runs on the blocking-I/O dispatcher (the caller spawns it
 * there), commits each message as it comes, and keeps going when one write fails: the error is
 * logged with what was lost, and the rest of the run is still recorded.
 */
public final class ResultWriter extends AbstractBehavior<ResultWriter.Command> {

    public sealed interface Command {
    }

    public record PutRunValue(String key, String value) implements Command {
    }

    public record AddTasks(List<TaskSpec> tasks) implements Command {
    }

    public record AddWorker(String workerId, HostInfo host, List<SlotName> slots, Instant joinedAt) implements Command {
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

    private final ResultStore store;

    public static Behavior<Command> create(Path runDirectory) {
        return Behaviors.setup(context -> new ResultWriter(context, ResultStore.open(runDirectory)));
    }

    private ResultWriter(ActorContext<Command> context, ResultStore store) {
        super(context);
        this.store = store;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(PutRunValue.class, m -> write(() -> store.putRunValue(m.key(), m.value())))
                .onMessage(AddTasks.class, m -> write(() -> store.addTasks(m.tasks())))
                .onMessage(AddWorker.class, m -> write(() -> store.addWorker(m.workerId(), m.host(), m.slots(), m.joinedAt())))
                .onMessage(AttemptStarted.class, m -> write(() -> store.attemptStarted(m.attempt(), m.device(), m.at())))
                .onMessage(RecordEvent.class, m -> write(() -> store.record(m.attemptId(), m.taskId(), m.event(), m.at())))
                .onMessage(AddSamples.class, m -> write(() -> store.addSamples(m.attemptId(), m.taskId(), m.samples())))
                .onMessage(Close.class, this::onClose)
                .build();
    }

    private Behavior<Command> write(Runnable statement) {
        try {
            statement.run();
        } catch (ResultStore.StoreException e) {
            getContext().getLog().error("results.db write failed; this record is lost", e);
        }
        return this;
    }

    private Behavior<Command> onClose(Close close) {
        store.close();
        close.replyTo().tell(Done.getInstance());
        return Behaviors.stopped();
    }
}
