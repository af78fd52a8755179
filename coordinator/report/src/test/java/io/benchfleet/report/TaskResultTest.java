package io.benchfleet.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.benchfleet.rundirectory.AttemptStatus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TaskResultTest {

    private static final String RUN = "run-1";
    private static final Task TASK = new Task("t1", "mnist", "mlp-small", "cpu", "standard", 0, 1, Task.DL4J, 1.0);

    @Test
    void choosesTheSucceededAttemptOverALaterFailedOne() {
        TaskResult result = TaskResult.of(RUN, TASK,
                List.of(attempt(1, AttemptStatus.SUCCEEDED), attempt(2, AttemptStatus.FAILED)));

        assertThat(result.finalAttempt().orElseThrow().number()).isEqualTo(1);
        assertThat(result.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(result.failureReason()).isEmpty();
    }

    @Test
    void choosesTheLatestAttemptWhenNoneSucceeded() {
        TaskResult result = TaskResult.of(RUN, TASK,
                List.of(attempt(2, AttemptStatus.FAILED), attempt(1, AttemptStatus.FAILED)));

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
        RecordedAttempt running = AttemptFixture.attempt("a1", "t1", 1, AttemptStatus.RUNNING).build();

        TaskResult result = TaskResult.of(RUN, TASK, List.of(running));

        assertThat(result.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(result.failureReason()).contains("attempt 1 has status running and no failure message");
        assertThat(running.worker()).isEqualTo("w-1");
    }

    private static RecordedAttempt attempt(int number, AttemptStatus status) {
        boolean failed = status == AttemptStatus.FAILED;
        return AttemptFixture.attempt("a" + number, "t1", number, status)
                .workerHostname(Optional.of("alpha"))
                .failureKind(failed ? Optional.of("CRASHED") : Optional.empty())
                .failureMessage(failed ? Optional.of("attempt " + number + " broke") : Optional.empty())
                .trainSeconds(Optional.of(10.0 * number))
                .build();
    }
}
