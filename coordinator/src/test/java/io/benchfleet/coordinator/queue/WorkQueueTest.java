package io.benchfleet.coordinator.queue;

import io.benchfleet.protocol.event.TrainerEvent;
import io.benchfleet.protocol.sweep.Device;
import io.benchfleet.protocol.sweep.TaskSpec;
import io.benchfleet.protocol.sweep.TrainingSettings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WorkQueueTest {

    private static final TrainerEvent FINISHED = new TrainerEvent.Finished(1, 1, 0.9, 0.3);
    private static final TrainerEvent FAILED = new TrainerEvent.Failed(TrainerEvent.FailureKind.ERROR, "boom");

    private static TaskSpec task(int repetition, Device device) {
        return new TaskSpec("mnist", "mlp-small", device, "standard", 0, repetition, repetition,
                new TrainingSettings(1, 128, 0));
    }

    @Test
    void handsOutTasksInSweepOrderAsNumberedAttempts() {
        WorkQueue queue = new WorkQueue(List.of(task(1, Device.CPU), task(2, Device.CPU)));

        Attempt first = queue.assign("w1", "cpu").orElseThrow();
        Attempt second = queue.assign("w2", "cpu").orElseThrow();

        assertThat(first.task()).isEqualTo(task(1, Device.CPU));
        assertThat(first.id()).isEqualTo(task(1, Device.CPU).id() + "-a1");
        assertThat(first.number()).isEqualTo(1);
        assertThat(second.task()).isEqualTo(task(2, Device.CPU));
        assertThat(queue.progress()).isEqualTo(new Progress(0, 2, 0, 0));
    }

    @Test
    void answersNoneNowWhenNothingIsQueued() {
        WorkQueue queue = new WorkQueue(List.of(task(1, Device.CPU)));
        queue.assign("w1", "cpu");

        assertThat(queue.assign("w2", "cpu")).isEmpty();
    }

    @Test
    void aSlotOnlyGetsTasksOfItsDevice() {
        WorkQueue queue = new WorkQueue(List.of(task(1, Device.GPU), task(2, Device.CPU)));

        assertThat(queue.assign("w1", "cpu").orElseThrow().task().device()).isEqualTo(Device.CPU);
        assertThat(queue.assign("w1", "cpu")).isEmpty();
        assertThat(queue.assign("w2", "gpu:0").orElseThrow().task().device()).isEqualTo(Device.GPU);
    }

    @Test
    void aSlotOfAnUnknownKindGetsNothing() {
        WorkQueue queue = new WorkQueue(List.of(task(1, Device.CPU)));

        assertThat(queue.assign("w1", "tpu:0")).isEmpty();
        assertThat(queue.progress().queued()).isEqualTo(1);
    }

    @Test
    void finishedAndFailedAttemptsEndTheirTasks() {
        WorkQueue queue = new WorkQueue(List.of(task(1, Device.CPU), task(2, Device.CPU)));
        Attempt first = queue.assign("w1", "cpu").orElseThrow();
        Attempt second = queue.assign("w1", "cpu").orElseThrow();

        queue.end(first.id(), FINISHED);
        queue.end(second.id(), FAILED);

        assertThat(queue.progress()).isEqualTo(new Progress(1, 0, 1, 0));
        assertThat(queue.progress().isComplete()).isTrue();
    }

    @Test
    void aSecondFinalEventForTheSameAttemptChangesNothing() {
        WorkQueue queue = new WorkQueue(List.of(task(1, Device.CPU)));
        Attempt attempt = queue.assign("w1", "cpu").orElseThrow();
        queue.end(attempt.id(), FINISHED);

        assertThat(queue.end(attempt.id(), FAILED)).isEmpty();
        assertThat(queue.progress()).isEqualTo(new Progress(1, 0, 0, 0));
    }

    @Test
    void anUnknownAttemptIsIgnored() {
        WorkQueue queue = new WorkQueue(List.of(task(1, Device.CPU)));

        assertThat(queue.end("nope-a1", FINISHED)).isEmpty();
        assertThat(queue.runningAttempt("nope-a1")).isEmpty();
        assertThat(queue.progress()).isEqualTo(new Progress(0, 0, 0, 1));
    }

    @Test
    void anEndedAttemptIsStillKnownForItsTrailingSamples() {
        WorkQueue queue = new WorkQueue(List.of(task(1, Device.CPU)));
        Attempt attempt = queue.assign("w1", "cpu").orElseThrow();
        queue.end(attempt.id(), FINISHED);

        assertThat(queue.runningAttempt(attempt.id())).isEmpty();
        assertThat(queue.knownAttempt(attempt.id())).contains(attempt);
    }
}
