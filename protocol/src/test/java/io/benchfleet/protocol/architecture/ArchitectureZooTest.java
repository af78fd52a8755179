package io.benchfleet.protocol.architecture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ArchitectureZooTest {

    /** docs/studies.md: the counts the studies report, each for the input of its own dataset. */
    @ParameterizedTest
    @CsvSource({
            "mlp-small, 101770", "cnn-medium, 220234", "cnn-big, 1683722",
            "s4-mnist-cnn, 1199882", "s4-cifar10-cnn, 1250858", "s4-cifar100-cnn, 1297028", "s4-letter-mlp, 2570",
            "s1-mnist-mlp, 101770"})
    void parameterCountsEqualTheStudies(String name, long parameters) {
        Architecture architecture = ArchitectureZoo.byName(name).orElseThrow();

        assertThat(architecture.parameterCount(architecture.input())).isEqualTo(parameters);
        assertThat(architecture.totalCount(architecture.input())).isEqualTo(parameters);
    }

    /** By hand: S2's small MLP 784x128 + 128x10; its medium CNN 28x28x32x3x3 + 14x14x64x3x3x32 + 3136x64 + 64x10. */
    @ParameterizedTest
    @CsvSource({"mlp-small, 101632", "cnn-medium, 4039808"})
    void countsTheForwardMultiplyAccumulatesOfOneSample(String name, long multiplyAccumulates) {
        Architecture architecture = ArchitectureZoo.byName(name).orElseThrow();

        assertThat(architecture.multiplyAccumulates(architecture.input())).isEqualTo(multiplyAccumulates);
    }

    /** Keras' summary of S1's CIFAR-10 model: 167,754 trainable, 167,946 in total with BatchNorm's moving statistics. */
    @Test
    void batchNormStatisticsCountInTheTotalButAreNotTrained() {
        Architecture s1 = ArchitectureZoo.byName("s1-cifar10-cnn").orElseThrow();

        assertThat(s1.parameterCount(s1.input())).isEqualTo(167_754);
        assertThat(s1.totalCount(s1.input())).isEqualTo(167_946);
    }

    @Test
    void everyStudyModelCarriesItsOptimizerAndSchedule() {
        Architecture cifar100 = ArchitectureZoo.byName("s4-cifar100-cnn").orElseThrow();

        assertThat(cifar100.optimizer()).isEqualTo(new Optimizer(Optimizer.Kind.SGD, 0.01, 1e-6, 0.9, true));
        assertThat(cifar100.epochs()).isEqualTo(12);
        assertThat(cifar100.batchSize()).isEqualTo(128);
        assertThat(cifar100.classes()).isEqualTo(100);
    }
}
