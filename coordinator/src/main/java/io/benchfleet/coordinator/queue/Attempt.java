package io.benchfleet.coordinator.queue;

import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.protocol.sweep.TaskSpec;

import java.util.Optional;

/**
 * One execution of a task on a worker node's slot; its id says which task and which try.
 *
 * @param slot where it ran; empty for a task failed without running (unschedulable)
 */
public record Attempt(String id, TaskSpec task, int number, String workerId, Optional<SlotName> slot) {

    static String idOf(TaskSpec task, int number) {
        return task.id() + "-a" + number;
    }
}
