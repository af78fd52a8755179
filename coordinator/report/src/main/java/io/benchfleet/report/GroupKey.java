package io.benchfleet.report;

/**
 * The axes that make a group: folds and repetitions of the same values are one group. Two frameworks, two
 * shares of the training part, or two values of a hyperparameter axis are never one group: their times measure
 * different things.
 */
public record GroupKey(String dataset, String architecture, String device, String split, String framework,
                       double trainFraction, Hyperparameters hyperparameters) {

    /** A group whose hyperparameters nothing compares. */
    public GroupKey(String dataset, String architecture, String device, String split, String framework,
                    double trainFraction) {
        this(dataset, architecture, device, split, framework, trainFraction, Hyperparameters.NOT_RECORDED);
    }

    static GroupKey of(Task task) {
        return new GroupKey(task.dataset(), task.architecture(), task.device(), task.split(), task.framework(),
                task.trainFraction(), task.hyperparameters());
    }
}
