package io.benchfleet.coordinator.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.benchfleet.protocol.sweep.Sweep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** S4 pairs each model with its own dataset: an architecture entry may name the datasets it trains on. */
class ArchitecturePairingTest {

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        return SweepFiles.write(dir, text);
    }

    @Test
    void trainsAPairedArchitectureOnlyOnItsDatasets() throws IOException {
        Sweep sweep = SweepFiles.load(write("""
                sweep {
                  datasets = [mnist, letter]
                  architectures = [{ name = s4-mnist-cnn, datasets = [mnist] }, { name = s4-letter-mlp, datasets = [letter] }]
                  repetitions = 2
                }
                """));

        assertThat(sweep.tasks()).extracting(task -> task.dataset() + "/" + task.architecture()).containsExactly(
                "mnist/s4-mnist-cnn", "mnist/s4-mnist-cnn", "letter/s4-letter-mlp", "letter/s4-letter-mlp");
        assertThat(sweep.tasks()).extracting(task -> task.training().epochs()).containsOnly(12, 300);
    }

    @Test
    void stillRefusesAnArchitectureThatDoesNotFitADatasetItIsPairedWith() throws IOException {
        Path file = write("""
                sweep {
                  datasets = [mnist, letter]
                  architectures = [{ name = s4-mnist-cnn, datasets = [mnist, letter] }]
                }
                """);

        assertThatThrownBy(() -> SweepFiles.load(file)).isInstanceOf(SweepFileException.class)
                .hasMessageStartingWith("test.conf: architecture s4-mnist-cnn cannot train on letter: ");
    }

    @Test
    void refusesADatasetThatIsNotInTheSweep() throws IOException {
        Path file = write("""
                sweep {
                  datasets = [mnist]
                  architectures = [{ name = s4-mnist-cnn, datasets = [cifar10] }]
                }
                """);

        assertThatThrownBy(() -> SweepFiles.load(file)).isInstanceOf(SweepFileException.class)
                .hasMessage("test.conf: sweep.architectures[0].datasets names 'cifar10', which is not in sweep.datasets:"
                        + " expected some of mnist");
    }

    @Test
    void refusesAnEmptyDatasetList() throws IOException {
        Path file = write("""
                sweep {
                  datasets = [mnist]
                  architectures = [{ name = s4-mnist-cnn, datasets = [] }]
                }
                """);

        assertThatThrownBy(() -> SweepFiles.load(file)).isInstanceOf(SweepFileException.class)
                .hasMessage("test.conf: sweep.architectures[0].datasets is empty: expected some of the sweep's datasets,"
                        + " mnist");
    }
}
