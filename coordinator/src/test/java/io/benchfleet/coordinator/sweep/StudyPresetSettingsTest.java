package io.benchfleet.coordinator.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.benchfleet.protocol.architecture.Optimizer;
import io.benchfleet.protocol.sweep.Sweep;
import io.benchfleet.protocol.sweep.TaskSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The presets train as their studies did, and their comments say so where the studies are silent: each setting
 * checked here is one a preset's comment documents.
 */
class StudyPresetSettingsTest {

    private static final Path CONFIGS = Path.of("..", "configs");

    private static Sweep preset(String name) {
        return SweepFiles.load(CONFIGS.resolve(name));
    }

    private static String comments(String name) throws IOException {
        return Files.readAllLines(CONFIGS.resolve(name)).stream().filter(line -> line.startsWith("#"))
                .collect(Collectors.joining("\n"));
    }

    private static Map<String, TaskSpec> firstTaskPerArchitecture(Sweep sweep) {
        return sweep.tasks().stream().collect(Collectors.toMap(TaskSpec::architecture, task -> task, (a, b) -> a));
    }

    @Test
    void s4SplitsPlainAndFeedsLettersFeaturesRawAsTheStudyDid() throws IOException {
        Sweep sweep = preset("s4-frameworks.conf");

        assertThat(sweep.tasks()).allSatisfy(task -> {
            assertThat(task.split()).isEqualTo("holdout-0.3-plain");
            assertThat(task.training().rawFeatures()).isTrue();
        });
        assertThat(comments("s4-frameworks.conf")).contains("stratified = false", "normalisation = none");
    }

    @Test
    void s4TrainsWithTheStudysKerasOptimizers() throws IOException {
        Map<String, TaskSpec> tasks = firstTaskPerArchitecture(preset("s4-frameworks.conf"));

        assertThat(tasks.get("s4-mnist-cnn").training().optimizer()).isEqualTo(Optimizer.of(Optimizer.Kind.ADADELTA, 1.0));
        assertThat(tasks.get("s4-cifar10-cnn").training().optimizer())
                .isEqualTo(new Optimizer(Optimizer.Kind.RMSPROP, 1e-4, 1e-6, 0, false));
        assertThat(tasks.get("s4-cifar100-cnn").training().optimizer())
                .isEqualTo(new Optimizer(Optimizer.Kind.SGD, 0.01, 1e-6, 0.9, true));
        assertThat(tasks.get("s4-letter-mlp").training().epochs()).isEqualTo(300);
        assertThat(tasks.values()).allSatisfy(task -> assertThat(task.training().batchSize()).isEqualTo(128));
        assertThat(comments("s4-frameworks.conf")).contains("learning\n#   rate 1.0", "rho 0.9");
    }

    @Test
    void s3TrainsLongEnoughForTheLossCurveToFlatten() throws IOException {
        assertThat(preset("s3-fashion-ad.conf").tasks()).extracting(task -> task.training().epochs()).containsOnly(20);
        assertThat(comments("s3-fashion-ad.conf")).contains("20 epochs", "flattens");
    }

    @Test
    void batchSizesTheStudiesDoNotGiveAreNamedAsOurs() throws IOException {
        assertThat(preset("s2-flux-tf.conf").tasks()).extracting(task -> task.training().batchSize()).containsOnly(128);
        assertThat(comments("s2-flux-tf.conf")).contains("batch 128 is our choice");
        assertThat(preset("s1-axon-keras.conf").tasks()).extracting(task -> task.training().batchSize()).containsOnly(32);
        assertThat(comments("s1-axon-keras.conf")).contains("the study names none of them; ours");
        assertThat(comments("s3-fashion-ad.conf")).contains("not in the paper; ours");
    }
}
