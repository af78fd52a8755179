package io.benchfleet.dataset;

/**
 * How a dataset's raw feature bytes become the network's inputs. Either way the statistics come from
 * the task's training part alone, so nothing of a test part or test fold leaks into training.
 */
public enum Normalisation {
    /**
     * Divide by 255 into [0, 1]: what the studies' Keras code does for pixel intensities. It uses no
     * statistics of the data at all, and keeps images comparable across datasets.
     */
    UNIT_RANGE,
    /**
     * Subtract the training part's mean and divide by its standard deviation, per feature: letter's 16
     * features are counts and moments on a 0..15 scale with very different spreads, and an MLP trained
     * with plain SGD (S4's letter model) learns far more slowly on unscaled inputs.
     */
    STANDARDISE,
    /** The bytes as the file has them: S4 fed letter's 0..15 features to its MLP unscaled. */
    NONE;

    /** What a task that asks for raw features gets: only a standardised dataset has anything to leave out. */
    public Normalisation forRawFeatures() {
        return this == STANDARDISE ? NONE : this;
    }
}
