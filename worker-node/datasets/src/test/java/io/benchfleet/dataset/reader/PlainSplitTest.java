package io.benchfleet.dataset.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PlainSplitTest {

    private static final int COUNT = 123;
    private static final int K = 10;

    @Test
    void aHoldoutTestsOnItsShareOfAllSamplesAndTrainsOnTheRest() {
        StratifiedSplit.Partition p = PlainSplit.holdout(COUNT, 0.3, 7);

        assertThat(p.test()).hasSize(37);
        assertThat(IntStream.concat(Arrays.stream(p.train()), Arrays.stream(p.test())).sorted().toArray())
                .isEqualTo(IntStream.range(0, COUNT).toArray());
    }

    @Test
    void foldsAreDisjointCoverEverySampleOnceAndDifferInSizeByAtMostOne() {
        int[] timesTested = new int[COUNT];
        int[] sizes = new int[K];
        for (int fold = 1; fold <= K; fold++) {
            StratifiedSplit.Partition p = PlainSplit.kfold(COUNT, K, fold, 7);
            Arrays.stream(p.test()).forEach(i -> timesTested[i]++);
            sizes[fold - 1] = p.test().length;
            assertThat(p.train()).hasSize(COUNT - p.test().length);
        }
        assertThat(timesTested).containsOnly(1);
        assertThat(sizes).containsOnly(12, 13);
    }

    /** Unlike the stratified split, the classes play no part: a plain split can leave a class out of a test part. */
    @Test
    void ignoresTheClassesSoASplitCanMissAClass() {
        LabelledSamples skewed = Samples.withClassCounts(95, 3);
        boolean someFoldLacksTheSmallClass = IntStream.rangeClosed(1, K).anyMatch(fold ->
                Samples.classCounts(skewed, PlainSplit.kfold(skewed.count(), K, fold, 3).test())[1] == 0);
        boolean everyStratifiedFoldHasItOrNot = IntStream.rangeClosed(1, K).allMatch(fold ->
                Samples.classCounts(skewed, StratifiedSplit.kfold(skewed, K, fold, 3).test())[1] <= 1);

        assertThat(someFoldLacksTheSmallClass).isTrue();
        assertThat(everyStratifiedFoldHasItOrNot).isTrue();
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        assertThat(PlainSplit.holdout(COUNT, 0.3, 7).test()).isEqualTo(PlainSplit.holdout(COUNT, 0.3, 7).test())
                .isNotEqualTo(PlainSplit.holdout(COUNT, 0.3, 8).test());
        assertThat(PlainSplit.kfold(COUNT, K, 4, 7).test()).isEqualTo(PlainSplit.kfold(COUNT, K, 4, 7).test());
    }

    @Test
    void aFoldOutsideOneToKIsRefused() {
        assertThatThrownBy(() -> PlainSplit.kfold(COUNT, K, 0, 7)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fold 0 of a 10-fold split; expected 1..10");
    }
}
