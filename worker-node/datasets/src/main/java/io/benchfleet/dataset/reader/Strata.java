package io.benchfleet.dataset.reader;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A part's sample indices grouped by class, each group in a seeded random order: what every stratified
 * draw (train subsets, hold-out, k-fold) starts from. {@link Random} and {@link Collections#shuffle}
 * are specified to the bit, so the same seed gives the same groups on every JVM and machine.
 */
final class Strata {

    private final List<List<Integer>> byClass;

    private Strata(List<List<Integer>> byClass) {
        this.byClass = byClass;
    }

    static Strata of(LabelledSamples part, long seed) {
        Random random = new Random(seed);
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < part.classes(); c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < part.count(); i++) {
            byClass.get(part.label(i)).add(i);
        }
        byClass.forEach(indices -> Collections.shuffle(indices, random));
        return new Strata(byClass);
    }

    int classes() {
        return byClass.size();
    }

    /** Class {@code c}'s indices in their shuffled order. */
    List<Integer> ofClass(int c) {
        return byClass.get(c);
    }

    /**
     * How many of {@code wanted} samples each class gives, in proportion to its size; the remainder goes
     * to the classes with the largest fractions, so every class is within one of its exact share.
     */
    int[] quotas(int wanted) {
        int total = byClass.stream().mapToInt(List::size).sum();
        int[] quota = new int[byClass.size()];
        double[] fraction = new double[byClass.size()];
        int assigned = 0;
        for (int c = 0; c < byClass.size(); c++) {
            double exact = (double) byClass.get(c).size() * wanted / total;
            quota[c] = (int) Math.floor(exact);
            fraction[c] = exact - quota[c];
            assigned += quota[c];
        }
        while (assigned < wanted) {
            int best = 0;
            for (int c = 1; c < byClass.size(); c++) {
                if (fraction[c] > fraction[best]) {
                    best = c;
                }
            }
            quota[best]++;
            fraction[best] = -1;
            assigned++;
        }
        return quota;
    }
}
