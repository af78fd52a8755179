package io.benchfleet.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.benchfleet.rundirectory.AttemptStatus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** S2's per-epoch table against values worked out by hand for two repetitions of two epochs. */
class EpochTableTest {

    private static final long MIB = 1L << 20;

    private static Task task(String id, int repetition) {
        return new Task(id, "mnist", "cnn-medium", "cpu", "standard", 0, repetition, Task.DL4J, 1.0);
    }

    private static TaskResult succeeded(String id, int repetition) {
        RecordedAttempt attempt = AttemptFixture.attempt(id + "-a1", id, 1, AttemptStatus.SUCCEEDED)
                .workerHostname(Optional.of("alpha"))
                .trainSeconds(Optional.of(10.0))
                .build();
        return TaskResult.of("run", task(id, repetition), List.of(attempt));
    }

    private static RecordedEpoch epoch(String taskId, int number, double seconds, double loss, double accuracy,
                                       long rssMib) {
        return new RecordedEpoch(new TaskInRun("run", taskId), number, seconds, 60_000 / seconds, Optional.of(loss),
                Optional.empty(), Optional.empty(), Optional.of(accuracy), Optional.empty(), Optional.of(rssMib * MIB));
    }

    /** An epoch of a gpu task: its trainer's RSS and, apart from it, the GPU's memory. */
    private static RecordedEpoch gpuEpoch(String taskId, int number, long rssMib, long gpuMib) {
        return new RecordedEpoch(new TaskInRun("run", taskId), number, 2.0, 30_000, Optional.of(0.5), Optional.empty(),
                Optional.empty(), Optional.of(0.9), Optional.empty(), Optional.of(rssMib * MIB),
                Optional.of(gpuMib * MIB));
    }

    @Test
    void averagesEachEpochOverTheRepetitionsThenTheEpochsAndGivesTheMemoryCoefficient() {
        List<RecordedEpoch> epochs = List.of(
                epoch("t1", 1, 60, 0.50, 0.80, 400), epoch("t1", 2, 50, 0.30, 0.85, 500),
                epoch("t2", 1, 64, 0.54, 0.82, 420), epoch("t2", 2, 46, 0.34, 0.87, 540));

        List<EpochTable> tables = EpochTable.of(List.of(succeeded("t1", 1), succeeded("t2", 2)), epochs);

        assertThat(tables).hasSize(1);
        EpochTable table = tables.get(0);
        assertThat(table.tasks()).isEqualTo(2);
        assertThat(table.epochs()).extracting(EpochTable.Row::label).containsExactly("1", "2");
        assertThat(table.epochs().get(0).seconds()).hasValue(62.0);
        assertThat(table.epochs().get(1).seconds()).hasValue(48.0);
        // samples/s: (1000 + 937.5) / 2 in epoch 1, (1200 + 1304.35) / 2 in epoch 2.
        assertThat(table.epochs().get(0).samplesPerSecond().orElseThrow()).isCloseTo(968.75, within(1e-9));
        assertThat(table.epochs().get(1).trainLoss().orElseThrow()).isCloseTo(0.32, within(1e-12));
        assertThat(table.mean().seconds()).hasValue(55.0);
        assertThat(table.mean().testAccuracy().orElseThrow()).isCloseTo(0.835, within(1e-12));
        assertThat(table.memory()).isEqualTo(DeviceMemory.RSS);
        assertThat(table.mean().memoryBytes().orElseThrow()).isEqualTo(465.0 * MIB);
        // RSS after epoch 2 over epoch 1: 520 MiB / 410 MiB.
        assertThat(table.memoryCoefficient().orElseThrow()).isCloseTo(520.0 / 410.0, within(1e-12));
    }

    @Test
    void aGpuTaskCountsTheGpusMemoryWhereACpuTaskCountsItsRss() {
        TaskResult gpu = TaskResult.of("run", new Task("g1", "mnist", "cnn-medium", "gpu", "standard", 0, 1,
                Task.DL4J, 1.0), List.of(AttemptFixture.attempt("g1-a1", "g1", 1, AttemptStatus.SUCCEEDED).build()));
        List<RecordedEpoch> epochs = List.of(
                gpuEpoch("g1", 1, 900, 300), gpuEpoch("g1", 2, 900, 360),
                epoch("t1", 1, 60, 0.5, 0.8, 400), epoch("t1", 2, 50, 0.3, 0.85, 500));

        List<EpochTable> tables = EpochTable.of(List.of(gpu, succeeded("t1", 1)), epochs);

        assertThat(tables).extracting(table -> table.group().device() + " " + table.memory())
                .containsExactly("gpu GPU", "cpu RSS");
        EpochTable onGpu = tables.get(0);
        assertThat(onGpu.epochs()).extracting(row -> row.memoryBytes().orElseThrow())
                .containsExactly(300.0 * MIB, 360.0 * MIB);
        assertThat(onGpu.memoryCoefficient().orElseThrow()).isCloseTo(1.2, within(1e-12));
        assertThat(tables.get(1).memoryCoefficient().orElseThrow()).isCloseTo(1.25, within(1e-12));
    }

    @Test
    void aGpuTaskWhoseTrainerReportedNoGpuMemoryHasNoneRatherThanItsRss() {
        TaskResult gpu = TaskResult.of("run", new Task("g1", "mnist", "cnn-medium", "gpu", "standard", 0, 1,
                Task.DL4J, 1.0), List.of(AttemptFixture.attempt("g1-a1", "g1", 1, AttemptStatus.SUCCEEDED).build()));
        RecordedEpoch withoutGpuMemory = new RecordedEpoch(new TaskInRun("run", "g1"), 1, 1.0, 100.0, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(900 * MIB));

        EpochTable table = EpochTable.of(List.of(gpu), List.of(withoutGpuMemory)).get(0);

        assertThat(table.mean().memoryBytes()).isEmpty();
        assertThat(table.memoryCoefficient()).isEmpty();
    }

    @Test
    void oneEpochHasNoMemoryCoefficientAndAGroupWithoutEpochsNoTable() {
        List<EpochTable> tables = EpochTable.of(List.of(succeeded("t1", 1)), List.of(epoch("t1", 1, 60, 0.5, 0.8, 400)));

        assertThat(tables.get(0).memoryCoefficient()).isEmpty();
        assertThat(EpochTable.of(List.of(succeeded("t1", 1)), List.of())).isEmpty();
    }
}
