package io.benchfleet.dataset.reader;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A seeded, stratified subset of a training part: every class keeps its share, so a train limit or
 * fraction changes how much data a network sees, not which classes it sees.
 */
public final class TrainSubset {

    private TrainSubset() {
    }

    /**
     * {@code fraction} of the part, after capping it at {@code limit} samples (0 = no cap): with
     * train-limit 10000 and fractions [0.1, 1.0] the tasks train on 1,000 and 10,000 samples.
     */
    public static LabelledSamples of(LabelledSamples part, int limit, double fraction, long seed) {
        int capped = limit == 0 ? part.count() : Math.min(limit, part.count());
        int wanted = Math.max(1, (int) Math.round(capped * fraction));
        if (wanted >= part.count()) {
            return part;
        }
        Strata strata = Strata.of(part, seed);
        int[] quota = strata.quotas(wanted);
        List<Integer> chosen = new ArrayList<>(wanted);
        for (int c = 0; c < strata.classes(); c++) {
            chosen.addAll(strata.ofClass(c).subList(0, quota[c]));
        }
        Collections.shuffle(chosen, new Random(seed));
        return part.select(chosen.stream().mapToInt(Integer::intValue).toArray());
    }
}
