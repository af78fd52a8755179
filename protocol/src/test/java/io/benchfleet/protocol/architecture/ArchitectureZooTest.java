package io.benchfleet.protocol.architecture;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ArchitectureZooTest {

    private static final Shape GREY_28 = new Shape(1, 28, 28);

    /** SEEDS.md, S2: the counts its thesis reports for the Keras/Flux models. */
    @ParameterizedTest
    @CsvSource({"mlp-small, 101770", "cnn-medium, 220234", "cnn-big, 1683722"})
    void parameterCountsEqualTheStudies(String name, long parameters) {
        assertThat(ArchitectureZoo.byName(name).orElseThrow().parameterCount(GREY_28)).isEqualTo(parameters);
    }
}
