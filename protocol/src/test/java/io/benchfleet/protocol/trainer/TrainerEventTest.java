package io.benchfleet.protocol.trainer;

import io.benchfleet.protocol.trainer.TrainerEvent.FailureKind;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/** Events also travel as cluster messages: a record that holds a null would break whoever reads it later. */
class TrainerEventTest {

    @Test
    void aFailedEventRefusesAMissingKindOrMessage() {
        assertThatNullPointerException().isThrownBy(() -> new TrainerEvent.Failed(null, "boom")).withMessageContaining("kind");
        assertThatNullPointerException().isThrownBy(() -> new TrainerEvent.Failed(FailureKind.ERROR, null))
                .withMessageContaining("message");
    }

    @Test
    void aStartedEventRefusesAMissingFrameworkButNotWhatOnlySomeTrainersHave() {
        assertThatNullPointerException().isThrownBy(() -> new TrainerEvent.Started(1, null, "1.13.1", 1, 1, "CPU",
                List.of(), 1, 1, 1, 1.0, "")).withMessageContaining("framework");
        assertThatNullPointerException().isThrownBy(() -> new TrainerEvent.Started(1, "dl4j", "1.0.0-M2.1", 1, 1,
                "CPU", Arrays.asList("0:DenseLayer=none", null), 1, 1, 1, 1.0, ""));

        var pytorch = new TrainerEvent.Started(1, "pytorch", "1.13.1", 1, 1, null, null, 1, 1, 1, 1.0, null);

        assertThat(pytorch.backend()).isEmpty();
        assertThat(pytorch.layerHelpers()).isEmpty();
        assertThat(pytorch.withPartition("ab12").partitionSha256()).isEqualTo("ab12");
    }

    @Test
    void aTrainerMayReportOnlyFailuresOfItsOwnAttempt() {
        assertThat(FailureKind.byTrainer()).containsExactlyInAnyOrder(FailureKind.BAD_INPUT, FailureKind.DIVERGED,
                FailureKind.ERROR, FailureKind.OUT_OF_MEMORY, FailureKind.DATA_UNAVAILABLE);
    }
}
