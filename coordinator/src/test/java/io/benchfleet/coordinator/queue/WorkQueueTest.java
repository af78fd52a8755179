package io.benchfleet.coordinator.queue;

import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.protocol.architecture.Optimizer;
import io.benchfleet.protocol.trainer.TrainerEvent;
import io.benchfleet.protocol.trainer.TrainerEvent.FailureKind;
import io.benchfleet.protocol.sweep.Device;
import io.benchfleet.protocol.sweep.Framework;
import io.benchfleet.protocol.sweep.TaskSpec;
import io.benchfleet.protocol.sweep.TrainingSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class WorkQueueTest {

    private static final TrainerEvent FINISHED = new TrainerEvent.Finished(1, 1, 0.9, 0.3);
    private static final TrainerEvent FAILED = new TrainerEvent.Failed(TrainerEvent.FailureKind.ERROR, "boom");

    private static TaskSpec task(int repetition, Device device) {
        return task("mnist", repetition, device);
    }

    private static TaskSpec task(String dataset, int repetition, Device device) {
        return new TaskSpec(dataset, "mlp-small", device, "standard", 0, repetition, repetition,
                new TrainingSettings(1, 128, 0, Optimizer.of(Optimizer.Kind.ADAM, 0.001)));
    }

    private static final FrameworkOnDevice DL4J_CPU = new FrameworkOnDevice(Framework.DL4J, Device.CPU);
    private static final FrameworkOnDevice DL4J_GPU = new FrameworkOnDevice(Framework.DL4J, Device.GPU);
    private static final FrameworkOnDevice PYTORCH_CPU = new FrameworkOnDevice(Framework.PYTORCH, Device.CPU);
    /** What a worker node that runs DL4J alone, on cpu and gpu slots, runs. */
    private static final Set<FrameworkOnDevice> DL4J = Set.of(DL4J_CPU, DL4J_GPU);
    private static final Set<FrameworkOnDevice> DL4J_AND_PYTORCH_ON_CPU = Set.of(DL4J_CPU, PYTORCH_CPU);

    private static TaskSpec pytorch(int repetition, Device device) {
        return task(repetition, device).withFramework(Framework.PYTORCH);
    }

    /** Worker nodes with one cpu slot each that runs DL4J, registered under these ids. */
    private static WorkerNodes cpuNodes(String... workerIds) {
        return new WorkerNodes(Arrays.stream(workerIds).collect(Collectors.toMap(id -> id, id -> Set.of(DL4J_CPU))));
    }

    private static final WorkerNodes NO_NODES = cpuNodes();

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

        Attempt first = queue.assign("w1", SlotName.cpu(), DL4J).orElseThrow();
        Attempt second = queue.assign("w2", SlotName.cpu(), DL4J).orElseThrow();

        assertThat(first.task()).isEqualTo(task(1, Device.CPU));
        assertThat(first.id()).isEqualTo(task(1, Device.CPU).id() + "-a1");
        assertThat(first.number()).isEqualTo(1);
        assertThat(second.task()).isEqualTo(task(2, Device.CPU));
        assertThat(queue.progress()).isEqualTo(new Progress(0, 2, 0, 0));
    }

    @Test
    void answersNoneNowWhenNothingIsQueued() {
        WorkQueue queue = queue(List.of(task(1, Device.CPU)));
        queue.assign("w1", SlotName.cpu(), DL4J);

        assertThat(queue.assign("w2", SlotName.cpu(), DL4J)).isEmpty();
    }

    @Test
    void aSlotOnlyGetsTasksOfItsDevice() {
        WorkQueue queue = queue(List.of(task(1, Device.GPU), task(2, Device.CPU)));

        assertThat(queue.assign("w1", SlotName.cpu(), DL4J).orElseThrow().task().device()).isEqualTo(Device.CPU);
        assertThat(queue.assign("w1", SlotName.cpu(), DL4J)).isEmpty();
        assertThat(queue.assign("w2", SlotName.gpu(0), DL4J).orElseThrow().task().device()).isEqualTo(Device.GPU);
    }

    @Test
    void countsTheQueuedTasksNoOfferedFrameworkOnDeviceCanRun() {
        WorkQueue queue = queue(List.of(task(1, Device.GPU), task(2, Device.CPU), task(3, Device.GPU),
                pytorch(1, Device.CPU)));

        assertThat(queue.queuedWithout(Set.of(DL4J_CPU))).isEqualTo(Map.of(DL4J_GPU, 2, PYTORCH_CPU, 1));
        assertThat(queue.queuedWithout(Set.of(DL4J_CPU, DL4J_GPU, PYTORCH_CPU))).isEmpty();
    }

    @Test
    void aSlotTakesTheTasksOfEveryFrameworkItsNodeRunsOnItsDeviceInSweepOrder() {
        WorkQueue queue = queue(List.of(task(1, Device.CPU), pytorch(1, Device.CPU), pytorch(1, Device.GPU),
                task(2, Device.CPU), pytorch(2, Device.CPU)));

        List<TaskSpec> taken = List.of(
                queue.assign("w1", SlotName.cpu(), DL4J_AND_PYTORCH_ON_CPU).orElseThrow().task(),
                queue.assign("w1", SlotName.cpu(), DL4J_AND_PYTORCH_ON_CPU).orElseThrow().task(),
                queue.assign("w1", SlotName.cpu(), DL4J_AND_PYTORCH_ON_CPU).orElseThrow().task(),
                queue.assign("w1", SlotName.cpu(), DL4J_AND_PYTORCH_ON_CPU).orElseThrow().task());

        assertThat(taken).containsExactly(task(1, Device.CPU), pytorch(1, Device.CPU), task(2, Device.CPU),
                pytorch(2, Device.CPU));
        assertThat(queue.assign("w1", SlotName.gpu(0), DL4J_AND_PYTORCH_ON_CPU))
                .as("the node runs PyTorch on its cpu slots only").isEmpty();
    }

    @Test
    void aSlotPassesOverTheTasksOfFrameworksItsNodeDoesNotRun() {
        WorkQueue queue = queue(List.of(pytorch(1, Device.CPU), pytorch(2, Device.CPU), task(3, Device.CPU)));

        assertThat(queue.assign("w1", SlotName.cpu(), DL4J).orElseThrow().task()).isEqualTo(task(3, Device.CPU));
        assertThat(queue.assign("w1", SlotName.cpu(), DL4J)).isEmpty();
        assertThat(queue.progress()).isEqualTo(new Progress(0, 1, 0, 2));
    }

    @Test
    void aRetryOfOneFrameworkGoesBeforeTheQueuedTasksOfAnother() {
        WorkQueue queue = queue(List.of(pytorch(1, Device.CPU), task(2, Device.CPU), task(3, Device.CPU)));
        Attempt first = queue.assign("w1", SlotName.cpu(), DL4J).orElseThrow();

        queue.end(first.id(), failure(FailureKind.CRASHED), NO_NODES);

        assertThat(queue.assign("w2", SlotName.cpu(), DL4J_AND_PYTORCH_ON_CPU).orElseThrow().task())
                .isEqualTo(task(2, Device.CPU));
        assertThat(queue.assign("w2", SlotName.cpu(), DL4J_AND_PYTORCH_ON_CPU).orElseThrow().task())
                .isEqualTo(pytorch(1, Device.CPU));
    }

    @Test
    void unschedulableTasksAreTakenOnlyOnceNothingElseCanRun() {
        WorkQueue queue = queue(List.of(task(1, Device.GPU), task(2, Device.CPU)));
        Set<FrameworkOnDevice> cpuOnly = Set.of(DL4J_CPU);

        assertThat(queue.takeUnschedulable(cpuOnly, "coordinator")).as("a cpu task is still queued").isEmpty();
        Attempt cpu = queue.assign("w1", SlotName.cpu(), DL4J).orElseThrow();
        assertThat(queue.takeUnschedulable(cpuOnly, "coordinator")).as("a cpu task still runs").isEmpty();
        queue.end(cpu.id(), FINISHED, NO_NODES);

        List<Attempt> taken = queue.takeUnschedulable(cpuOnly, "coordinator");
        assertThat(taken).extracting(Attempt::task).containsExactly(task(1, Device.GPU));
        assertThat(taken.get(0).workerId()).isEqualTo("coordinator");
        queue.end(taken.get(0).id(), failure(FailureKind.UNSCHEDULABLE), NO_NODES);
        assertThat(queue.progress()).isEqualTo(new Progress(1, 0, 1, 0));
        assertThat(queue.progress().isComplete()).isTrue();
    }

    @Test
    void noTaskIsUnschedulableWhileItsDeviceIsOffered() {
        WorkQueue queue = queue(List.of(task(1, Device.GPU)));

        assertThat(queue.takeUnschedulable(DL4J, "coordinator")).isEmpty();
        assertThat(queue.assign("w1", SlotName.gpu(0), DL4J)).isPresent();
    }

    @Test
    void finishedAndFailedAttemptsEndTheirTasks() {
        WorkQueue queue = queue(List.of(task(1, Device.CPU), task(2, Device.CPU)));
        Attempt first = queue.assign("w1", SlotName.cpu(), DL4J).orElseThrow();
        Attempt second = queue.assign("w1", SlotName.cpu(), DL4J).orElseThrow();

        queue.end(first.id(), FINISHED, NO_NODES);
        queue.end(second.id(), FAILED, NO_NODES);

        assertThat(queue.progress()).isEqualTo(new Progress(1, 0, 1, 0));
        assertThat(queue.progress().isComplete()).isTrue();
    }

    @Test
    void aSecondFinalEventForTheSameAttemptChangesNothing() {
        WorkQueue queue = queue(List.of(task(1, Device.CPU)));
        Attempt attempt = queue.assign("w1", SlotName.cpu(), DL4J).orElseThrow();
        queue.end(attempt.id(), FINISHED, NO_NODES);

        assertThat(queue.end(attempt.id(), FAILED, NO_NODES)).isEmpty();
        assertThat(queue.progress()).isEqualTo(new Progress(1, 0, 0, 0));
    }

    @Test
    void anUnknownAttemptIsIgnored() {
        WorkQueue queue = queue(List.of(task(1, Device.CPU)));

        assertThat(queue.end("nope-a1", FINISHED, NO_NODES)).isEmpty();
        assertThat(queue.runningAttempt("nope-a1")).isEmpty();
        assertThat(queue.progress()).isEqualTo(new Progress(0, 0, 0, 1));
    }

    @Test
    void anEndedAttemptIsStillKnownForItsTrailingSamples() {
        WorkQueue queue = queue(List.of(task(1, Device.CPU)));
        Attempt attempt = queue.assign("w1", SlotName.cpu(), DL4J).orElseThrow();
        queue.end(attempt.id(), FINISHED, NO_NODES);

        assertThat(queue.runningAttempt(attempt.id())).isEmpty();
        assertThat(queue.knownAttempt(attempt.id())).contains(attempt);
    }

    @Test
    void aCrashedAttemptIsRetriedFirstAsTheNextAttemptNumber() {
        WorkQueue queue = queue(List.of(task(1, Device.CPU), task(2, Device.CPU)));
        Attempt first = queue.assign("w1", SlotName.cpu(), DL4J).orElseThrow();

        WorkQueue.Ended ended = queue.end(first.id(), failure(FailureKind.CRASHED), NO_NODES).orElseThrow();
        Attempt retry = queue.assign("w2", SlotName.cpu(), DL4J).orElseThrow();

        assertThat(ended.retried()).isTrue();
        assertThat(retry.task()).isEqualTo(first.task());
        assertThat(retry.number()).isEqualTo(2);
        assertThat(retry.id()).isEqualTo(first.task().id() + "-a2");
    }

    @Test
    void infrastructureFailuresAreRetriedUntilMaxAttemptsThenTheTaskFails() {
        WorkQueue queue = queue(List.of(task(1, Device.CPU)));

        queue.end(queue.assign("w1", SlotName.cpu(), DL4J).orElseThrow().id(), failure(FailureKind.CRASHED), NO_NODES);
        queue.end(queue.assign("w1", SlotName.cpu(), DL4J).orElseThrow().id(), failure(FailureKind.TIMED_OUT), NO_NODES);
        WorkQueue.Ended third = queue.end(queue.assign("w1", SlotName.cpu(), DL4J).orElseThrow().id(),
                failure(FailureKind.WORKER_LOST), NO_NODES).orElseThrow();

        assertThat(third.retried()).isFalse();
        assertThat(third.attempt().number()).isEqualTo(3);
        assertThat(queue.assign("w1", SlotName.cpu(), DL4J)).isEmpty();
        assertThat(queue.progress()).isEqualTo(new Progress(0, 0, 1, 0));
    }

    @Test
    void deterministicFailuresAreNeverRetried() {
        for (FailureKind kind : List.of(FailureKind.BAD_INPUT, FailureKind.DIVERGED, FailureKind.ERROR)) {
            WorkQueue queue = queue(List.of(task(1, Device.CPU)));

            WorkQueue.Ended ended = queue.end(queue.assign("w1", SlotName.cpu(), DL4J).orElseThrow().id(), failure(kind), NO_NODES).orElseThrow();

            assertThat(ended.retried()).as(kind.name()).isFalse();
            assertThat(queue.progress()).as(kind.name()).isEqualTo(new Progress(0, 0, 1, 0));
        }
    }

    @Test
    void aHandedBackAttemptIsQueuedAgainWithoutUsingUpATry() {
        WorkQueue queue = new WorkQueue(List.of(task(1, Device.CPU)), new AttemptLimits(1, Duration.ofMinutes(1)),
                RunHistory.NONE);

        queue.end(queue.assign("w1", SlotName.cpu(), DL4J).orElseThrow().id(), failure(FailureKind.HANDED_BACK), NO_NODES);
        Attempt second = queue.assign("w2", SlotName.cpu(), DL4J).orElseThrow();
        WorkQueue.Ended crashed = queue.end(second.id(), failure(FailureKind.CRASHED), NO_NODES).orElseThrow();

        assertThat(second.number()).isEqualTo(2);
        assertThat(crashed.retried()).isFalse();
    }

    @Test
    void theAttemptsOfALostWorkerNodeAreTheOnesRunningOnIt() {
        WorkQueue queue = queue(List.of(task(1, Device.CPU), task(2, Device.CPU), task(3, Device.CPU)));
        Attempt onLost = queue.assign("lost", SlotName.cpu(), DL4J).orElseThrow();
        queue.assign("alive", SlotName.cpu(), DL4J).orElseThrow();
        Attempt endedOnLost = queue.assign("lost", SlotName.cpu(), DL4J).orElseThrow();
        queue.end(endedOnLost.id(), FINISHED, NO_NODES);

        assertThat(queue.runningOn("lost")).containsExactly(onLost);
    }

    @Test
    void aLateResultOfAGivenUpAttemptIsIgnoredAndTheTaskHasOneResult() {
        WorkQueue queue = queue(List.of(task(1, Device.CPU)));
        Attempt lost = queue.assign("lost", SlotName.cpu(), DL4J).orElseThrow();
        queue.end(lost.id(), failure(FailureKind.WORKER_LOST), NO_NODES);
        Attempt retry = queue.assign("alive", SlotName.cpu(), DL4J).orElseThrow();
        queue.end(retry.id(), FINISHED, NO_NODES);

        assertThat(queue.end(lost.id(), FINISHED, NO_NODES)).isEmpty();
        assertThat(queue.runningAttempt(lost.id())).isEmpty();
        assertThat(queue.progress()).isEqualTo(new Progress(1, 0, 0, 0));
    }

    @Test
    void aResumedRunSkipsSucceededTasksAndNumbersAttemptsOnFromTheHistory() {
        TaskSpec succeeded = task(1, Device.CPU);
        TaskSpec stopped = task(2, Device.CPU);
        RunHistory history = new RunHistory(Set.of(succeeded.id()), Map.of(succeeded.id(), 1, stopped.id(), 3));
        WorkQueue queue = new WorkQueue(List.of(succeeded, stopped), new AttemptLimits(1, Duration.ofMinutes(1)), history);

        Attempt attempt = queue.assign("w1", SlotName.cpu(), DL4J).orElseThrow();

        assertThat(attempt.task()).isEqualTo(stopped);
        assertThat(attempt.number()).isEqualTo(4);
        assertThat(queue.progress()).isEqualTo(new Progress(1, 1, 0, 0));
    }

    @Test
    void anOutOfMemoryTaskIsTriedOnceMoreWhateverMaxAttemptsSays() {
        WorkQueue queue = new WorkQueue(List.of(task(1, Device.CPU)), new AttemptLimits(5, Duration.ofMinutes(1)),
                RunHistory.NONE);

        WorkQueue.Ended first = queue.end(queue.assign("w1", SlotName.cpu(), DL4J).orElseThrow().id(),
                failure(FailureKind.OUT_OF_MEMORY), NO_NODES).orElseThrow();
        WorkQueue.Ended second = queue.end(queue.assign("w1", SlotName.cpu(), DL4J).orElseThrow().id(),
                failure(FailureKind.OUT_OF_MEMORY), NO_NODES).orElseThrow();

        assertThat(first.retried()).isTrue();
        assertThat(second.retried()).isFalse();
        assertThat(second.attempt().number()).isEqualTo(WorkQueue.OUT_OF_MEMORY_TRIES);
        assertThat(queue.progress()).isEqualTo(new Progress(0, 0, 1, 0));
    }

    @Test
    void anOutOfMemoryTaskIsNotTriedAgainWhenMaxAttemptsAllowsOneTry() {
        WorkQueue queue = new WorkQueue(List.of(task(1, Device.CPU)), new AttemptLimits(1, Duration.ofMinutes(1)),
                RunHistory.NONE);

        WorkQueue.Ended ended = queue.end(queue.assign("w1", SlotName.cpu(), DL4J).orElseThrow().id(),
                failure(FailureKind.OUT_OF_MEMORY), NO_NODES).orElseThrow();

        assertThat(ended.retried()).isFalse();
    }

    @Test
    void dataUnavailableOnOneWorkerNodeQueuesTheTaskAgainWithoutUsingUpATry() {
        WorkQueue queue = new WorkQueue(List.of(task(1, Device.CPU)), new AttemptLimits(1, Duration.ofMinutes(1)),
                RunHistory.NONE);

        WorkQueue.Ended unavailable = queue.end(queue.assign("w1", SlotName.cpu(), DL4J).orElseThrow().id(),
                failure(FailureKind.DATA_UNAVAILABLE), cpuNodes("w1", "w2")).orElseThrow();
        Attempt elsewhere = queue.assign("w2", SlotName.cpu(), DL4J).orElseThrow();
        WorkQueue.Ended crashed = queue.end(elsewhere.id(), failure(FailureKind.CRASHED), cpuNodes("w1", "w2")).orElseThrow();

        assertThat(unavailable.retried()).isTrue();
        assertThat(elsewhere.number()).isEqualTo(2);
        assertThat(crashed.retried()).as("the one try was the second attempt's").isFalse();
    }

    @Test
    void aWorkerNodeWithoutADatasetTakesNoMoreTasksOfThatDataset() {
        TaskSpec mnist = task("mnist", 1, Device.CPU);
        TaskSpec otherMnist = task("mnist", 2, Device.CPU);
        TaskSpec fashion = task("fashion-mnist", 1, Device.CPU);
        WorkQueue queue = queue(List.of(mnist, otherMnist, fashion));

        queue.end(queue.assign("w1", SlotName.cpu(), DL4J).orElseThrow().id(), failure(FailureKind.DATA_UNAVAILABLE),
                cpuNodes("w1", "w2"));
        Attempt next = queue.assign("w1", SlotName.cpu(), DL4J).orElseThrow();

        assertThat(next.task()).isEqualTo(fashion);
        assertThat(queue.assign("w1", SlotName.cpu(), DL4J)).isEmpty();
        assertThat(queue.assign("w2", SlotName.cpu(), DL4J).orElseThrow().task()).isEqualTo(mnist);
        assertThat(queue.assign("late", SlotName.cpu(), DL4J).orElseThrow().task()).isEqualTo(otherMnist);
    }

    @Test
    void badInputIsTriedOnASecondWorkerNodeBeforeTheTaskFails() {
        WorkQueue queue = queue(List.of(task(1, Device.CPU)));
        WorkerNodes twoNodes = cpuNodes("w1", "w2");

        WorkQueue.Ended first = queue.end(queue.assign("w1", SlotName.cpu(), DL4J).orElseThrow().id(),
                failure(FailureKind.BAD_INPUT), twoNodes).orElseThrow();
        boolean sameNodeGetsIt = queue.assign("w1", SlotName.cpu(), DL4J).isPresent();
        Attempt second = queue.assign("w2", SlotName.cpu(), DL4J).orElseThrow();
        WorkQueue.Ended last = queue.end(second.id(), failure(FailureKind.BAD_INPUT), twoNodes).orElseThrow();

        assertThat(first.retried()).isTrue();
        assertThat(sameNodeGetsIt).isFalse();
        assertThat(second.number()).isEqualTo(2);
        assertThat(last.retried()).isFalse();
        assertThat(queue.progress()).isEqualTo(new Progress(0, 0, 1, 0));
    }

    @Test
    void withOneWorkerNodeBadInputFailsTheTaskAtOnce() {
        WorkQueue queue = queue(List.of(task(1, Device.CPU)));

        WorkQueue.Ended ended = queue.end(queue.assign("w1", SlotName.cpu(), DL4J).orElseThrow().id(),
                failure(FailureKind.BAD_INPUT), cpuNodes("w1")).orElseThrow();

        assertThat(ended.retried()).isFalse();
        assertThat(queue.progress()).isEqualTo(new Progress(0, 0, 1, 0));
    }

    @Test
    void badInputIsNotTriedAgainWhereTheOtherWorkerNodeLacksTheData() {
        WorkQueue queue = queue(List.of(task(1, Device.CPU), task(2, Device.CPU)));
        WorkerNodes twoNodes = cpuNodes("w1", "w2");
        Attempt corrupt = queue.assign("w1", SlotName.cpu(), DL4J).orElseThrow();
        queue.end(queue.assign("w2", SlotName.cpu(), DL4J).orElseThrow().id(), failure(FailureKind.DATA_UNAVAILABLE), twoNodes);

        WorkQueue.Ended ended = queue.end(corrupt.id(), failure(FailureKind.BAD_INPUT), twoNodes).orElseThrow();

        assertThat(ended.retried()).isFalse();
    }

    @Test
    void aTaskHandedBackOverAndOverFailsAsHandedBack() {
        WorkQueue queue = queue(List.of(task(1, Device.CPU)));
        for (int handBack = 1; handBack <= WorkQueue.MAX_HAND_BACKS; handBack++) {
            queue.end(queue.assign("w1", SlotName.cpu(), DL4J).orElseThrow().id(), failure(FailureKind.HANDED_BACK), NO_NODES);
        }

        WorkQueue.Ended last = queue.end(queue.assign("w1", SlotName.cpu(), DL4J).orElseThrow().id(),
                failure(FailureKind.HANDED_BACK), NO_NODES).orElseThrow();

        assertThat(last.retried()).isFalse();
        assertThat(last.attempt().number()).isEqualTo(WorkQueue.MAX_HAND_BACKS + 1);
        assertThat(queue.progress()).isEqualTo(new Progress(0, 0, 1, 0));
    }

    /**
     * Every attempt started stays known for its trailing samples, so what bounds that record is how many
     * attempts a task can have: max-attempts tries, plus hand-backs up to their maximum, plus one per worker
     * node that lacks its data.
     */
    @Test
    void aTaskHasAtMostMaxAttemptsTriesPlusItsHandBacksPlusOneReturnPerNodeWithoutItsData() {
        TaskSpec task = task(1, Device.CPU);
        WorkQueue queue = queue(List.of(task));
        WorkerNodes nodes = cpuNodes("w1", "w2");
        queue.end(queue.assign("w1", SlotName.cpu(), DL4J).orElseThrow().id(), failure(FailureKind.DATA_UNAVAILABLE), nodes);
        int attempts = 1;
        for (boolean retried = true; retried; attempts++) {
            FailureKind kind = attempts <= WorkQueue.MAX_HAND_BACKS ? FailureKind.HANDED_BACK : FailureKind.CRASHED;
            retried = queue.end(queue.assign("w2", SlotName.cpu(), DL4J).orElseThrow().id(), failure(kind), nodes)
                    .orElseThrow().retried();
        }

        assertThat(attempts).isEqualTo(1 + WorkQueue.MAX_HAND_BACKS + THREE_TRIES.maxAttempts());
        assertThat(queue.knownAttempt(Attempt.idOf(task, attempts))).isPresent();
        assertThat(queue.knownAttempt(Attempt.idOf(task, attempts + 1))).isEmpty();
        assertThat(queue.progress()).isEqualTo(new Progress(0, 0, 1, 0));
    }

    @Test
    void tasksOfAFrameworkNoNodeRunsAreUnschedulableOnceTheOthersHaveEnded() {
        WorkQueue queue = queue(List.of(pytorch(1, Device.CPU), task(1, Device.CPU)));
        Attempt dl4j = queue.assign("w1", SlotName.cpu(), DL4J).orElseThrow();
        List<Attempt> whileDl4jRuns = queue.takeUnschedulable(DL4J, "coordinator");

        queue.end(dl4j.id(), FINISHED, NO_NODES);

        assertThat(whileDl4jRuns).isEmpty();
        assertThat(queue.takeUnschedulable(DL4J, "coordinator")).extracting(Attempt::task)
                .containsExactly(pytorch(1, Device.CPU));
    }

    @Test
    void aPartitionRetiresWhenTheLastTaskThatTrainsOnItSucceeds() {
        TaskSpec dl4j = task(1, Device.CPU);
        TaskSpec samePartition = pytorch(1, Device.GPU);
        TaskSpec otherPartition = task("cifar10", 1, Device.CPU);
        WorkQueue queue = queue(List.of(dl4j, samePartition, otherPartition));
        Attempt first = queue.assign("w1", SlotName.cpu(), DL4J).orElseThrow();
        Attempt second = queue.assign("w2", SlotName.gpu(0), Set.of(new FrameworkOnDevice(Framework.PYTORCH, Device.GPU)))
                .orElseThrow();

        queue.end(first.id(), FINISHED, NO_NODES);
        List<String> whileTheOtherFrameworkRuns = queue.takeRetiredPartitions();
        queue.end(second.id(), FINISHED, NO_NODES);

        assertThat(samePartition.partitionKey()).isEqualTo(dl4j.partitionKey()).isNotEqualTo(otherPartition.partitionKey());
        assertThat(whileTheOtherFrameworkRuns).isEmpty();
        assertThat(queue.takeRetiredPartitions()).containsExactly(dl4j.partitionKey());
        assertThat(queue.takeRetiredPartitions()).as("each partition retires once").isEmpty();
    }

    @Test
    void aTaskQueuedAgainKeepsItsPartitionUntilItSucceeds() {
        TaskSpec task = task(1, Device.CPU);
        WorkQueue queue = queue(List.of(task));

        queue.end(queue.assign("w1", SlotName.cpu(), DL4J).orElseThrow().id(), failure(FailureKind.CRASHED), NO_NODES);
        queue.end(queue.assign("w1", SlotName.cpu(), DL4J).orElseThrow().id(), failure(FailureKind.HANDED_BACK), NO_NODES);
        List<String> whileRetried = queue.takeRetiredPartitions();
        queue.end(queue.assign("w1", SlotName.cpu(), DL4J).orElseThrow().id(), FINISHED, NO_NODES);

        assertThat(whileRetried).isEmpty();
        assertThat(queue.takeRetiredPartitions()).containsExactly(task.partitionKey());
    }

    @Test
    void aTaskThatFailsForGoodReleasesItsPartition() {
        TaskSpec task = task(1, Device.CPU);
        WorkQueue queue = queue(List.of(task));

        WorkQueue.Ended ended = queue.end(queue.assign("w1", SlotName.cpu(), DL4J).orElseThrow().id(),
                failure(FailureKind.DIVERGED), NO_NODES).orElseThrow();

        assertThat(ended.retried()).isFalse();
        assertThat(queue.takeRetiredPartitions()).containsExactly(task.partitionKey());
    }

    @Test
    void partitionsThatRetireTogetherAreNamedTogetherInTheOrderTheyRetired() {
        WorkQueue queue = queue(List.of(task(1, Device.GPU), task("cifar10", 1, Device.GPU)));
        List<Attempt> unschedulable = queue.takeUnschedulable(Set.of(DL4J_CPU), "coordinator");

        unschedulable.forEach(attempt -> queue.end(attempt.id(), failure(FailureKind.UNSCHEDULABLE), NO_NODES));

        assertThat(queue.takeRetiredPartitions())
                .containsExactly(task(1, Device.GPU).partitionKey(), task("cifar10", 1, Device.GPU).partitionKey());
    }

    @Test
    void aResumedRunCountsOnlyTheTasksStillToEndOnAPartition() {
        TaskSpec succeeded = task(1, Device.CPU);
        TaskSpec left = pytorch(1, Device.CPU);
        WorkQueue queue = new WorkQueue(List.of(succeeded, left), THREE_TRIES,
                new RunHistory(Set.of(succeeded.id()), Map.of(succeeded.id(), 1)));

        queue.end(queue.assign("w1", SlotName.cpu(), DL4J_AND_PYTORCH_ON_CPU).orElseThrow().id(), FINISHED, NO_NODES);

        assertThat(queue.takeRetiredPartitions()).containsExactly(left.partitionKey());
    }
}
