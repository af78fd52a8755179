package io.benchfleet.coordinator.queue;

import io.benchfleet.protocol.cluster.CoordinatorCommand.RegisterWorker;
import io.benchfleet.protocol.cluster.FrameworkOffer;
import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.protocol.sweep.Device;
import io.benchfleet.protocol.sweep.TaskSpec;

import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;

/**
 * What a slot must run for a task to go to it: the task's framework on the task's device. A worker node runs
 * a framework on a device when its registration offers that framework there and it has a slot of that device.
 */
public record FrameworkOnDevice(String framework, Device device) implements Comparable<FrameworkOnDevice> {

    private static final Comparator<FrameworkOnDevice> ORDER =
            Comparator.comparing(FrameworkOnDevice::framework).thenComparing(FrameworkOnDevice::device);

    public static FrameworkOnDevice of(TaskSpec task) {
        return new FrameworkOnDevice(task.framework(), task.device());
    }

    /** What the slots of this worker node can run: an offer on a device the node has no slot of runs nowhere. */
    public static Set<FrameworkOnDevice> runBy(RegisterWorker worker) {
        Set<FrameworkOnDevice> runs = new HashSet<>();
        for (SlotName slot : worker.slots()) {
            for (FrameworkOffer offer : worker.frameworks()) {
                if (offer.runsOn(slot.device())) {
                    runs.add(new FrameworkOnDevice(offer.name(), slot.device()));
                }
            }
        }
        return Set.copyOf(runs);
    }

    /** E.g. {@code pytorch/gpu}, as the progress line and failure messages name it. */
    @Override
    public String toString() {
        return framework + "/" + device.label();
    }

    @Override
    public int compareTo(FrameworkOnDevice other) {
        return ORDER.compare(this, other);
    }
}
