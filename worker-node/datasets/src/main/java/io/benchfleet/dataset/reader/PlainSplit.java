package io.benchfleet.dataset.reader;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Seeded divisions of the merged data that ignore the classes, as scikit-learn's train_test_split (without
 * stratify) and KFold (with shuffling) make them, which S4 used: one shuffle of all samples, then the first share
 * tests, or the k-th contiguous part of it does. A class may so be over- or under-represented in a test part.
 */
public final class PlainSplit {

    private PlainSplit() {
    }

    /** {@code round(count x testFraction)} samples of the shuffle test, the rest trains. */
    public static StratifiedSplit.Partition holdout(int count, double testFraction, long seed) {
        List<Integer> shuffled = shuffled(count, seed);
        return partition(count, shuffled.subList(0, (int) Math.round(count * testFraction)));
    }

    /** Fold {@code fold} (1..k): the fold-th of k contiguous parts of the shuffle, the first {@code count % k} one longer. */
    public static StratifiedSplit.Partition kfold(int count, int k, int fold, long seed) {
        if (fold < 1 || fold > k) {
            throw new IllegalArgumentException("fold " + fold + " of a " + k + "-fold split; expected 1.." + k);
        }
        List<Integer> shuffled = shuffled(count, seed);
        int start = 0;
        for (int f = 1; f < fold; f++) {
            start += partSize(count, k, f);
        }
        return partition(count, shuffled.subList(start, start + partSize(count, k, fold)));
    }

    private static int partSize(int count, int k, int fold) {
        return count / k + (fold <= count % k ? 1 : 0);
    }

    private static List<Integer> shuffled(int count, long seed) {
        List<Integer> indices = new ArrayList<>(IntStream.range(0, count).boxed().toList());
        Collections.shuffle(indices, new Random(seed));
        return indices;
    }

    private static StratifiedSplit.Partition partition(int count, List<Integer> test) {
        boolean[] inTest = new boolean[count];
        test.forEach(i -> inTest[i] = true);
        return new StratifiedSplit.Partition(IntStream.range(0, count).filter(i -> !inTest[i]).toArray(),
                IntStream.range(0, count).filter(i -> inTest[i]).toArray());
    }
}
