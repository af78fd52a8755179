package io.benchfleet.coordinator.sweep;

import io.benchfleet.coordinator.queue.AttemptLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sweep keys {@code retry.max-attempts} and {@code task-timeout}. */
class SweepFileAttemptLimitsTest {

    @TempDir
    Path dir;

    private SweepFile.Contents read(String sweepKeys) throws IOException {
        Path file = Files.writeString(dir.resolve("test.conf"),
                "sweep { datasets = [mnist], architectures = [mlp-small], " + sweepKeys + " }");
        return SweepFile.read(file);
    }

    @Test
    void withoutTheKeysAttemptsHaveTheDefaultLimits() throws IOException {
        assertThat(read("").attemptLimits()).isEqualTo(AttemptLimits.DEFAULT);
        assertThat(AttemptLimits.DEFAULT).isEqualTo(new AttemptLimits(3, Duration.ofHours(2)));
    }

    @Test
    void readsMaxAttemptsAndTaskTimeout() throws IOException {
        assertThat(read("retry { max-attempts = 5 }, task-timeout = 90m").attemptLimits())
                .isEqualTo(new AttemptLimits(5, Duration.ofMinutes(90)));
    }

    @Test
    void zeroAttemptsAreRefused() {
        assertThatThrownBy(() -> read("retry { max-attempts = 0 }")).isInstanceOf(SweepFileException.class)
                .hasMessage("test.conf: sweep.retry.max-attempts = 0: expected an integer >= 1");
    }

    @Test
    void anUnknownRetryKeyIsNamed() {
        assertThatThrownBy(() -> read("retry { attempts = 2 }")).isInstanceOf(SweepFileException.class)
                .hasMessage("test.conf: unknown key 'sweep.retry.attempts': expected one of sweep.retry.max-attempts");
    }

    @Test
    void aTimeoutThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> read("task-timeout = 0s")).isInstanceOf(SweepFileException.class)
                .hasMessage("test.conf: sweep.task-timeout = \"0s\": expected a positive duration such as 2h or 90m");
    }
}
