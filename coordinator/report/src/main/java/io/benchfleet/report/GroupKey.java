package io.benchfleet.report;

/**
 * The axes that make a group: folds and repetitions of the same values are one group. Two frameworks, or two
 * shares of the training part, are never one group: their times measure different things.
 */
public record GroupKey(String dataset, String architecture, String device, String split, String framework,
                       double trainFraction) {

    static GroupKey of(Task task) {
        return new GroupKey(task.dataset(), task.architecture(), task.device(), task.split(), task.framework(),
                task.trainFraction());
    }
}
