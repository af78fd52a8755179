package io.benchfleet.coordinator.sweep;

import io.benchfleet.protocol.sweep.Device;
import io.benchfleet.protocol.sweep.Split;
import io.benchfleet.protocol.sweep.Sweep;
import io.benchfleet.protocol.sweep.TaskSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SweepFileTest {

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        return SweepFiles.write(dir, text);
    }

    @Test
    void readsEveryKeyOfTheContract() throws IOException {
        Sweep sweep = SweepFiles.load(write("""
                sweep {
                  name = qs
                  datasets = [fashion-mnist, mnist]
                  architectures = [mlp-small, cnn-medium]
                  devices = [cpu]
                  split { kind = standard }
                  repetitions = 3
                  training { epochs = 2, batch-size = 64, train-limit = 10000 }
                  seed = 7
                }
                data-dir = /tmp/data
                metrics { interval = 500ms }
                """));

        assertThat(sweep.name()).isEqualTo("qs");
        assertThat(sweep.datasets()).containsExactly("fashion-mnist", "mnist");
        assertThat(sweep.architectures()).extracting(a -> a.name()).containsExactly("mlp-small", "cnn-medium");
        assertThat(sweep.devices()).containsExactly(Device.CPU);
        assertThat(sweep.repetitions()).isEqualTo(3);
        assertThat(sweep.training().epochs()).hasValue(2);
        assertThat(sweep.training().batchSize()).hasValue(64);
        assertThat(sweep.training().trainLimit()).isEqualTo(10_000);
        assertThat(sweep.seed()).isEqualTo(7);
        assertThat(sweep.dataDir()).isEqualTo("/tmp/data");
        assertThat(sweep.metricsInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(sweep.tasks()).hasSize(2 * 2 * 3);
    }

    @Test
    void fillsDefaultsForOptionalKeys() throws IOException {
        Sweep sweep = SweepFiles.load(write("sweep { datasets = [mnist], architectures = [mlp-small] }"));

        assertThat(sweep.name()).isEqualTo("test");
        assertThat(sweep.devices()).isEqualTo(List.of(Device.CPU));
        assertThat(sweep.split()).isEqualTo(Split.STANDARD);
        assertThat(sweep.trainFractions()).containsExactly(1.0);
        assertThat(sweep.repetitions()).isEqualTo(1);
        assertThat(sweep.dataDir()).isEqualTo("data");
        assertThat(sweep.metricsInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void gpuIsADeviceAxisBesideCpuAndAnythingElseIsRefused() throws IOException {
        Sweep sweep = SweepFiles.load(write("sweep { datasets = [mnist], architectures = [mlp-small], devices = [cpu, gpu] }"));

        assertThat(sweep.tasks()).extracting(TaskSpec::device).containsExactly(Device.CPU, Device.GPU);
        assertThatThrownBy(() -> SweepFiles.load(write(
                "sweep { datasets = [mnist], architectures = [mlp-small], devices = [cpu, tpu] }")))
                .hasMessage("test.conf: sweep.devices[1] = 'tpu' is not a device: expected cpu, gpu");
    }

    @Test
    void aMisspeltDatasetIsNamedWithTheKnownOnes() throws IOException {
        Path file = write("sweep { datasets = [fashion-minst], architectures = [mlp-small] }");

        assertThatThrownBy(() -> SweepFiles.load(file))
                .isInstanceOf(SweepFileException.class)
                .hasMessage("test.conf: sweep.datasets[0] = 'fashion-minst' is unknown: expected one of mnist, fashion-mnist, cifar10, cifar100, cifar100-coarse, letter");
    }

    @Test
    void aMisspeltArchitectureIsNamedWithTheKnownOnes() throws IOException {
        Path file = write("sweep { datasets = [mnist], architectures = [mlp-small, cnn-meduim] }");

        assertThatThrownBy(() -> SweepFiles.load(file))
                .hasMessageContaining("sweep.architectures[1] = 'cnn-meduim' is unknown")
                .hasMessageContaining("cnn-medium");
    }

    @Test
    void anUnknownKeyIsRefusedWithTheKeysExpectedThere() throws IOException {
        Path file = write("sweep { datasets = [mnist], architectures = [mlp-small], repetition = 3 }");

        assertThatThrownBy(() -> SweepFiles.load(file))
                .hasMessageStartingWith("test.conf: unknown key 'sweep.repetition': expected one of ")
                .hasMessageContaining("sweep.repetitions");
    }

    @Test
    void anUnknownTrainingKeyIsRefused() throws IOException {
        Path file = write("sweep { datasets = [mnist], architectures = [mlp-small], training { epoch = 3 } }");

        assertThatThrownBy(() -> SweepFiles.load(file)).hasMessageContaining("unknown key 'sweep.training.epoch'");
    }

    @Test
    void anUnknownTopLevelKeyIsRefused() throws IOException {
        Path file = write("sweep { datasets = [mnist], architectures = [mlp-small] }\ndatadir = x");

        assertThatThrownBy(() -> SweepFiles.load(file))
                .hasMessageContaining("unknown key 'datadir': expected one of data-dir, metrics, reference, report, sweep");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> SweepFiles.load(dir.resolve("nope.conf")))
                .hasMessageContaining("sweep file not found: ")
                .hasMessageContaining("nope.conf");
    }

    @Test
    void repetitionsBelowOneAreRefused() throws IOException {
        Path file = write("sweep { datasets = [mnist], architectures = [mlp-small], repetitions = 0 }");

        assertThatThrownBy(() -> SweepFiles.load(file))
                .hasMessage("test.conf: sweep.repetitions = 0: expected an integer >= 1");
    }

    @Test
    void aValueOfTheWrongTypeIsNamedWithItsLine() throws IOException {
        Path file = write("sweep {\n datasets = [mnist]\n architectures = [mlp-small]\n repetitions = many\n}");

        assertThatThrownBy(() -> SweepFiles.load(file))
                .isInstanceOf(SweepFileException.class)
                .hasMessageContaining("4")
                .hasMessageContaining("repetitions");
    }

    @Test
    void anUnknownSplitKindIsRefusedWithTheKnownOnes() throws IOException {
        Path file = write("sweep { datasets = [mnist], architectures = [mlp-small], split { kind = bootstrap } }");

        assertThatThrownBy(() -> SweepFiles.load(file))
                .hasMessage("test.conf: sweep.split.kind = 'bootstrap' is unknown: expected one of standard, holdout, kfold");
    }

    @Test
    void readsHoldoutAndKFoldSplitsWithS4sProtocolsAsDefaults() throws IOException {
        String head = "sweep { datasets = [mnist], architectures = [mlp-small], ";

        assertThat(SweepFiles.load(write(head + "split { kind = holdout, test-fraction = 0.25 } }")).split())
                .isEqualTo(new Split.Holdout(0.25));
        assertThat(SweepFiles.load(write(head + "split { kind = holdout } }")).split()).isEqualTo(new Split.Holdout(0.3));
        assertThat(SweepFiles.load(write(head + "split { kind = kfold, k = 5 } }")).tasks()).hasSize(5);
        assertThat(SweepFiles.load(write(head + "split { kind = kfold } }")).split()).isEqualTo(new Split.KFold(10));
    }

    @Test
    void splitValuesOutOfRangeOrForAnotherKindAreRefused() throws IOException {
        String head = "sweep { datasets = [mnist], architectures = [mlp-small], ";

        assertThatThrownBy(() -> SweepFiles.load(write(head + "split { kind = holdout, test-fraction = 1.2 } }")))
                .hasMessage("test.conf: sweep.split.test-fraction = 1.2: expected a number between 0 and 1, such as 0.3");
        assertThatThrownBy(() -> SweepFiles.load(write(head + "split { kind = kfold, k = 1 } }")))
                .hasMessage("test.conf: sweep.split.k = 1: expected an integer >= 2, such as 10");
        assertThatThrownBy(() -> SweepFiles.load(write(head + "split { kind = kfold, test-fraction = 0.3 } }")))
                .hasMessage("test.conf: sweep.split.test-fraction applies to kind = holdout only, not to kind = kfold");
        assertThatThrownBy(() -> SweepFiles.load(write(head + "split { kind = holdout, folds = 3 } }")))
                .hasMessageContaining("unknown key 'sweep.split.folds'");
    }

    @Test
    void trainFractionsAreAnAxisOfNumbersUpToOne() throws IOException {
        String head = "sweep { datasets = [fashion-mnist], architectures = [mlp-small], ";

        assertThat(SweepFiles.load(write(head + "train-fractions = [0.1, 0.25, 0.5, 1.0] }")).tasks())
                .extracting(t -> t.trainFraction()).containsExactly(0.1, 0.25, 0.5, 1.0);
        assertThatThrownBy(() -> SweepFiles.load(write(head + "train-fractions = [0.5, 0] }")))
                .hasMessage("test.conf: sweep.train-fractions[1] = 0.0: expected a number > 0 and <= 1");
        assertThatThrownBy(() -> SweepFiles.load(write(head + "train-fractions = [0.5, 0.5] }")))
                .hasMessage("test.conf: sweep.train-fractions[1] = 0.5 appears twice: expected each fraction once");
        assertThatThrownBy(() -> SweepFiles.load(write(head + "train-fractions = [] }")))
                .hasMessageContaining("sweep.train-fractions is empty");
    }

    @Test
    void aMetricsIntervalBelow100msIsRefused() throws IOException {
        Path file = write("sweep { datasets = [mnist], architectures = [mlp-small] }\nmetrics { interval = 10ms }");

        assertThatThrownBy(() -> SweepFiles.load(file)).hasMessageContaining("metrics.interval = 10ms");
    }

    @Test
    void aFileThatIsNotHoconIsRefusedWithTheParserMessage() throws IOException {
        Path file = write("sweep { datasets = [mnist");

        assertThatThrownBy(() -> SweepFiles.load(file)).isInstanceOf(SweepFileException.class)
                .hasMessageContaining("test.conf");
    }
}
