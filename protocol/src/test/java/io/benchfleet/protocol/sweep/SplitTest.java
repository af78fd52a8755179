package io.benchfleet.protocol.sweep;

import io.benchfleet.protocol.architecture.ArchitectureZoo;
import io.benchfleet.protocol.architecture.Optimizer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SplitTest {

    private static final TrainingOverrides ONE_EPOCH =
            new TrainingOverrides(OptionalInt.of(1), OptionalInt.empty(), 0, Optional.empty());

    private static Sweep sweep(Split split, List<Double> trainFractions, int repetitions) {
        return new Sweep("cv",
                new Sweep.Axes(List.of("letter"), List.of(ArchitectureZoo.byName("mlp-small").orElseThrow()),
                        List.of(Device.CPU), split, trainFractions, repetitions),
                new Sweep.Settings(ONE_EPOCH, 1, "data", Duration.ofSeconds(1)));
    }

    @Test
    void labelsReadBackAsTheSplitTheyNamed() {
        for (Split split : List.of(Split.STANDARD, new Split.Holdout(0.3), new Split.Holdout(0.25), new Split.KFold(10),
                new Split.Holdout(0.3, false), new Split.KFold(10, false))) {
            assertThat(Split.fromLabel(split.label())).contains(split);
        }
        assertThat(new Split.Holdout(0.3).label()).isEqualTo("holdout-0.3");
        assertThat(new Split.KFold(10).label()).isEqualTo("kfold-10");
        assertThat(new Split.Holdout(0.3, false).label()).isEqualTo("holdout-0.3-plain");
        assertThat(new Split.KFold(10, false).label()).isEqualTo("kfold-10-plain");
    }

    @Test
    void labelsNoSplitWritesAreNotRead() {
        assertThat(List.of("kfold-1", "kfold-x", "holdout-1.5", "holdout-0.30", "bootstrap", "", "standard-plain",
                "kfold-10-plain-plain"))
                .allSatisfy(label -> assertThat(Split.fromLabel(label)).isEmpty());
    }

    @Test
    void kFoldExpandsIntoOneTaskPerFoldOfEachRepetition() {
        List<TaskSpec> tasks = sweep(new Split.KFold(10), List.of(1.0), 2).tasks();

        assertThat(tasks).hasSize(20);
        assertThat(tasks).filteredOn(t -> t.repetition() == 1).extracting(TaskSpec::fold)
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(tasks).extracting(TaskSpec::split).containsOnly("kfold-10");
        assertThat(tasks.stream().map(TaskSpec::id).distinct()).hasSize(20);
    }

    /** Every fold must divide the data the same way, so a repetition's folds share one seed. */
    @Test
    void theFoldsOfARepetitionShareItsSeed() {
        List<TaskSpec> tasks = sweep(new Split.KFold(5), List.of(1.0), 2).tasks();

        assertThat(tasks).filteredOn(t -> t.repetition() == 2).extracting(TaskSpec::seed).containsOnly(2L);
    }

    @Test
    void holdoutAndStandardSplitsHaveTheSingleFoldZero() {
        assertThat(sweep(new Split.Holdout(0.3), List.of(1.0), 1).tasks()).singleElement()
                .satisfies(t -> assertThat(t.fold()).isZero())
                .satisfies(t -> assertThat(t.split()).isEqualTo("holdout-0.3"));
    }

    @Test
    void trainFractionsAreAnAxis() {
        List<TaskSpec> tasks = sweep(Split.STANDARD, List.of(0.1, 0.25, 0.5, 1.0), 1).tasks();

        assertThat(tasks).extracting(TaskSpec::trainFraction).containsExactly(0.1, 0.25, 0.5, 1.0);
        assertThat(tasks.stream().map(TaskSpec::id).distinct()).hasSize(4);
    }

    /** Only a partial training part adds to the hashed values, so sweeps without the axis keep their ids. */
    @Test
    void theWholeTrainingPartKeepsTheIdATaskHadWithoutTheAxis() {
        var training = new TrainingSettings(2, 128, 0, Optimizer.of(Optimizer.Kind.ADAM, 0.001));
        TaskSpec before = new TaskSpec("mnist", "mlp-small", Device.CPU, "standard", 0, 1, 1, training);

        assertThat(new TaskSpec("mnist", "mlp-small", Device.CPU, "standard", 0, 1, 1, training, 1.0).id())
                .isEqualTo(before.id());
        assertThat(new TaskSpec("mnist", "mlp-small", Device.CPU, "standard", 0, 1, 1, training, 0.5).id())
                .isNotEqualTo(before.id());
    }

    @Test
    void outOfRangeValuesAreRefused() {
        assertThatThrownBy(() -> new Split.KFold(1)).hasMessageContaining("k >= 2");
        assertThatThrownBy(() -> new Split.Holdout(1.0)).hasMessageContaining("between 0 and 1");
        var training = new TrainingSettings(2, 128, 0, Optimizer.of(Optimizer.Kind.ADAM, 0.001));
        assertThatThrownBy(() -> new TaskSpec("mnist", "mlp-small", Device.CPU, "standard", 0, 1, 1, training, 0))
                .hasMessageContaining("train fraction 0.0");
    }
}
