package io.benchfleet.coordinator.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.benchfleet.protocol.sweep.Framework;
import io.benchfleet.report.ReferenceGroup;
import io.benchfleet.report.ReferenceMeasure;
import io.benchfleet.report.StudyReference;
import io.benchfleet.protocol.sweep.Sweep;
import io.benchfleet.protocol.sweep.TaskSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The presets in configs/ reproduce the studies' protocols (docs/studies.md); Maven runs tests in coordinator/. */
class StudyPresetsTest {

    private static final Path CONFIGS = Path.of("..", "configs");

    private static Sweep preset(String name) {
        return SweepFiles.load(CONFIGS.resolve(name));
    }

    @Test
    void s1TrainsEachModelOnItsOwnDatasetFiveTimes() {
        assertThat(preset("s1-axon-keras.conf").tasks()).extracting(task -> task.dataset() + "/" + task.architecture())
                .containsOnly("mnist/s1-mnist-mlp", "cifar10/s1-cifar10-cnn").hasSize(2 * 5 * 2);
    }

    @Test
    void s2TrainsTheThreeNetworksOnMnistForTenEpochsAgainstTheSmallOne() {
        Sweep sweep = preset("s2-flux-tf.conf");

        assertThat(sweep.architectures()).extracting(a -> a.parameterCount(a.input()))
                .containsExactly(101_770L, 220_234L, 1_683_722L);
        assertThat(sweep.tasks()).extracting(task -> task.training().epochs()).containsOnly(10);
    }

    @Test
    void s3VariesTheTrainingSetSize() {
        assertThat(preset("s3-fashion-ad.conf").tasks()).extracting(TaskSpec::trainFraction)
                .containsOnly(0.1, 0.25, 0.5, 1.0).hasSize(4 * 3 * 2);
    }

    @Test
    void s4PairsEachModelWithItsDatasetOnASeventyThirtySplit() {
        Sweep sweep = preset("s4-frameworks.conf");

        assertThat(sweep.tasks()).extracting(task -> task.dataset() + "/" + task.architecture()).containsOnly(
                "mnist/s4-mnist-cnn", "cifar10/s4-cifar10-cnn", "cifar100/s4-cifar100-cnn", "letter/s4-letter-mlp")
                .hasSize(4 * 3 * 2);
        assertThat(sweep.tasks()).extracting(TaskSpec::split).containsOnly("holdout-0.3-plain");
        assertThat(sweep.architectures()).extracting(a -> a.parameterCount(a.input()))
                .containsExactly(1_199_882L, 1_250_858L, 1_297_028L, 2_570L);
    }

    private static StudyReference reference(String name) {
        return SweepFile.read(CONFIGS.resolve(name)).reference().orElseThrow();
    }

    /** The values the study printed for one figure of the group named {@code dataset/architecture/.../framework}. */
    private static List<Double> figures(StudyReference reference, String group, ReferenceMeasure measure) {
        return reference.groups().stream().filter(g -> g.label("/").equals(group)).findFirst().orElseThrow()
                .figures().get(measure).stream().map(ReferenceGroup.Figure::value).toList();
    }

    @Test
    void s1GivesTabela1AndTheTwoReadingsOfTheTimeWithoutExla() {
        StudyReference s1 = reference("s1-axon-keras.conf");

        assertThat(s1.groups()).hasSize(5);
        assertThat(figures(s1, "mnist/s1-mnist-mlp/gpu/keras", ReferenceMeasure.TRAIN_SECONDS)).containsExactly(15.2);
        assertThat(figures(s1, "cifar10/s1-cifar10-cnn/gpu/axon-exla", ReferenceMeasure.TRAIN_SECONDS))
                .containsExactly(28.5);
        assertThat(figures(s1, "mnist/s1-mnist-mlp/axon", ReferenceMeasure.TRAIN_SECONDS))
                .containsExactly(27_000.0, 27_540.0);
        assertThat(s1.contradictions()).hasSize(3);
    }

