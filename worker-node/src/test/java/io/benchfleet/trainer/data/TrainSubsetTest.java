package io.benchfleet.trainer.data;

import io.benchfleet.protocol.architecture.Shape;
import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class TrainSubsetTest {

    /** 100 one-pixel images; class c has 10 * (c + 1) of them, pixel = index, so picks are traceable. */
    private static LabelledImages unevenPart() {
        int[] labels = IntStream.range(0, 4).flatMap(c -> IntStream.range(0, 10 * (c + 1)).map(i -> c)).toArray();
        byte[] labelBytes = new byte[labels.length];
        byte[] pixels = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            labelBytes[i] = (byte) labels[i];
            pixels[i] = (byte) i;
        }
        return new LabelledImages(pixels, labelBytes, new Shape(1, 1, 1), 4);
    }

    private static int[] classCounts(LabelledImages part) {
        int[] counts = new int[part.classes()];
        for (int i = 0; i < part.count(); i++) {
            counts[part.label(i)]++;
        }
        return counts;
    }

    @Test
    void everyClassKeepsItsShare() {
        LabelledImages subset = TrainSubset.of(unevenPart(), 50, 1);

        assertThat(subset.count()).isEqualTo(50);
        assertThat(classCounts(subset)).containsExactly(5, 10, 15, 20);
    }

    @Test
    void theSameSeedPicksTheSameSamples() {
        assertThat(TrainSubset.of(unevenPart(), 30, 7).pixels()).isEqualTo(TrainSubset.of(unevenPart(), 30, 7).pixels());
        assertThat(TrainSubset.of(unevenPart(), 30, 7).pixels()).isNotEqualTo(TrainSubset.of(unevenPart(), 30, 8).pixels());
    }

    @Test
    void aLimitThatDoesNotDivideEvenlyStillGivesExactlyThatMany() {
        assertThat(TrainSubset.of(unevenPart(), 33, 1).count()).isEqualTo(33);
    }

    @Test
    void noLimitOrALargerOneKeepsTheWholePart() {
        LabelledImages part = unevenPart();

        assertThat(TrainSubset.of(part, 0, 1)).isSameAs(part);
        assertThat(TrainSubset.of(part, 1000, 1)).isSameAs(part);
    }
}
