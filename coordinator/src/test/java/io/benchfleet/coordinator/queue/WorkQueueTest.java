package io.benchfleet.coordinator.queue;

import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.protocol.architecture.Optimizer;
import io.benchfleet.protocol.trainer.TrainerEvent;
import io.benchfleet.protocol.trainer.TrainerEvent.FailureKind;
import io.benchfleet.protocol.sweep.Device;
import io.benchfleet.protocol.sweep.TaskSpec;
import io.benchfleet.protocol.sweep.TrainingSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class WorkQueueTest {

    private static final TrainerEvent FINISHED = new TrainerEvent.Finished(1, 1, 0.9, 0.3);
    private static final TrainerEvent FAILED = new TrainerEvent.Failed(TrainerEvent.FailureKind.ERROR, "boom");

    private static TaskSpec task(int repetition, Device device) {
        return new TaskSpec("mnist", "mlp-small", device, "standard", 0, repetition, repetition,
                new TrainingSettings(1, 128, 0, Optimizer.of(Optimizer.Kind.ADAM, 0.001)));
    }

    private static final AttemptLimits THREE_TRIES = new AttemptLimits(3, Duration.ofMinutes(1));

    private static WorkQueue queue(List<TaskSpec> tasks) {
        return new WorkQueue(tasks, THREE_TRIES, RunHistory.NONE);
    }

    private static TrainerEvent failure(FailureKind kind) {
        return new TrainerEvent.Failed(kind, kind.name().toLowerCase());
    }

    @Test
    void handsOutTasksInSweepOrderAsNumberedAttempts() {
        WorkQueue queue = queue(List.of(task(1, Device.CPU), task(2, Device.CPU)));

        Attempt first = queue.assign("w1", SlotName.cpu()).orElseThrow();
        Attempt second = queue.assign("w2", SlotName.cpu()).orElseThrow();

        assertThat(first.task()).isEqualTo(task(1, Device.CPU));
        assertThat(first.id()).isEqualTo(task(1, Device.CPU).id() + "-a1");
        assertThat(first.number()).isEqualTo(1);
        assertThat(second.task()).isEqualTo(task(2, Device.CPU));
        assertThat(queue.progress()).isEqualTo(new Progress(0, 2, 0, 0));
    }

    @Test
    void answersNoneNowWhenNothingIsQueued() {
        WorkQueue queue = queue(List.of(task(1, Device.CPU)));
        queue.assign("w1", SlotName.cpu());

        assertThat(queue.assign("w2", SlotName.cpu())).isEmpty();
    }

    @Test
    void aSlotOnlyGetsTasksOfItsDevice() {
        WorkQueue queue = queue(List.of(task(1, Device.GPU), task(2, Device.CPU)));

        assertThat(queue.assign("w1", SlotName.cpu()).orElseThrow().task().device()).isEqualTo(Device.CPU);
        assertThat(queue.assign("w1", SlotName.cpu())).isEmpty();
        assertThat(queue.assign("w2", SlotName.gpu(0)).orElseThrow().task().device()).isEqualTo(Device.GPU);
    }

    @Test
    void countsTheQueuedTasksNoOfferedDeviceCanRun() {
        WorkQueue queue = queue(List.of(task(1, Device.GPU), task(2, Device.CPU), task(3, Device.GPU)));

        assertThat(queue.queuedWithout(Set.of(Device.CPU))).isEqualTo(Map.of(Device.GPU, 2));
        assertThat(queue.queuedWithout(Set.of(Device.CPU, Device.GPU))).isEmpty();
    }

    @Test
    void unschedulableTasksAreTakenOnlyOnceNothingElseCanRun() {
        WorkQueue queue = queue(List.of(task(1, Device.GPU), task(2, Device.CPU)));
        Set<Device> cpuOnly = Set.of(Device.CPU);

        assertThat(queue.takeUnschedulable(cpuOnly, "coordinator")).as("a cpu task is still queued").isEmpty();
        Attempt cpu = queue.assign("w1", SlotName.cpu()).orElseThrow();
        assertThat(queue.takeUnschedulable(cpuOnly, "coordinator")).as("a cpu task still runs").isEmpty();
        queue.end(cpu.id(), FINISHED);

        List<Attempt> taken = queue.takeUnschedulable(cpuOnly, "coordinator");
        assertThat(taken).extracting(Attempt::task).containsExactly(task(1, Device.GPU));
        assertThat(taken.get(0).workerId()).isEqualTo("coordinator");
        queue.end(taken.get(0).id(), failure(FailureKind.UNSCHEDULABLE));
        assertThat(queue.progress()).isEqualTo(new Progress(1, 0, 1, 0));
        assertThat(queue.progress().isComplete()).isTrue();
    }

    @Test
    void noTaskIsUnschedulableWhileItsDeviceIsOffered() {
        WorkQueue queue = queue(List.of(task(1, Device.GPU)));

        assertThat(queue.takeUnschedulable(Set.of(Device.CPU, Device.GPU), "coordinator")).isEmpty();
        assertThat(queue.assign("w1", SlotName.gpu(0))).isPresent();
    }

    @Test
    void finishedAndFailedAttemptsEndTheirTasks() {
        WorkQueue queue = queue(List.of(task(1, Device.CPU), task(2, Device.CPU)));
        Attempt first = queue.assign("w1", SlotName.cpu()).orElseThrow();
        Attempt second = queue.assign("w1", SlotName.cpu()).orElseThrow();

        queue.end(first.id(), FINISHED);
        queue.end(second.id(), FAILED);

        assertThat(queue.progress()).isEqualTo(new Progress(1, 0, 1, 0));
        assertThat(queue.progress().isComplete()).isTrue();
    }

    @Test
    void aSecondFinalEventForTheSameAttemptChangesNothing() {
        WorkQueue queue = queue(List.of(task(1, Device.CPU)));
        Attempt attempt = queue.assign("w1", SlotName.cpu()).orElseThrow();
        queue.end(attempt.id(), FINISHED);

        assertThat(queue.end(attempt.id(), FAILED)).isEmpty();
        assertThat(queue.progress()).isEqualTo(new Progress(1, 0, 0, 0));
    }

    @Test
    void anUnknownAttemptIsIgnored() {
        WorkQueue queue = queue(List.of(task(1, Device.CPU)));

        assertThat(queue.end("nope-a1", FINISHED)).isEmpty();
        assertThat(queue.runningAttempt("nope-a1")).isEmpty();
        assertThat(queue.progress()).isEqualTo(new Progress(0, 0, 0, 1));
    }

    @Test
    void anEndedAttemptIsStillKnownForItsTrailingSamples() {
        WorkQueue queue = queue(List.of(task(1, Device.CPU)));
        Attempt attempt = queue.assign("w1", SlotName.cpu()).orElseThrow();
        queue.end(attempt.id(), FINISHED);

        assertThat(queue.runningAttempt(attempt.id())).isEmpty();
        assertThat(queue.knownAttempt(attempt.id())).contains(attempt);
    }

    @Test
    void aCrashedAttemptIsRetriedFirstAsTheNextAttemptNumber() {
        WorkQueue queue = queue(List.of(task(1, Device.CPU), task(2, Device.CPU)));
        Attempt first = queue.assign("w1", SlotName.cpu()).orElseThrow();

        WorkQueue.Ended ended = queue.end(first.id(), failure(FailureKind.CRASHED)).orElseThrow();
        Attempt retry = queue.assign("w2", SlotName.cpu()).orElseThrow();

        assertThat(ended.retried()).isTrue();
        assertThat(retry.task()).isEqualTo(first.task());
        assertThat(retry.number()).isEqualTo(2);
        assertThat(retry.id()).isEqualTo(first.task().id() + "-a2");
    }

    @Test
    void infrastructureFailuresAreRetriedUntilMaxAttemptsThenTheTaskFails() {
        WorkQueue queue = queue(List.of(task(1, Device.CPU)));

        queue.end(queue.assign("w1", SlotName.cpu()).orElseThrow().id(), failure(FailureKind.CRASHED));
        queue.end(queue.assign("w1", SlotName.cpu()).orElseThrow().id(), failure(FailureKind.TIMED_OUT));
        WorkQueue.Ended third = queue.end(queue.assign("w1", SlotName.cpu()).orElseThrow().id(),
                failure(FailureKind.WORKER_LOST)).orElseThrow();

        assertThat(third.retried()).isFalse();
        assertThat(third.attempt().number()).isEqualTo(3);
        assertThat(queue.assign("w1", SlotName.cpu())).isEmpty();
        assertThat(queue.progress()).isEqualTo(new Progress(0, 0, 1, 0));
    }

    @Test
    void deterministicFailuresAreNeverRetried() {
        for (FailureKind kind : List.of(FailureKind.BAD_INPUT, FailureKind.DIVERGED, FailureKind.ERROR)) {
            WorkQueue queue = queue(List.of(task(1, Device.CPU)));

            WorkQueue.Ended ended = queue.end(queue.assign("w1", SlotName.cpu()).orElseThrow().id(), failure(kind)).orElseThrow();

            assertThat(ended.retried()).as(kind.name()).isFalse();
            assertThat(queue.progress()).as(kind.name()).isEqualTo(new Progress(0, 0, 1, 0));
        }
    }

    @Test
    void aHandedBackAttemptIsQueuedAgainWithoutUsingUpATry() {
        WorkQueue queue = new WorkQueue(List.of(task(1, Device.CPU)), new AttemptLimits(1, Duration.ofMinutes(1)),
                RunHistory.NONE);

        queue.end(queue.assign("w1", SlotName.cpu()).orElseThrow().id(), failure(FailureKind.HANDED_BACK));
        Attempt second = queue.assign("w2", SlotName.cpu()).orElseThrow();
        WorkQueue.Ended crashed = queue.end(second.id(), failure(FailureKind.CRASHED)).orElseThrow();

        assertThat(second.number()).isEqualTo(2);
        assertThat(crashed.retried()).isFalse();
    }

    @Test
    void theAttemptsOfALostWorkerNodeAreTheOnesRunningOnIt() {
        WorkQueue queue = queue(List.of(task(1, Device.CPU), task(2, Device.CPU), task(3, Device.CPU)));
        Attempt onLost = queue.assign("lost", SlotName.cpu()).orElseThrow();
        queue.assign("alive", SlotName.cpu()).orElseThrow();
        Attempt endedOnLost = queue.assign("lost", SlotName.cpu()).orElseThrow();
        queue.end(endedOnLost.id(), FINISHED);

        assertThat(queue.runningOn("lost")).containsExactly(onLost);
    }

    @Test
    void aLateResultOfAGivenUpAttemptIsIgnoredAndTheTaskHasOneResult() {
        WorkQueue queue = queue(List.of(task(1, Device.CPU)));
        Attempt lost = queue.assign("lost", SlotName.cpu()).orElseThrow();
        queue.end(lost.id(), failure(FailureKind.WORKER_LOST));
        Attempt retry = queue.assign("alive", SlotName.cpu()).orElseThrow();
        queue.end(retry.id(), FINISHED);

        assertThat(queue.end(lost.id(), FINISHED)).isEmpty();
        assertThat(queue.runningAttempt(lost.id())).isEmpty();
        assertThat(queue.progress()).isEqualTo(new Progress(1, 0, 0, 0));
    }

    @Test
    void aResumedRunSkipsSucceededTasksAndNumbersAttemptsOnFromTheHistory() {
        TaskSpec succeeded = task(1, Device.CPU);
        TaskSpec stopped = task(2, Device.CPU);
        RunHistory history = new RunHistory(Set.of(succeeded.id()), Map.of(succeeded.id(), 1, stopped.id(), 3));
        WorkQueue queue = new WorkQueue(List.of(succeeded, stopped), new AttemptLimits(1, Duration.ofMinutes(1)), history);

        Attempt attempt = queue.assign("w1", SlotName.cpu()).orElseThrow();

        assertThat(attempt.task()).isEqualTo(stopped);
        assertThat(attempt.number()).isEqualTo(4);
        assertThat(queue.progress()).isEqualTo(new Progress(1, 1, 0, 0));
    }
}
