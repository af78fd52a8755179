package io.benchfleet.coordinator.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.benchfleet.protocol.sweep.Framework;
import io.benchfleet.protocol.sweep.Sweep;
import io.benchfleet.protocol.sweep.TaskSpec;
import java.nio.file.Path;
import java.util.List;
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

    @Test
    void everyStudyComparesDl4jWithPytorch() {
        for (String preset : List.of("s1-axon-keras.conf", "s2-flux-tf.conf", "s3-fashion-ad.conf", "s4-frameworks.conf")) {
            assertThat(preset(preset).frameworks()).as(preset).containsExactly(Framework.DL4J, Framework.PYTORCH);
        }
    }
}
