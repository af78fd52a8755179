package io.benchfleet.report;

/**
 * A task as the sweep planned it: the values of the axes that identify it.
 *
 * @param framework     what it trains with: dl4j, pytorch or a user's trainer
 * @param trainFraction the share of the training part it trains on; 1 for all of it
 * @param hyperparameters its epochs, batch size and learning rate
 */
public record Task(
        String id, String dataset, String architecture, String device, String split, int fold, int repetition,
        String framework, double trainFraction, Hyperparameters hyperparameters) {

    /** A task whose hyperparameters nothing compares. */
    public Task(String id, String dataset, String architecture, String device, String split, int fold, int repetition,
                String framework, double trainFraction) {
        this(id, dataset, architecture, device, split, fold, repetition, framework, trainFraction,
                Hyperparameters.NOT_RECORDED);
    }

    /**
     * The framework of every task recorded before the framework axis: DL4J was then the only trainer, so a
     * results.db without the column holds DL4J's tasks alone.
     */
    public static final String DL4J = "dl4j";

    /**
     * What a train fraction reads as in a results.db without the column. Such a file cannot tell a share of the
     * training part from the whole, so its tasks of several fractions stay one group, told apart by their number
     * of training samples alone (S3's table).
     */
    public static final double WHOLE_TRAINING_PART = 1.0;
}
