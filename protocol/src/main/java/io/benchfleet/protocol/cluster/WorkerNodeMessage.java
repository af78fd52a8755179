package io.benchfleet.protocol.cluster;

import io.benchfleet.protocol.architecture.Architecture;
import io.benchfleet.protocol.sweep.TaskSpec;

import java.time.Duration;

/** What the coordinator tells a worker node: the answers to a slot's request for work. */
public sealed interface WorkerNodeMessage extends ClusterMessage {

    /**
     * Run this task now, as attempt {@code attemptId}.
     *
     * @param architecture    the network the task's architecture name stands for (it may be defined
     *                        in the sweep file, which worker nodes do not read)
     * @param dataDir         where the trainer looks for datasets first
     * @param metricsInterval how often the metrics agent samples the trainer
     * @param taskTimeout     how long the trainer may run before the worker node kills it
     */
    record TaskOffer(String attemptId, TaskSpec task, Architecture architecture, String dataDir, Duration metricsInterval,
                     Duration taskTimeout)
            implements WorkerNodeMessage {
    }

    /** No task this slot can run is queued; ask again later. */
    enum NoTaskNow implements WorkerNodeMessage {
        INSTANCE
    }
}
