package io.benchfleet.coordinator.queue;

import io.benchfleet.protocol.sweep.TaskSpec;
import io.benchfleet.protocol.trainer.TrainerEvent;
import io.benchfleet.protocol.trainer.TrainerEvent.FailureKind;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a task's data could not be read: the worker nodes with no readable copy of a dataset
 * (DATA_UNAVAILABLE, a fault of that node's disk or mount) and those that found a task's data corrupt
 * (BAD_INPUT, which may be that node's copy only). Such a node is not given that data again.
 */
final class UnreadableData {

    private final Map<String, Set<String>> withoutDataset = new HashMap<>();
    private final Map<String, Set<String>> corruptForTask = new HashMap<>();

    void missing(String workerId, String dataset) {
        withoutDataset.computeIfAbsent(dataset, d -> new HashSet<>()).add(workerId);
    }

    void corrupt(String workerId, TaskSpec task) {
        corruptForTask.computeIfAbsent(task.id(), t -> new HashSet<>()).add(workerId);
    }

    /** How many worker nodes found this task's data corrupt. */
    int corruptOn(TaskSpec task) {
        return corruptForTask.getOrDefault(task.id(), Set.of()).size();
    }

    /** Whether no worker node has reported unreadable data yet: then no queued task can be stranded. */
    boolean noneReported() {
        return withoutDataset.isEmpty() && corruptForTask.isEmpty();
    }

    boolean mayTake(String workerId, TaskSpec task) {
        return !lacks(workerId, task) && !foundCorrupt(workerId, task);
    }

    /**
     * Why none of {@code candidates}, the worker nodes that could run the task, may take it; empty when one
     * may, or when there is none at all: then the task waits for a worker node like any other.
     */
    Optional<TrainerEvent.Failed> noneMayTake(TaskSpec task, Set<String> candidates) {
        if (candidates.isEmpty() || candidates.stream().anyMatch(workerId -> mayTake(workerId, task))) {
            return Optional.empty();
        }
        List<String> reasons = candidates.stream().sorted().map(workerId -> foundCorrupt(workerId, task)
                ? workerId + " found its data corrupt"
                : workerId + " has no readable copy of " + task.dataset()).toList();
        FailureKind kind = candidates.stream().anyMatch(workerId -> foundCorrupt(workerId, task))
                ? FailureKind.BAD_INPUT : FailureKind.DATA_UNAVAILABLE;
        return Optional.of(new TrainerEvent.Failed(kind, "no registered worker node that runs "
                + FrameworkOnDevice.of(task) + " can run it: " + String.join("; ", reasons)));
    }

    private boolean lacks(String workerId, TaskSpec task) {
        return withoutDataset.getOrDefault(task.dataset(), Set.of()).contains(workerId);
    }

    private boolean foundCorrupt(String workerId, TaskSpec task) {
        return corruptForTask.getOrDefault(task.id(), Set.of()).contains(workerId);
    }
}
