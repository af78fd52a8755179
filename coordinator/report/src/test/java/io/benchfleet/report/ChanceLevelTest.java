package io.benchfleet.report;

import io.benchfleet.rundirectory.AttemptStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ChanceLevelTest {

    private static TaskResult letterTask(AttemptStatus status, double accuracy, long testSamples) {
        Task task = new Task("t1", "letter", "s4-letter-mlp", "cpu", "holdout-0.3", 0, 1, Task.DL4J, 1.0);
        RecordedAttempt attempt = AttemptFixture.attempt("a1", "t1", 1, status)
                .workerHostname(Optional.of("host"))
                .params(Optional.of(2570L))
                .trainSamples(Optional.of(14_000L))
                .testSamples(Optional.of(testSamples))
                .trainSeconds(Optional.of(10.0))
                .samplesPerSecond(Optional.of(1000.0))
                .testAccuracy(Optional.of(accuracy))
                .testLoss(Optional.of(3.2))
                .build();
        return TaskResult.of("run-1", task, List.of(attempt));
    }

    /** S4's letter runs: 3-4 % on 26 classes, where guessing gives 3.8 %. */
    @Test
    void accuracyAtChanceIsSuspect() {
        assertThat(letterTask(AttemptStatus.SUCCEEDED, 0.035, 6000).suspicion()).contains(
                "test accuracy 0.0350 is not clearly above chance 0.0385 for 26 classes (threshold 0.0459 at 6000 test samples)");
    }

    @Test
    void accuracyClearlyAboveChanceIsNot() {
        assertThat(letterTask(AttemptStatus.SUCCEEDED, 0.80, 6000).suspicion()).isEmpty();
    }

    @Test
    void theMarginWidensForSmallTestParts() {
        assertThat(letterTask(AttemptStatus.SUCCEEDED, 0.07, 100).suspicion()).isPresent();
        assertThat(letterTask(AttemptStatus.SUCCEEDED, 0.07, 100_000).suspicion()).isEmpty();
    }

    @Test
    void aFailedTaskIsFailedNotSuspect() {
        assertThat(letterTask(AttemptStatus.FAILED, 0.01, 6000).suspicion()).isEmpty();
    }
}
