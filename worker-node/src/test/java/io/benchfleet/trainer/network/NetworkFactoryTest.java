package io.benchfleet.trainer.network;

import io.benchfleet.protocol.architecture.Architecture;
import io.benchfleet.protocol.architecture.ArchitectureZoo;
import io.benchfleet.protocol.architecture.Shape;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class NetworkFactoryTest {

    private static final Shape GREY_28 = new Shape(1, 28, 28);

    /** DL4J's own count of the built network equals the count the zoo computes from its layer list. */
    @ParameterizedTest
    @ValueSource(strings = {"mlp-small", "cnn-medium", "cnn-big"})
    void theBuiltNetworkHasTheArchitecturesParameterCount(String name) {
        Architecture architecture = ArchitectureZoo.byName(name).orElseThrow();

        MultiLayerNetwork network = NetworkFactory.build(architecture, GREY_28, 1);

        assertThat(network.numParams()).isEqualTo(architecture.parameterCount(GREY_28));
    }

    @Test
    void everyConvolutionAndPoolingLayerTrainsThroughItsOneDnnHelper() {
        MultiLayerNetwork network = NetworkFactory.build(ArchitectureZoo.byName("cnn-medium").orElseThrow(), GREY_28, 1);

        OneDnnHelpers.install(network);
        network.fit(new DataSet(Nd4j.rand(DataType.FLOAT, 8, 784),
                Nd4j.eye(10).castTo(DataType.FLOAT).get(NDArrayIndex.interval(0, 8), NDArrayIndex.all())));

        assertThat(OneDnnHelpers.describe(network)).containsExactly(
                "0:ConvolutionLayer=MKLDNNConvHelper", "1:SubsamplingLayer=MKLDNNSubsamplingHelper",
                "2:ConvolutionLayer=MKLDNNConvHelper", "3:SubsamplingLayer=MKLDNNSubsamplingHelper");
        assertThat(OneDnnHelpers.fallenBack(network)).isEmpty();
    }

    @Test
    void theSameSeedGivesTheSameInitialWeights() {
        Architecture mlp = ArchitectureZoo.byName("mlp-small").orElseThrow();

        assertThat(NetworkFactory.build(mlp, GREY_28, 5).params())
                .isEqualTo(NetworkFactory.build(mlp, GREY_28, 5).params())
                .isNotEqualTo(NetworkFactory.build(mlp, GREY_28, 6).params());
    }
}
