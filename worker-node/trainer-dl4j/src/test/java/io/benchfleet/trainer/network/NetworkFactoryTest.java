package io.benchfleet.trainer.network;

import io.benchfleet.protocol.architecture.Architecture;
import io.benchfleet.protocol.architecture.ArchitectureZoo;
import io.benchfleet.protocol.architecture.Optimizer;
import io.benchfleet.protocol.architecture.Shape;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetworkFactoryTest {

    private static final Shape GREY_28 = new Shape(1, 28, 28);

    private static final Optimizer ADAM = Optimizer.of(Optimizer.Kind.ADAM, 0.001);

    /**
     * DL4J's own count of every zoo network, built for its study's input, equals Keras' total that
     * the zoo computes from the layer list (DL4J, like Keras, keeps BatchNorm's statistics as parameters).
     */
    @ParameterizedTest
    @MethodSource("zooNames")
    void theBuiltNetworkHasTheArchitecturesParameterCount(String name) {
        Architecture architecture = ArchitectureZoo.byName(name).orElseThrow();

        MultiLayerNetwork network = NetworkFactory.build(architecture, architecture.input(), architecture.optimizer(), 1);

        assertThat(network.numParams()).isEqualTo(architecture.totalCount(architecture.input()));
    }

    static java.util.List<String> zooNames() {
        return ArchitectureZoo.names();
    }

    @Test
    void classicalMomentumIsRefusedBecauseDl4jOnlyHasNesterov() {
        Architecture mlp = ArchitectureZoo.byName("mlp-small").orElseThrow();
        Optimizer momentum = new Optimizer(Optimizer.Kind.SGD, 0.01, 0, 0.9, false);

        assertThatThrownBy(() -> NetworkFactory.build(mlp, GREY_28, momentum, 1))
                .isInstanceOf(NetworkFactory.UnsupportedByDl4jException.class)
                .hasMessageContaining("nesterov = true");
    }

    @Test
    void rmspropDecaysAsKerasDoesNotAsDl4jsDefault() {
        Architecture mlp = ArchitectureZoo.byName("mlp-small").orElseThrow();
        Optimizer rmsprop = new Optimizer(Optimizer.Kind.RMSPROP, 1e-4, 1e-6, 0, false);

        MultiLayerNetwork network = NetworkFactory.build(mlp, GREY_28, rmsprop, 1);

        assertThat(network.getLayerWiseConfigurations().getConf(0).getLayer().getUpdaterByParam("W"))
                .isInstanceOfSatisfying(RmsProp.class, updater -> {
                    assertThat(updater.getRmsDecay()).isEqualTo(0.9);
                    assertThat(updater.getLearningRate(0, 0)).isEqualTo(1e-4);
                });
    }

    @Test
    void everyConvolutionAndPoolingLayerTrainsThroughItsOneDnnHelper() {
        MultiLayerNetwork network = NetworkFactory.build(ArchitectureZoo.byName("cnn-medium").orElseThrow(), GREY_28, ADAM, 1);

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

        assertThat(NetworkFactory.build(mlp, GREY_28, ADAM, 5).params())
                .isEqualTo(NetworkFactory.build(mlp, GREY_28, ADAM, 5).params())
                .isNotEqualTo(NetworkFactory.build(mlp, GREY_28, ADAM, 6).params());
    }
}
