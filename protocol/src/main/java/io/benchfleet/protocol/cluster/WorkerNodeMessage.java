package io.benchfleet.protocol.cluster;

import io.benchfleet.protocol.sweep.TaskSpec;

import java.time.Duration;

/** What the coordinator tells a worker node: the answers to a slot's request for work. */
public sealed interface WorkerNodeMessage extends ClusterMessage {

    /**
     * Run this task now, as attempt {@code attemptId}.
     *
     * @param dataDir         where the trainer looks for datasets first
     * @param metricsInterval how often the metrics agent samples the trainer
     */
    record TaskOffer(String attemptId, TaskSpec task, String dataDir, Duration metricsInterval)
            implements WorkerNodeMessage {
    }

    /** No task this slot can run is queued; ask again later. */
    enum NoTaskNow implements WorkerNodeMessage {
        INSTANCE
    }
}
