package io.benchfleet.coordinator.sweep;

import io.benchfleet.protocol.architecture.Activation;
import io.benchfleet.protocol.architecture.Architecture;
import io.benchfleet.protocol.architecture.Layer;
import io.benchfleet.protocol.architecture.Optimizer;
import io.benchfleet.protocol.sweep.Sweep;
import io.benchfleet.protocol.sweep.TaskSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Architectures written out in the sweep file, and the training block's optimizer. */
class InlineArchitectureTest {

    @TempDir
    Path dir;

    private Path sweepWith(String architectures, String training) throws IOException {
        Path file = dir.resolve("inline.conf");
        Files.writeString(file, "sweep {\n datasets = [mnist]\n architectures = " + architectures + "\n" + training + "\n}\n");
        return file;
    }

    private static final String SMALL_CNN = """
            [mlp-small, {
              name = my-cnn
              layers = [
                { type = conv2d, filters = 8, kernel = 3, padding = same, activation = relu }
                { type = batchnorm }
                { type = maxpool, size = 2 }
                { type = dropout, rate = 0.25 }
                { type = flatten }
                { type = dense, units = 10, activation = softmax }
              ]
              optimizer { kind = sgd, learning-rate = 0.05, momentum = 0.9, nesterov = true }
              epochs = 4
              batch-size = 32
            }]""";

    @Test
    void anInlineArchitectureBecomesANetworkBesideTheZoosOnes() throws IOException {
        Sweep sweep = SweepFiles.load(sweepWith(SMALL_CNN, ""));

        Architecture mine = sweep.architecture("my-cnn").orElseThrow();
        assertThat(sweep.architectures()).extracting(Architecture::name).containsExactly("mlp-small", "my-cnn");
        assertThat(mine.layers()).containsExactly(
                new Layer.Conv2d(8, 3, Layer.Padding.SAME, Activation.RELU), new Layer.BatchNorm(), new Layer.MaxPool(2),
                new Layer.Dropout(0.25), new Layer.Flatten(), new Layer.Dense(10, Activation.SOFTMAX));
        assertThat(mine.optimizer()).isEqualTo(new Optimizer(Optimizer.Kind.SGD, 0.05, 0, 0.9, true));
        TaskSpec task = sweep.tasks().stream().filter(t -> t.architecture().equals("my-cnn")).findFirst().orElseThrow();
        assertThat(task.training().epochs()).isEqualTo(4);
        assertThat(task.training().batchSize()).isEqualTo(32);
    }

    @Test
    void theTrainingBlocksOptimizerOverridesEveryArchitecturesOwn() throws IOException {
        Sweep sweep = SweepFiles.load(sweepWith(SMALL_CNN,
                "training { epochs = 1, optimizer { kind = rmsprop, learning-rate = 1e-4, decay = 1e-6 } }"));

        assertThat(sweep.tasks()).extracting(t -> t.training().optimizer())
                .containsOnly(new Optimizer(Optimizer.Kind.RMSPROP, 1e-4, 1e-6, 0, false));
        assertThat(sweep.tasks()).extracting(t -> t.training().epochs()).containsOnly(1);
    }

    @Test
    void aZooArchitectureTrainsWithItsStudysOptimizerAndEpochsByDefault() throws IOException {
        Sweep sweep = SweepFiles.load(sweepWith("[s4-mnist-cnn]", ""));

        assertThat(sweep.tasks().get(0).training().optimizer()).isEqualTo(Optimizer.of(Optimizer.Kind.ADADELTA, 1.0));
        assertThat(sweep.tasks().get(0).training().epochs()).isEqualTo(12);
    }

    @Test
    void anUnknownLayerKeyIsNamedWithItsLayerAndTheKeysExpected() throws IOException {
        Path file = sweepWith("[{ name = x, layers = [{ type = conv2d, filter = 8 }, { type = dense, units = 10 }] }]", "");

        assertThatThrownBy(() -> SweepFiles.load(file)).isInstanceOf(SweepFileException.class)
                .hasMessage("inline.conf: sweep.architectures[0].layers[0] (conv2d): unknown key 'filter';"
                        + " expected one of activation, filters, kernel, padding, type");
    }

