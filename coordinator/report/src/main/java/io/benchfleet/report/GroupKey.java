package io.benchfleet.report;

/** The axes that make a group: folds and repetitions of the same values are one group. */
public record GroupKey(String dataset, String architecture, String device, String split) {

    static GroupKey of(Task task) {
        return new GroupKey(task.dataset(), task.architecture(), task.device(), task.split());
    }
}
