package io.benchfleet.trainer;

import io.benchfleet.protocol.architecture.Activation;
import io.benchfleet.protocol.architecture.Architecture;
import io.benchfleet.protocol.architecture.Layer;
import io.benchfleet.protocol.architecture.Optimizer;
import io.benchfleet.protocol.architecture.Shape;
import io.benchfleet.protocol.trainer.EventLine;
import io.benchfleet.protocol.trainer.TrainerEvent;
import io.benchfleet.dataset.Normalisation;
import io.benchfleet.dataset.reader.FeatureScaling;
import io.benchfleet.trainer.network.NetworkFactory;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EpochLoopTest {

    private static final Shape INPUT = ToyImages.SHAPE;
    private static final Architecture TOY_MLP = new Architecture("toy", "test", INPUT, List.of(
            new Layer.Dense(16, Activation.RELU), new Layer.Dense(2, Activation.SOFTMAX)),
            Optimizer.of(Optimizer.Kind.ADAM, 0.01), 5, 16);

    private static TrainingData toyData(int count, long seed) {
        var part = ToyImages.of(count, seed);
        return TrainingData.of(part, FeatureScaling.fit(Normalisation.UNIT_RANGE, part));
    }

    private static List<TrainerEvent.Epoch> train(Optimizer optimizer, long seed) {
        var network = NetworkFactory.build(TOY_MLP, INPUT, optimizer, seed);
        var loop = new EpochLoop(network, toyData(400, 1), () -> toyData(200, 2), 16, seed, new ResourceReadings());
        List<TrainerEvent.Epoch> epochs = new ArrayList<>();
        loop.run(3, epochs::add);
        return epochs;
    }

    @Test
    void aSmallNetworkLearnsASeparableProblem() {
        List<TrainerEvent.Epoch> epochs = train(TOY_MLP.optimizer(), 1);

        assertThat(epochs).extracting(TrainerEvent.Epoch::epoch).containsExactly(1, 2, 3);
        assertThat(epochs.get(2).testAccuracy()).isGreaterThan(0.9);
        assertThat(epochs.get(2).trainAccuracy()).isGreaterThan(0.9);
        assertThat(epochs.get(2).trainLoss()).isLessThan(epochs.get(0).trainLoss());
        assertThat(epochs.get(0).samplesPerSecond()).isPositive();
    }

    @Test
    void anEpochOnTheCpuBackendHasNoGpuMemoryAndItsLineLeavesTheFieldOut() {
        List<TrainerEvent.Epoch> epochs = train(TOY_MLP.optimizer(), 1);

        assertThat(epochs).extracting(TrainerEvent.Epoch::gpuMemBytes).containsOnly(Optional.empty());
        assertThat(EventLine.encode(epochs.get(0))).doesNotContain("gpuMemBytes");
    }

    @Test
    void theSameSeedGivesTheSameLosses() {
        List<Double> first = train(TOY_MLP.optimizer(), 7).stream().map(TrainerEvent.Epoch::trainLoss).toList();
        List<Double> second = train(TOY_MLP.optimizer(), 7).stream().map(TrainerEvent.Epoch::trainLoss).toList();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void aLossThatBecomesNaNOrInfiniteIsReportedAsDivergenceWithItsEpoch() {
        Optimizer absurd = Optimizer.of(Optimizer.Kind.SGD, 1e30);

        assertThatThrownBy(() -> train(absurd, 1))
                .isInstanceOf(DivergedException.class)
                .hasMessageMatching("training loss is (NaN|Infinity|-Infinity) at epoch 1, minibatch \\d+");
    }
}
