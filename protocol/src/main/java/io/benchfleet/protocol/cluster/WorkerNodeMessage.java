package io.benchfleet.protocol.cluster;

import io.benchfleet.protocol.architecture.Architecture;
import io.benchfleet.protocol.sweep.TaskSpec;

import java.time.Duration;
import java.util.List;

import static io.benchfleet.protocol.cluster.Components.listOf;
import static io.benchfleet.protocol.cluster.Components.required;

/** What the coordinator tells a worker node's slots: the answers to a request for work and to a final event. */
public sealed interface WorkerNodeMessage extends ClusterMessage {

    /**
     * Run this task now, as attempt {@code attemptId}.
     *
     * @param architecture    the network the task's architecture name stands for (it may be defined
     *                        in the sweep file, which worker nodes do not read)
     * @param dataDir         where the worker node looks for datasets first
     * @param metricsInterval how often the metrics agent samples the trainer
     * @param taskTimeout     how long the trainer may run before the worker node kills it
     */
    record TaskOffer(String attemptId, TaskSpec task, Architecture architecture, String dataDir, Duration metricsInterval,
                     Duration taskTimeout)
            implements WorkerNodeMessage {
        public TaskOffer {
            required(attemptId, "an offer's attempt id");
            required(task, "an offer's task");
            required(architecture, "an offer's architecture");
            required(dataDir, "an offer's data directory");
            required(metricsInterval, "an offer's metrics interval");
            required(taskTimeout, "an offer's task timeout");
        }
    }

    /** No task this slot can run is queued; ask again later. */
    enum NoTaskNow implements WorkerNodeMessage {
        INSTANCE
    }

    /**
     * The coordinator has the final event of {@code attemptId}: the slot stops re-sending it. Also the answer to
     * a duplicate, or to a final event that came after the coordinator had ended the attempt itself.
     */
    record FinalEventRecorded(String attemptId) implements WorkerNodeMessage {
        public FinalEventRecorded {
            required(attemptId, "an acknowledgement's attempt id");
        }
    }

    /**
     * No task still to run trains on these data partitions ({@link io.benchfleet.protocol.sweep.TaskSpec#partitionKey()}):
     * a worker node removes its cached copies. Sent to every slot; a node that misses it removes them when it stops.
     */
    record PartitionsRetired(List<String> partitionKeys) implements WorkerNodeMessage {
        public PartitionsRetired {
            partitionKeys = listOf(partitionKeys, String.class, "a retirement's partition keys");
        }
    }
}
