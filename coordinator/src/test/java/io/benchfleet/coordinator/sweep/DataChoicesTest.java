package io.benchfleet.coordinator.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.benchfleet.protocol.sweep.Split;
import io.benchfleet.protocol.sweep.Sweep;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a sweep divides and scales its data: a plain (unstratified) split, raw features. */
class DataChoicesTest {

    @TempDir
    Path dir;

    private Sweep sweep(String keys) throws IOException {
        return SweepFiles.load(SweepFiles.write(dir, "sweep { datasets = [letter], architectures = [s4-letter-mlp]\n"
                + keys + " }"));
    }

    @Test
    void aSplitIsStratifiedUnlessToldOtherwise() throws IOException {
        assertThat(sweep("split { kind = holdout }").split()).isEqualTo(new Split.Holdout(0.3, true));
        assertThat(sweep("split { kind = holdout, stratified = false }").split()).isEqualTo(new Split.Holdout(0.3, false));
        assertThat(sweep("split { kind = kfold, k = 5, stratified = false }").split()).isEqualTo(new Split.KFold(5, false));
        assertThat(sweep("split { kind = kfold, k = 5, stratified = false }").tasks())
                .extracting(task -> task.split()).containsOnly("kfold-5-plain");
    }

    @Test
    void theStandardSplitHasNothingToStratify() {
        assertThatThrownBy(() -> sweep("split { kind = standard, stratified = false }")).hasMessage(SweepFiles.NAME
                + ": sweep.split.stratified applies to kind = holdout or kfold, not to kind = standard");
    }

    @Test
    void featuresAreStandardisedUnlessNormalisationIsNone() throws IOException {
        assertThat(sweep("").tasks()).allSatisfy(task -> assertThat(task.training().rawFeatures()).isFalse());
        assertThat(sweep("training { normalisation = standardise }").tasks())
                .allSatisfy(task -> assertThat(task.training().rawFeatures()).isFalse());
        assertThat(sweep("training { normalisation = none }").tasks())
                .allSatisfy(task -> assertThat(task.training().rawFeatures()).isTrue());
        assertThat(sweep("training { normalisation = none }").tasks().get(0).id())
                .isNotEqualTo(sweep("").tasks().get(0).id());
    }

    @Test
    void anUnknownNormalisationOrLearningRateIsRefusedOnce() {
        assertThatThrownBy(() -> sweep("training { normalisation = minmax }")).hasMessage(SweepFiles.NAME
                + ": sweep.training.normalisation = 'minmax' is unknown: expected one of standardise, none");
        assertThatThrownBy(() -> sweep("training { learning-rate = 0 }")).hasMessage(SweepFiles.NAME
                + ": sweep.training.learning-rate = 0.0: expected a number > 0, such as 0.001");
    }
}
