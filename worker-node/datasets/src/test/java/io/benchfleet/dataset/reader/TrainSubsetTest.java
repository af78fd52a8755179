package io.benchfleet.dataset.reader;

import io.benchfleet.protocol.architecture.Shape;
import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class TrainSubsetTest {

    /** 100 one-pixel images; class c has 10 * (c + 1) of them, pixel = index, so picks are traceable. */
    private static LabelledSamples unevenPart() {
        int[] labels = IntStream.range(0, 4).flatMap(c -> IntStream.range(0, 10 * (c + 1)).map(i -> c)).toArray();
        byte[] labelBytes = new byte[labels.length];
        byte[] pixels = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            labelBytes[i] = (byte) labels[i];
            pixels[i] = (byte) i;
        }
        return new LabelledSamples(pixels, labelBytes, new Shape(1, 1, 1), 4);
    }

    private static int[] classCounts(LabelledSamples part) {
        int[] counts = new int[part.classes()];
        for (int i = 0; i < part.count(); i++) {
            counts[part.label(i)]++;
        }
        return counts;
    }

    @Test
    void everyClassKeepsItsShare() {
        LabelledSamples subset = TrainSubset.of(unevenPart(), 50, 1.0, 1);

        assertThat(subset.count()).isEqualTo(50);
        assertThat(classCounts(subset)).containsExactly(5, 10, 15, 20);
    }

    @Test
    void theSameSeedPicksTheSameSamples() {
        assertThat(TrainSubset.of(unevenPart(), 30, 1.0, 7).features()).isEqualTo(TrainSubset.of(unevenPart(), 30, 1.0, 7).features());
        assertThat(TrainSubset.of(unevenPart(), 30, 1.0, 7).features()).isNotEqualTo(TrainSubset.of(unevenPart(), 30, 1.0, 8).features());
    }

    @Test
    void aLimitThatDoesNotDivideEvenlyStillGivesExactlyThatMany() {
        assertThat(TrainSubset.of(unevenPart(), 33, 1.0, 1).count()).isEqualTo(33);
    }

    @Test
    void noLimitOrALargerOneKeepsTheWholePart() {
        LabelledSamples part = unevenPart();

        assertThat(TrainSubset.of(part, 0, 1.0, 1)).isSameAs(part);
        assertThat(TrainSubset.of(part, 1000, 1.0, 1)).isSameAs(part);
    }

    @Test
    void aFractionIsTakenOfThePartCappedByTheLimit() {
        LabelledSamples subset = TrainSubset.of(unevenPart(), 40, 0.25, 1);

        assertThat(subset.count()).isEqualTo(10);
        assertThat(classCounts(subset)).containsExactly(1, 2, 3, 4);
    }

    @Test
    void aFractionOfTheWholePartKeepsEveryClassWithinOneOfItsShare() {
        int[] counts = classCounts(TrainSubset.of(unevenPart(), 0, 0.1, 3));

        assertThat(counts).containsExactly(1, 2, 3, 4);
    }
}
