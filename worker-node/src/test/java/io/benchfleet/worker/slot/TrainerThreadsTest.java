package io.benchfleet.worker.slot;

import io.benchfleet.protocol.architecture.ArchitectureZoo;
import io.benchfleet.protocol.sweep.Device;
import io.benchfleet.protocol.sweep.TaskSpec;
import io.benchfleet.protocol.sweep.TrainingSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TrainerThreadsTest {

    private static int threads(String architecture, String dataset, int slotCores) {
        var network = ArchitectureZoo.byName(architecture).orElseThrow();
        var task = new TaskSpec(dataset, architecture, Device.CPU, "standard", 0, 1, 1,
                new TrainingSettings(1, 128, 0, network.optimizer()));
        return TrainerThreads.of(task, network, slotCores);
    }

    @Test
    void aSmallMlpTrainsOnOneThreadWhateverTheSlotHas() {
        assertThat(threads("mlp-small", "fashion-mnist", 2)).isEqualTo(1);
        assertThat(threads("s4-letter-mlp", "letter", 16)).isEqualTo(1);
    }

    @Test
    void convolutionalNetworksGetTheSlotsCores() {
        assertThat(threads("cnn-medium", "fashion-mnist", 2)).isEqualTo(2);
        assertThat(threads("cnn-big", "fashion-mnist", 8)).isEqualTo(8);
    }

    @Test
    void theDatasetsInputDecides() {
        // The small MLP on CIFAR-10's 3x32x32 images: 3072 x 128 + 128 x 10, still small.
        assertThat(threads("mlp-small", "cifar10", 2)).isEqualTo(1);
        // S4's MNIST CNN: 26x26x32x9 + 24x24x64x9x32 + 9216x128 + 128x10, about 12 M per sample.
        assertThat(threads("s4-mnist-cnn", "mnist", 2)).isEqualTo(2);
    }
}
