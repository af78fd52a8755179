package io.benchfleet.trainer.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A seeded, stratified subset of a training part: every class keeps its share, so a train limit
 * changes how much data a network sees, not which classes it sees.
 */
public final class TrainSubset {

    private TrainSubset() {
    }

    /** The whole part when {@code limit} is 0 or not smaller than it. */
    public static LabelledImages of(LabelledImages part, int limit, long seed) {
        if (limit == 0 || limit >= part.count()) {
            return part;
        }
        List<List<Integer>> byClass = indicesByClass(part, new Random(seed));
        List<Integer> chosen = new ArrayList<>(limit);
        int[] quota = quotas(byClass, part.count(), limit);
        for (int c = 0; c < byClass.size(); c++) {
            chosen.addAll(byClass.get(c).subList(0, quota[c]));
        }
        Collections.shuffle(chosen, new Random(seed));
        return part.select(chosen.stream().mapToInt(Integer::intValue).toArray());
    }

    private static List<List<Integer>> indicesByClass(LabelledImages part, Random random) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < part.classes(); c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < part.count(); i++) {
            byClass.get(part.label(i)).add(i);
        }
        byClass.forEach(indices -> Collections.shuffle(indices, random));
        return byClass;
    }

    /** Proportional counts per class; the remainder goes to the classes with the largest fractions. */
    private static int[] quotas(List<List<Integer>> byClass, int total, int limit) {
        int classes = byClass.size();
        int[] quota = new int[classes];
        double[] fraction = new double[classes];
        int assigned = 0;
        for (int c = 0; c < classes; c++) {
            double exact = (double) byClass.get(c).size() * limit / total;
            quota[c] = (int) Math.floor(exact);
            fraction[c] = exact - quota[c];
            assigned += quota[c];
        }
        while (assigned < limit) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
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
