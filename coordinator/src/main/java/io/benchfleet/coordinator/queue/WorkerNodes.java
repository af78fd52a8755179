package io.benchfleet.coordinator.queue;

import io.benchfleet.protocol.sweep.Device;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The worker nodes registered now, by worker id, with the devices their slots offer: the nodes that could
 * take a task, for the rules that ask whether another one still can.
 */
record WorkerNodes(Map<String, Set<Device>> devicesOf) {

    WorkerNodes {
        devicesOf = Map.copyOf(devicesOf);
    }

    /** The worker ids of the nodes with a slot of {@code device}. */
    Set<String> offering(Device device) {
        return devicesOf.entrySet().stream().filter(node -> node.getValue().contains(device))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }
}
