package io.benchfleet.dataset.reader;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StratifiedSplitTest {

    /** Uneven classes, as letter's are (734 to 813 per letter), and sizes k does not divide. */
    private static final LabelledSamples DATA = Samples.withClassCounts(23, 41, 7, 30, 19);
    private static final int K = 10;

    @Test
    void foldsAreDisjointAndTogetherTestEverySampleOnce() {
        int[] timesTested = new int[DATA.count()];
        for (int fold = 1; fold <= K; fold++) {
            StratifiedSplit.Partition p = StratifiedSplit.kfold(DATA, K, fold, 5);
            Arrays.stream(p.test()).forEach(i -> timesTested[i]++);
            assertThat(IntStream.concat(Arrays.stream(p.train()), Arrays.stream(p.test())).sorted().toArray())
                    .isEqualTo(IntStream.range(0, DATA.count()).toArray());
        }
        assertThat(timesTested).containsOnly(1);
    }

    @Test
    void everyFoldHoldsEachClassWithinOneOfItsShareAndFoldSizesDifferByAtMostOne() {
        int[] perClass = Samples.classCounts(DATA, IntStream.range(0, DATA.count()).toArray());
        int[] sizes = new int[K];
        for (int fold = 1; fold <= K; fold++) {
            int[] test = StratifiedSplit.kfold(DATA, K, fold, 5).test();
            sizes[fold - 1] = test.length;
            int[] counts = Samples.classCounts(DATA, test);
            for (int c = 0; c < counts.length; c++) {
                assertThat((double) counts[c]).isCloseTo((double) perClass[c] / K, org.assertj.core.data.Offset.offset(1.0));
            }
        }
        assertThat(Arrays.stream(sizes).max().orElseThrow() - Arrays.stream(sizes).min().orElseThrow()).isLessThanOrEqualTo(1);
    }

    /** java.util.Random and Collections.shuffle are specified to the bit: these folds are the same on any JVM. */
    @Test
    void theSameSeedGivesTheSameFoldsOnAnyMachine() {
        assertThat(StratifiedSplit.kfold(DATA, K, 3, 5).test()).isEqualTo(StratifiedSplit.kfold(DATA, K, 3, 5).test());
        assertThat(StratifiedSplit.kfold(DATA, K, 3, 5).test()).isNotEqualTo(StratifiedSplit.kfold(DATA, K, 3, 6).test());
        assertThat(StratifiedSplit.kfold(Samples.withClassCounts(4, 4), 2, 1, 1).test()).containsExactly(FROZEN_FOLD);
    }

    @Test
    void aHoldoutTestsOnTheFractionOfEveryClass() {
        StratifiedSplit.Partition p = StratifiedSplit.holdout(DATA, 0.3, 9);
        int[] perClass = Samples.classCounts(DATA, IntStream.range(0, DATA.count()).toArray());

        assertThat(p.test()).hasSize((int) Math.round(DATA.count() * 0.3));
        assertThat(p.train().length + p.test().length).isEqualTo(DATA.count());
        assertThat(Arrays.stream(p.train()).filter(i -> Arrays.binarySearch(p.test(), i) >= 0)).isEmpty();
        int[] tested = Samples.classCounts(DATA, p.test());
        for (int c = 0; c < tested.length; c++) {
            assertThat((double) tested[c]).isCloseTo(perClass[c] * 0.3, org.assertj.core.data.Offset.offset(1.0));
        }
        assertThat(StratifiedSplit.holdout(DATA, 0.3, 9).test()).isEqualTo(p.test());
    }

    @Test
    void aFoldOutsideOneToKIsRefused() {
        assertThatThrownBy(() -> StratifiedSplit.kfold(DATA, K, 0, 1)).hasMessage("fold 0 of a 10-fold split; expected 1..10");
    }

    private static final int[] FROZEN_FOLD = {2, 5, 6, 7};
}