    @Test
    void s2GivesAppendixBPerModelFrameworkAndDeviceWithTheFirstEpochPrintedTwoWays() {
        StudyReference s2 = reference("s2-flux-tf.conf");

        assertThat(s2.groups()).hasSize(8);
        assertThat(figures(s2, "mnist/cnn-medium/cpu/standard/flux", ReferenceMeasure.FIRST_EPOCH_SECONDS))
                .containsExactly(312.03, 299.00);
        assertThat(figures(s2, "mnist/cnn-medium/cpu/standard/tensorflow", ReferenceMeasure.EPOCH_SECONDS))
                .containsExactly(51.71);
        assertThat(figures(s2, "mnist/mlp-small/gpu/standard/tensorflow", ReferenceMeasure.EPOCH_SECONDS_STD))
                .containsExactly(2.98);
        assertThat(figures(s2, "mnist/cnn-big/gpu/standard/flux", ReferenceMeasure.MEMORY_BYTES))
                .containsExactly(225_026_211_463.40);
        assertThat(figures(s2, "mnist/cnn-big/gpu/standard/tensorflow", ReferenceMeasure.TEST_ACCURACY))
                .containsExactly(0.9905);
    }

    @Test
    void s3GivesTheTwoMemoryFiguresOfItsTextOnNoStatedDevice() {
        StudyReference s3 = reference("s3-fashion-ad.conf");

        assertThat(s3.groups()).extracting(ReferenceGroup::device).containsOnly(Optional.empty());
        assertThat(figures(s3, "fashion-mnist/s3-fashion-cnn/standard/keras", ReferenceMeasure.MEMORY_BYTES))
                .containsExactly(5e6);
        assertThat(figures(s3, "fashion-mnist/s3-fashion-cnn/standard/julia-autodiff", ReferenceMeasure.MEMORY_BYTES))
                .containsExactly(2e9);
    }

    @Test
    void s4GivesTimeAndAccuracyOfEveryFrameworkDatasetDeviceAndProtocol() {
        StudyReference s4 = reference("s4-frameworks.conf");

        assertThat(s4.groups()).hasSize(3 * 4 * 2 * 2).allSatisfy(group -> assertThat(group.figures())
                .containsOnlyKeys(ReferenceMeasure.TRAIN_SECONDS, ReferenceMeasure.TEST_ACCURACY));
        assertThat(figures(s4, "mnist/s4-mnist-cnn/cpu/holdout-0.3/tensorflow", ReferenceMeasure.TRAIN_SECONDS))
                .containsExactly(1005.69);
        assertThat(figures(s4, "mnist/s4-mnist-cnn/gpu/holdout-0.3/tensorflow", ReferenceMeasure.TEST_ACCURACY))
                .containsExactly(0.8142);
        assertThat(figures(s4, "cifar100/s4-cifar100-cnn/cpu/kfold-10/theano", ReferenceMeasure.TRAIN_SECONDS))
                .containsExactly(457_762.47);
        assertThat(figures(s4, "letter/s4-letter-mlp/gpu/kfold-10/theano", ReferenceMeasure.TEST_ACCURACY))
                .containsExactly(0.7225);
        assertThat(figures(s4, "letter/s4-letter-mlp/cpu/holdout-0.3/pytorch", ReferenceMeasure.TEST_ACCURACY))
                .containsExactly(0.4882);
    }

    @Test
    void everyStudyGroupIsOfADatasetAndModelItsPresetTrainsTogether() {
        for (String preset : List.of("s1-axon-keras.conf", "s2-flux-tf.conf", "s3-fashion-ad.conf", "s4-frameworks.conf")) {
            List<String> trained = preset(preset).tasks().stream()
                    .map(task -> task.dataset() + "/" + task.architecture()).distinct().toList();
            assertThat(reference(preset).groups()).as(preset)
                    .allSatisfy(group -> assertThat(trained).contains(group.dataset() + "/" + group.architecture()));
        }
    }

    @Test
    void everyStudyComparesDl4jWithPytorch() {
        for (String preset : List.of("s1-axon-keras.conf", "s2-flux-tf.conf", "s3-fashion-ad.conf", "s4-frameworks.conf")) {
            assertThat(preset(preset).frameworks()).as(preset).containsExactly(Framework.DL4J, Framework.PYTORCH);
        }
    }
}
