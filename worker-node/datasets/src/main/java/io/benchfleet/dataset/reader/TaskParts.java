package io.benchfleet.dataset.reader;

import io.benchfleet.protocol.sweep.Split;
import io.benchfleet.protocol.sweep.TaskSpec;

/**
 * The training and test samples of one task: its split and fold applied to the dataset, then its
 * train limit and fraction applied to the training part. The test part is never subsampled.
 */
public record TaskParts(LabelledSamples train, LabelledSamples test) {

    public static TaskParts of(DatasetLoader.TrainTest dataset, Split split, TaskSpec task) {
        TaskParts divided = divide(dataset, split, task);
        LabelledSamples train = TrainSubset.of(divided.train(), task.training().trainLimit(), task.trainFraction(), task.seed());
        return new TaskParts(train, divided.test());
    }

    private static StratifiedSplit.Partition holdout(LabelledSamples merged, Split.Holdout holdout, long seed) {
        return holdout.stratified() ? StratifiedSplit.holdout(merged, holdout.testFraction(), seed)
                : PlainSplit.holdout(merged.count(), holdout.testFraction(), seed);
    }

    private static StratifiedSplit.Partition kfold(LabelledSamples merged, Split.KFold kfold, int fold, long seed) {
        return kfold.stratified() ? StratifiedSplit.kfold(merged, kfold.k(), fold, seed)
                : PlainSplit.kfold(merged.count(), kfold.k(), fold, seed);
    }

    private static TaskParts divide(DatasetLoader.TrainTest dataset, Split split, TaskSpec task) {
        if (split instanceof Split.Standard) {
            if (dataset.test().count() == 0) {
                throw new DataFileException(dataset.directory() + ": the standard split leaves no test samples ("
                        + dataset.train().count() + " training samples); use a holdout or kfold split for this data");
            }
            return new TaskParts(dataset.train(), dataset.test());
        }
        LabelledSamples merged = dataset.train().concat(dataset.test());
        StratifiedSplit.Partition partition = split instanceof Split.Holdout holdout
                ? holdout(merged, holdout, task.seed())
                : kfold(merged, (Split.KFold) split, task.fold(), task.seed());
        return new TaskParts(merged.select(partition.train()), merged.select(partition.test()));
    }
}
