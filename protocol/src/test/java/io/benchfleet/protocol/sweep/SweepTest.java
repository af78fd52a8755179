package io.benchfleet.protocol.sweep;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import io.benchfleet.protocol.architecture.ArchitectureZoo;
import io.benchfleet.protocol.architecture.Optimizer;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class SweepTest {

    private static final Optimizer ADAM = Optimizer.of(Optimizer.Kind.ADAM, 0.001);
    private static final TrainingSettings TWO_EPOCHS = new TrainingSettings(2, 128, 12_000, ADAM);
    private static final TrainingOverrides TWO_EPOCHS_OVERRIDE =
            new TrainingOverrides(OptionalInt.of(2), OptionalInt.empty(), 12_000, Optional.empty());
    private static final TrainingOverrides NO_OVERRIDES =
            new TrainingOverrides(OptionalInt.empty(), OptionalInt.empty(), 0, Optional.empty());

    private static Sweep sweep(List<String> architectures, int repetitions) {
        return sweep(architectures, repetitions, TWO_EPOCHS_OVERRIDE);
    }

    private static Sweep sweep(List<String> architectures, int repetitions, TrainingOverrides training) {
        return new Sweep("quickstart",
                new Sweep.Axes(List.of("fashion-mnist", "mnist"),
                        architectures.stream().map(name -> ArchitectureZoo.byName(name).orElseThrow()).toList(),
                        List.of(Device.CPU), Split.STANDARD, List.of(1.0), repetitions),
                new Sweep.Settings(training, 1, "data", Duration.ofSeconds(1)));
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
                        new TrainingSettings(3, 128, 12_000, ADAM)),
                new TaskSpec("fashion-mnist", "mlp-small", Device.CPU, "standard", 0, 1, 1,
                        new TrainingSettings(2, 128, 12_000, Optimizer.of(Optimizer.Kind.SGD, 0.001)))))
                .extracting(TaskSpec::id)
                .doesNotContain(base.id())
                .doesNotHaveDuplicates();
    }

    @Test
    void eachArchitectureTrainsAsItsStudyDidUnlessTheSweepSaysOtherwise() {
        var cnn = ArchitectureZoo.byName("s4-cifar10-cnn").orElseThrow();

        TaskSpec ownDefaults = sweep(List.of("s4-cifar10-cnn"), 1, NO_OVERRIDES).tasks().get(0);
        TaskSpec overridden = sweep(List.of("s4-cifar10-cnn"), 1, new TrainingOverrides(OptionalInt.of(1),
                OptionalInt.of(64), 0, Optional.of(ADAM))).tasks().get(0);

        assertThat(ownDefaults.training()).isEqualTo(new TrainingSettings(12, 128, 0, cnn.optimizer()));
        assertThat(overridden.training()).isEqualTo(new TrainingSettings(1, 64, 0, ADAM));
    }

    private static final String FROZEN_ID = "314268a9177be84c";
}
