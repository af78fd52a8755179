package io.benchfleet.protocol.cluster;

import io.benchfleet.protocol.trainer.TrainerEvent;
import org.apache.pekko.actor.typed.ActorRef;

import java.util.List;

/** What worker nodes tell the coordinator. */
public sealed interface CoordinatorCommand extends ClusterMessage {

    /** A worker node is up and offers these slots. */
    record RegisterWorker(String workerId, HostInfo host, List<SlotName> slots) implements CoordinatorCommand {
        public RegisterWorker {
            slots = List.copyOf(slots);
        }
    }

    /** A slot is free: the answer is a {@link WorkerNodeMessage.TaskOffer} it can run or "none now". */
    record RequestTask(String workerId, SlotName slot, ActorRef<WorkerNodeMessage> replyTo)
            implements CoordinatorCommand {
    }

    /** A trainer event of a running attempt, forwarded as it came. */
    record ReportEvent(String attemptId, TrainerEvent event) implements CoordinatorCommand {
    }

    /** The metrics agent's readings for an attempt since the previous batch. */
    record ReportSamples(String attemptId, List<ResourceSample> samples) implements CoordinatorCommand {
        public ReportSamples {
            samples = List.copyOf(samples);
        }
    }
}
