package io.benchfleet.coordinator.dispatch;

import io.benchfleet.coordinator.queue.Progress;
import io.benchfleet.protocol.sweep.Device;

import java.util.Map;

/** Where the coordinator shows how the sweep goes: the console's progress line, or nothing in tests. */
public interface ProgressView extends AutoCloseable {

    /**
     * @param workerNodes    worker nodes in the cluster now
     * @param waitingForSlot queued tasks, by device, that no slot in the cluster can run
     */
    void update(Progress progress, int workerNodes, Map<Device, Integer> waitingForSlot);

    @Override
    void close();
}
