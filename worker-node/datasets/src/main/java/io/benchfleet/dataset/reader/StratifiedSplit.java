package io.benchfleet.dataset.reader;

import java.util.stream.IntStream;

/**
 * Stratified, seeded divisions of the merged data into a training and a test part. Every class is
 * within one sample of its exact share in each part; the same seed gives the same parts anywhere.
 */
public final class StratifiedSplit {

    private StratifiedSplit() {
    }

    /** Indices into the divided samples, each array ascending. */
    public record Partition(int[] train, int[] test) {
    }

    /** A hold-out: {@code testFraction} of every class tests, the rest trains. */
    public static Partition holdout(LabelledSamples data, double testFraction, long seed) {
        Strata strata = Strata.of(data, seed);
        int[] quota = strata.quotas((int) Math.round(data.count() * testFraction));
        boolean[] inTest = new boolean[data.count()];
        for (int c = 0; c < strata.classes(); c++) {
            strata.ofClass(c).subList(0, quota[c]).forEach(i -> inTest[i] = true);
        }
        return partition(inTest);
    }

    /**
     * Fold {@code fold} (1..k) of a k-fold: each class's shuffled samples are dealt round the folds like
     * cards, the deal carrying on from one class to the next, so folds are disjoint, cover every sample
     * once, hold every class within one of n/k, and differ in size by at most one.
     */
    public static Partition kfold(LabelledSamples data, int k, int fold, long seed) {
        if (fold < 1 || fold > k) {
            throw new IllegalArgumentException("fold " + fold + " of a " + k + "-fold split; expected 1.." + k);
        }
        Strata strata = Strata.of(data, seed);
        boolean[] inTest = new boolean[data.count()];
        int dealt = 0;
        for (int c = 0; c < strata.classes(); c++) {
            for (int index : strata.ofClass(c)) {
                inTest[index] = dealt % k + 1 == fold;
                dealt++;
            }
        }
        return partition(inTest);
    }

    private static Partition partition(boolean[] inTest) {
        int[] test = IntStream.range(0, inTest.length).filter(i -> inTest[i]).toArray();
        int[] train = IntStream.range(0, inTest.length).filter(i -> !inTest[i]).toArray();
        return new Partition(train, test);
    }
}
