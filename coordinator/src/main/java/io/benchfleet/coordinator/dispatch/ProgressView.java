package io.benchfleet.coordinator.dispatch;

import io.benchfleet.coordinator.queue.FrameworkOnDevice;
import io.benchfleet.coordinator.queue.Progress;

import java.util.Map;

/** Where the coordinator shows how the sweep goes: the console's progress line, or nothing in tests. */
public interface ProgressView extends AutoCloseable {

    /**
     * @param workerNodes    worker nodes in the cluster now
     * @param waitingForSlot queued tasks, per framework on device, that no slot in the cluster runs
     */
    void update(Progress progress, int workerNodes, Map<FrameworkOnDevice, Integer> waitingForSlot);

    @Override
    void close();
}
