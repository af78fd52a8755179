package io.benchfleet.dataset.reader;

import io.benchfleet.protocol.architecture.Shape;
import io.benchfleet.dataset.Normalisation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FeatureScalingTest {

    /** Two features over four samples: the first 0, 2, 4, 6 (mean 3, std sqrt 5), the second always 7. */
    private static final LabelledSamples TRAIN = new LabelledSamples(
            new byte[] {0, 7, 2, 7, 4, 7, 6, 7}, new byte[4], Shape.flat(2), 1);

    @Test
    void pixelsAreDividedBy255WhateverTheData() {
        FeatureScaling scaling = FeatureScaling.fit(Normalisation.UNIT_RANGE, TRAIN);

        assertThat(scaling.apply(0, 255)).isEqualTo(1f);
        assertThat(scaling.apply(1, 51)).isEqualTo(0.2f, within(1e-6f));
    }

    @Test
    void standardisingUsesTheTrainingPartsMeanAndDeviationPerFeature() {
        FeatureScaling scaling = FeatureScaling.fit(Normalisation.STANDARDISE, TRAIN);

        assertThat(scaling.apply(0, 3)).isEqualTo(0f);
        assertThat(scaling.apply(0, 6)).isEqualTo((float) (3 / Math.sqrt(5)), within(1e-6f));
        // A test sample beyond the training range is scaled, not refitted: no leakage from the test part.
        assertThat(scaling.apply(0, 15)).isEqualTo((float) (12 / Math.sqrt(5)), within(1e-5f));
        assertThat(scaling.apply(1, 7)).isEqualTo(0f);
    }

    @Test
    void rawFeaturesAreTheFilesValuesAndOnlyAStandardisedDatasetHasAnyToLeaveOut() {
        FeatureScaling scaling = FeatureScaling.fit(Normalisation.NONE, TRAIN);

        assertThat(scaling.apply(0, 15)).isEqualTo(15f);
        assertThat(scaling.apply(1, 0)).isEqualTo(0f);
        assertThat(Normalisation.STANDARDISE.forRawFeatures()).isEqualTo(Normalisation.NONE);
        assertThat(Normalisation.UNIT_RANGE.forRawFeatures()).as("images stay in [0, 1]").isEqualTo(Normalisation.UNIT_RANGE);
    }
}
