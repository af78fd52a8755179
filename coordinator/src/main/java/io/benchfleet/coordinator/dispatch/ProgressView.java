package io.benchfleet.coordinator.dispatch;

import io.benchfleet.coordinator.queue.Progress;

/** Where the coordinator shows how the sweep goes: the console's progress line, or nothing in tests. */
public interface ProgressView extends AutoCloseable {

    /** @param workerNodes worker nodes in the cluster now */
    void update(Progress progress, int workerNodes);

    @Override
    void close();
}
