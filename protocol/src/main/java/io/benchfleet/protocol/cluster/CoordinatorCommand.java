package io.benchfleet.protocol.cluster;

import io.benchfleet.protocol.trainer.TrainerEvent;
import org.apache.pekko.actor.typed.ActorRef;

import java.util.List;

import static io.benchfleet.protocol.cluster.Components.listOf;
import static io.benchfleet.protocol.cluster.Components.required;

/**
 * What worker nodes tell the coordinator. Each message refuses a missing component when it is built,
 * so one that arrives without one never leaves deserialization ({@link Components}).
 */
public sealed interface CoordinatorCommand extends ClusterMessage {

    /** A worker node is up and offers these slots, each running the frameworks that run on its device. */
    record RegisterWorker(String workerId, HostInfo host, List<SlotName> slots, List<FrameworkOffer> frameworks)
            implements CoordinatorCommand {
        public RegisterWorker {
            required(workerId, "a registration's worker id");
            required(host, "a registration's host");
            slots = listOf(slots, SlotName.class, "a registration's slots");
            frameworks = listOf(frameworks, FrameworkOffer.class, "a registration's frameworks");
        }
    }

    /** A slot is free: the answer is a {@link WorkerNodeMessage.TaskOffer} it can run or "none now". */
    record RequestTask(String workerId, SlotName slot, ActorRef<WorkerNodeMessage> replyTo)
            implements CoordinatorCommand {
        public RequestTask {
            required(workerId, "a task request's worker id");
            required(slot, "a task request's slot");
            required(replyTo, "a task request's slot ref");
        }
    }

    /**
     * A trainer event of a running attempt, forwarded as it came. The coordinator answers a final one with
     * {@link WorkerNodeMessage.FinalEventRecorded} to {@code replyTo}, the slot that re-sends it until then.
     */
    record ReportEvent(String attemptId, TrainerEvent event, ActorRef<WorkerNodeMessage> replyTo)
            implements CoordinatorCommand {
        public ReportEvent {
            required(attemptId, "a report's attempt id");
            required(event, "a report's event");
            required(replyTo, "a report's slot ref");
        }
    }

    /** The metrics agent's readings for an attempt since the previous batch. */
    record ReportSamples(String attemptId, List<ResourceSample> samples) implements CoordinatorCommand {
        public ReportSamples {
            required(attemptId, "a sample batch's attempt id");
            samples = listOf(samples, ResourceSample.class, "a sample batch's samples");
        }
    }
}
