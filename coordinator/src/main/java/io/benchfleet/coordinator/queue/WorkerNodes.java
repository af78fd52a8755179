package io.benchfleet.coordinator.queue;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The worker nodes registered now, by worker id, with the frameworks on devices their slots run: the nodes
 * that could take a task, for the rules that ask whether another one still can.
 */
record WorkerNodes(Map<String, Set<FrameworkOnDevice>> runsOf) {

    WorkerNodes {
        runsOf = Map.copyOf(runsOf);
    }

    /** The worker ids of the nodes that run {@code run}. */
    Set<String> offering(FrameworkOnDevice run) {
        return runsOf.entrySet().stream().filter(node -> node.getValue().contains(run))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }
}