    @Test
    void anUnknownLayerTypeIsRefused() throws IOException {
        Path file = sweepWith("[{ name = x, layers = [{ type = lstm }, { type = dense, units = 10 }] }]", "");

        assertThatThrownBy(() -> SweepFiles.load(file))
                .hasMessage("inline.conf: sweep.architectures[0].layers[0]: type = 'lstm': expected one of"
                        + " batchnorm, conv2d, dense, dropout, flatten, maxpool");
    }

    @Test
    void aMissingRequiredLayerKeyIsNamed() throws IOException {
        Path file = sweepWith("[{ name = x, layers = [{ type = dense }] }]", "");

        assertThatThrownBy(() -> SweepFiles.load(file))
                .hasMessage("inline.conf: sweep.architectures[0].layers[0] (dense): missing key 'units'");
    }

    @Test
    void aMisspeltActivationIsRefusedWithTheChoices() throws IOException {
        Path file = sweepWith("[{ name = x, layers = [{ type = dense, units = 10, activation = sofmax }] }]", "");

        assertThatThrownBy(() -> SweepFiles.load(file))
                .hasMessage("inline.conf: sweep.architectures[0].layers[0] (dense): activation = 'sofmax': expected one of"
                        + " relu, elu, tanh, sigmoid, softmax, identity");
    }

    @Test
    void aDropoutRateOutsideZeroToOneIsRefused() throws IOException {
        Path file = sweepWith("[{ name = x, layers = [{ type = dropout, rate = 1.5 }, { type = dense, units = 10 }] }]", "");

        assertThatThrownBy(() -> SweepFiles.load(file)).hasMessageContaining("rate = 1.5: expected the fraction dropped");
    }

    @Test
    void aLayerListThatDoesNotEndInADenseClassifierIsRefused() throws IOException {
        Path file = sweepWith("[{ name = x, layers = [{ type = dense, units = 10 }, { type = dropout, rate = 0.5 }] }]", "");

        assertThatThrownBy(() -> SweepFiles.load(file))
                .hasMessage("inline.conf: sweep.architectures[0].layers: the last layer must be dense (the classifier)");
    }

    @Test
    void aClassifierOfTheWrongWidthForTheDatasetIsRefused() throws IOException {
        Path file = sweepWith("[s4-cifar100-cnn]", "");

        assertThatThrownBy(() -> SweepFiles.load(file))
                .hasMessageContaining("architecture s4-cifar100-cnn cannot train on mnist: its classifier predicts 100 classes");
    }

    @Test
    void anInlineNameMayNotShadowTheZoo() throws IOException {
        Path file = sweepWith("[{ name = cnn-medium, layers = [{ type = dense, units = 10 }] }]", "");

        assertThatThrownBy(() -> SweepFiles.load(file)).hasMessageContaining("name 'cnn-medium' is taken by the zoo");
    }

    @Test
    void aBadOptimizerKindIsNamed() throws IOException {
        Path file = sweepWith("[mlp-small]", "training { optimizer { kind = adamw } }");

        assertThatThrownBy(() -> SweepFiles.load(file))
                .hasMessage("inline.conf: sweep.training.optimizer: kind = 'adamw': expected one of adam, sgd, rmsprop, adadelta");
    }

    @Test
    void nesterovWithoutMomentumIsRefused() throws IOException {
        Path file = sweepWith("[mlp-small]", "training { optimizer { kind = sgd, nesterov = true } }");

        assertThatThrownBy(() -> SweepFiles.load(file))
                .hasMessageContaining("sweep.training.optimizer: nesterov needs kind sgd with a momentum > 0");
    }

    @Test
    void imageLayersOnAFeatureVectorAreRefused() {
        Architecture cnn = new Architecture("c", "t", io.benchfleet.protocol.architecture.Shape.flat(16),
                List.of(new Layer.Conv2d(4, 3, Layer.Padding.SAME, Activation.RELU), new Layer.Dense(26, Activation.SOFTMAX)),
                Optimizer.of(Optimizer.Kind.ADAM, 0.001), 1, 1);

        assertThat(cnn.incompatibility(io.benchfleet.protocol.architecture.Shape.flat(16), 26))
                .contains("layer 0 conv2d(4,3,same,relu) needs an image, but gets 16 features");
    }
}
