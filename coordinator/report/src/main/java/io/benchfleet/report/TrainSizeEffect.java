package io.benchfleet.report;

import java.util.Optional;

/**
 * S3's measure of one group at one training-set size (the train-fractions axis): time and memory
 * against the number of training samples.
 *
 * @param group the tasks' group; in a results.db older than the train fraction column, the same group for every
 *              size
 */
public record TrainSizeEffect(
        GroupKey group, long trainSamples, Optional<Statistic> trainSeconds, Optional<Statistic> peakRssBytes) {
}
