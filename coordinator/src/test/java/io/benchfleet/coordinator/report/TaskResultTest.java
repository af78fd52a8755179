package io.benchfleet.coordinator.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TaskResultTest {

    private static final String RUN = "run-1";
    private static final Task TASK = new Task("t1", "mnist", "mlp-small", "cpu", "standard", 0, 1);

    @Test
    void choosesTheSucceededAttemptOverALaterFailedOne() {
        TaskResult result = TaskResult.of(RUN, TASK, List.of(attempt(1, "succeeded"), attempt(2, "failed")));

        assertThat(result.finalAttempt().orElseThrow().number()).isEqualTo(1);
        assertThat(result.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(result.failureReason()).isEmpty();
    }

    @Test
    void choosesTheLatestAttemptWhenNoneSucceeded() {
        TaskResult result = TaskResult.of(RUN, TASK, List.of(attempt(2, "failed"), attempt(1, "failed")));

        assertThat(result.finalAttempt().orElseThrow().number()).isEqualTo(2);
        assertThat(result.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(result.failureReason()).contains("CRASHED: attempt 2 broke");
    }

    @Test
    void isNotRunWithoutAttempts() {
        TaskResult result = TaskResult.of(RUN, TASK, List.of());

        assertThat(result.status()).isEqualTo(TaskStatus.NOT_RUN);
        assertThat(result.finalAttempt()).isEmpty();
        assertThat(result.failureReason()).isEmpty();
    }

    @Test
    void countsAnAttemptLeftRunningAsFailedAndSaysSo() {
        Attempt running = new Attempt("a1", "t1", 1, "w-1", Optional.empty(), "running", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        TaskResult result = TaskResult.of(RUN, TASK, List.of(running));

        assertThat(result.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(result.failureReason()).contains("attempt 1 has status running and no failure message");
        assertThat(running.worker()).isEqualTo("w-1");
    }

    private static Attempt attempt(int number, String status) {
        boolean failed = status.equals("failed");
        return new Attempt("a" + number, "t1", number, "w-1", Optional.of("alpha"), status,
                failed ? Optional.of("CRASHED") : Optional.empty(),
                failed ? Optional.of("attempt " + number + " broke") : Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(10.0 * number),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
