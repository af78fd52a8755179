package io.benchfleet.coordinator.queue;

import io.benchfleet.protocol.sweep.TaskSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The data partitions ({@link TaskSpec#partitionKey()}) that tasks still to end train on, with how many such
 * tasks each has: worker nodes cache a partition for every task that shares it, and may drop it once the
 * last of them has succeeded or been given up. A task queued again keeps its partition in use.
 */
final class PartitionsInUse {

    private final Map<String, Integer> unfinishedTasks = new HashMap<>();
    private final List<String> retired = new ArrayList<>();

    void add(TaskSpec task) {
        unfinishedTasks.merge(task.partitionKey(), 1, Integer::sum);
    }

    /** A task ended for good; its partition retires with the last such task. */
    void ended(TaskSpec task) {
        String key = task.partitionKey();
        Integer count = unfinishedTasks.get(key);
        if (count == null) {
            return;
        }
        if (count > 1) {
            unfinishedTasks.put(key, count - 1);
        } else {
            unfinishedTasks.remove(key);
            retired.add(key);
        }
    }

    /** The partitions retired since the last call, in the order they retired. */
    List<String> takeRetired() {
        List<String> taken = List.copyOf(retired);
        retired.clear();
        return taken;
    }
}
