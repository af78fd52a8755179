package io.benchfleet.coordinator.queue;

import io.benchfleet.protocol.sweep.TaskSpec;

/** One execution of a task on a worker node's slot; its id says which task and which try. */
public record Attempt(String id, TaskSpec task, int number, String workerId, String slot) {

    static String idOf(TaskSpec task, int number) {
        return task.id() + "-a" + number;
    }
}
