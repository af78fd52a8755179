package io.benchfleet.protocol.sweep;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class SweepTest {

    private static final TrainingSettings TWO_EPOCHS = new TrainingSettings(2, 128, 12_000);

    private static Sweep sweep(List<String> architectures, int repetitions) {
        return new Sweep("quickstart", List.of("fashion-mnist", "mnist"), architectures, List.of(Device.CPU),
                "standard", repetitions, TWO_EPOCHS, 1, "data", Duration.ofSeconds(1));
    }

    @Test
    void expandsOneTaskPerCombinationOfAxes() {
        List<TaskSpec> tasks = sweep(List.of("mlp-small", "cnn-medium"), 3).tasks();

        assertThat(tasks).hasSize(2 * 2 * 3);
        assertThat(tasks.stream().map(TaskSpec::id).distinct()).hasSize(12);
        assertThat(tasks).filteredOn(t -> t.dataset().equals("mnist") && t.architecture().equals("cnn-medium"))
                .extracting(TaskSpec::repetition).containsExactly(1, 2, 3);
    }

    @Test
    void repetitionsTrainWithDifferentSeeds() {
        List<TaskSpec> tasks = sweep(List.of("mlp-small"), 3).tasks();

        assertThat(tasks.stream().map(TaskSpec::seed).collect(Collectors.toSet())).hasSize(3);
    }

    @Test
    void taskIdsAreTheSameInEveryRun() {
        List<String> first = sweep(List.of("mlp-small", "cnn-medium"), 2).tasks().stream().map(TaskSpec::id).toList();
        List<String> second = sweep(List.of("mlp-small", "cnn-medium"), 2).tasks().stream().map(TaskSpec::id).toList();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void aTaskIdDoesNotDependOnTheOtherTasksOfTheSweep() {
        TaskSpec alone = sweep(List.of("cnn-medium"), 1).tasks().get(0);
        TaskSpec amongOthers = sweep(List.of("mlp-small", "cnn-medium"), 1).tasks().stream()
                .filter(t -> t.architecture().equals("cnn-medium") && t.dataset().equals("fashion-mnist"))
                .findFirst().orElseThrow();

        assertThat(amongOthers.id()).isEqualTo(alone.id());
    }

    /** Resume and merge across versions compare ids written to disk, so the hash itself is frozen. */
    @Test
    void taskIdIsAFrozenHashOfTheAxisValues() {
        TaskSpec task = new TaskSpec("fashion-mnist", "mlp-small", Device.CPU, "standard", 0, 1, 1, TWO_EPOCHS);

        assertThat(task.id()).hasSize(16).matches("[0-9a-f]{16}").isEqualTo(FROZEN_ID);
    }

    @Test
    void anyAxisValueChangesTheId() {
        TaskSpec base = new TaskSpec("fashion-mnist", "mlp-small", Device.CPU, "standard", 0, 1, 1, TWO_EPOCHS);

        assertThat(List.of(
                new TaskSpec("mnist", "mlp-small", Device.CPU, "standard", 0, 1, 1, TWO_EPOCHS),
                new TaskSpec("fashion-mnist", "cnn-medium", Device.CPU, "standard", 0, 1, 1, TWO_EPOCHS),
                new TaskSpec("fashion-mnist", "mlp-small", Device.GPU, "standard", 0, 1, 1, TWO_EPOCHS),
                new TaskSpec("fashion-mnist", "mlp-small", Device.CPU, "standard", 1, 1, 1, TWO_EPOCHS),
                new TaskSpec("fashion-mnist", "mlp-small", Device.CPU, "standard", 0, 2, 1, TWO_EPOCHS),
                new TaskSpec("fashion-mnist", "mlp-small", Device.CPU, "standard", 0, 1, 2, TWO_EPOCHS),
                new TaskSpec("fashion-mnist", "mlp-small", Device.CPU, "standard", 0, 1, 1,
                        new TrainingSettings(3, 128, 12_000))))
                .extracting(TaskSpec::id)
                .doesNotContain(base.id())
                .doesNotHaveDuplicates();
    }

    private static final String FROZEN_ID = "e98b82315ac081b7";
}
