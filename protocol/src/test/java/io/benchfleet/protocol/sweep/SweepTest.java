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
                        new TrainingSettings(2, 128, 12_000, Optimizer.of(Optimizer.Kind.SGD, 0.001))),
                base.withFramework(Framework.PYTORCH)))
                .extracting(TaskSpec::id)
                .doesNotContain(base.id())
                .doesNotHaveDuplicates();
    }

    @Test
    void aDl4jTaskKeepsTheIdItHadBeforeFrameworksWereAnAxis() {
        TaskSpec task = new TaskSpec("fashion-mnist", "mlp-small", Device.CPU, "standard", 0, 1, 1, TWO_EPOCHS);

        assertThat(task.withFramework(Framework.DL4J).id()).isEqualTo(FROZEN_ID);
        assertThat(task.withFramework(Framework.PYTORCH).id()).isNotEqualTo(FROZEN_ID);
    }

    @Test
    void eachTaskRunsOncePerFrameworkAndTheFrameworksOfARepetitionFollowEachOther() {
        Sweep base = sweep(List.of("mlp-small"), 2);
        Sweep both = new Sweep("both", new Sweep.Axes(base.datasets(), base.architectures(), base.devices(),
                base.split(), base.trainFractions(), 2, java.util.Map.of(), List.of("dl4j", "pytorch")), base.settings());

        List<TaskSpec> tasks = both.tasks();

        assertThat(tasks).hasSize(2 * base.tasks().size());
        assertThat(tasks.subList(0, 4)).extracting(TaskSpec::framework, TaskSpec::repetition).containsExactly(
                org.assertj.core.groups.Tuple.tuple("dl4j", 1), org.assertj.core.groups.Tuple.tuple("pytorch", 1),
                org.assertj.core.groups.Tuple.tuple("dl4j", 2), org.assertj.core.groups.Tuple.tuple("pytorch", 2));
    }

    @Test
    void theFrameworksArchitecturesAndDevicesOfTheSameDataShareAPartition() {
        TaskSpec task = new TaskSpec("fashion-mnist", "mlp-small", Device.CPU, "standard", 0, 1, 1, TWO_EPOCHS);

        assertThat(List.of(task.withFramework(Framework.PYTORCH),
                new TaskSpec("fashion-mnist", "cnn-medium", Device.GPU, "standard", 0, 1, 1, TWO_EPOCHS)))
                .extracting(TaskSpec::partitionKey).containsOnly(task.partitionKey());
        assertThat(List.of(
                new TaskSpec("fashion-mnist", "mlp-small", Device.CPU, "standard", 1, 1, 1, TWO_EPOCHS),
                new TaskSpec("fashion-mnist", "mlp-small", Device.CPU, "standard", 0, 2, 2, TWO_EPOCHS),
                new TaskSpec("fashion-mnist", "mlp-small", Device.CPU, "holdout-0.3", 0, 1, 1, TWO_EPOCHS),
                new TaskSpec("fashion-mnist", "mlp-small", Device.CPU, "standard", 0, 1, 1, TWO_EPOCHS, 0.5),
                new TaskSpec("mnist", "mlp-small", Device.CPU, "standard", 0, 1, 1, TWO_EPOCHS)))
                .extracting(TaskSpec::partitionKey).doesNotContain(task.partitionKey()).doesNotHaveDuplicates();
    }

    @Test
    void theDatasetsOwnFilesAreOnePartitionForEveryRepetition() {
        TrainingSettings allOfIt = new TrainingSettings(2, 128, 0, ADAM);

        assertThat(new TaskSpec("mnist", "mlp-small", Device.CPU, "standard", 0, 1, 1, allOfIt).partitionKey())
                .isEqualTo(new TaskSpec("mnist", "mlp-small", Device.CPU, "standard", 0, 2, 2, allOfIt).partitionKey());
        assertThat(new TaskSpec("mnist", "mlp-small", Device.CPU, "holdout-0.3", 0, 1, 1, allOfIt).partitionKey())
                .isNotEqualTo(new TaskSpec("mnist", "mlp-small", Device.CPU, "holdout-0.3", 0, 2, 2, allOfIt)
                        .partitionKey());
    }

    @Test
    void aFrameworkNameThatCannotGoIntoIdsAndCommandLinesIsRefused() {
        TaskSpec task = new TaskSpec("fashion-mnist", "mlp-small", Device.CPU, "standard", 0, 1, 1, TWO_EPOCHS);

        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> task.withFramework("Py Torch"))
                .withMessageContaining("'Py Torch'");
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
