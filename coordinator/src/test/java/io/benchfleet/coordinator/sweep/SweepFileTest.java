package io.benchfleet.coordinator.sweep;

import io.benchfleet.protocol.sweep.Device;
import io.benchfleet.protocol.sweep.Sweep;
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
        Path file = dir.resolve("test.conf");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void readsEveryKeyOfTheContract() throws IOException {
        Sweep sweep = SweepFile.load(write("""
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
        assertThat(sweep.architectures()).containsExactly("mlp-small", "cnn-medium");
        assertThat(sweep.devices()).containsExactly(Device.CPU);
        assertThat(sweep.repetitions()).isEqualTo(3);
        assertThat(sweep.training().epochs()).isEqualTo(2);
        assertThat(sweep.training().batchSize()).isEqualTo(64);
        assertThat(sweep.training().trainLimit()).isEqualTo(10_000);
        assertThat(sweep.seed()).isEqualTo(7);
        assertThat(sweep.dataDir()).isEqualTo("/tmp/data");
        assertThat(sweep.metricsInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(sweep.tasks()).hasSize(2 * 2 * 3);
    }

    @Test
    void fillsDefaultsForOptionalKeys() throws IOException {
        Sweep sweep = SweepFile.load(write("sweep { datasets = [mnist], architectures = [mlp-small] }"));

        assertThat(sweep.name()).isEqualTo("test");
        assertThat(sweep.devices()).isEqualTo(List.of(Device.CPU));
        assertThat(sweep.split()).isEqualTo("standard");
        assertThat(sweep.repetitions()).isEqualTo(1);
        assertThat(sweep.dataDir()).isEqualTo("data");
        assertThat(sweep.metricsInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aMisspeltDatasetIsNamedWithTheKnownOnes() throws IOException {
        Path file = write("sweep { datasets = [fashion-minst], architectures = [mlp-small] }");

        assertThatThrownBy(() -> SweepFile.load(file))
                .isInstanceOf(SweepFileException.class)
                .hasMessage("test.conf: sweep.datasets[0] = 'fashion-minst' is unknown: expected one of mnist, fashion-mnist");
    }

    @Test
    void aMisspeltArchitectureIsNamedWithTheKnownOnes() throws IOException {
        Path file = write("sweep { datasets = [mnist], architectures = [mlp-small, cnn-meduim] }");

        assertThatThrownBy(() -> SweepFile.load(file))
                .hasMessageContaining("sweep.architectures[1] = 'cnn-meduim' is unknown")
                .hasMessageContaining("cnn-medium");
    }

    @Test
    void anUnknownKeyIsRefusedWithTheKeysExpectedThere() throws IOException {
        Path file = write("sweep { datasets = [mnist], architectures = [mlp-small], repetition = 3 }");

        assertThatThrownBy(() -> SweepFile.load(file))
                .hasMessageStartingWith("test.conf: unknown key 'sweep.repetition': expected one of ")
                .hasMessageContaining("sweep.repetitions");
    }

    @Test
    void anUnknownTrainingKeyIsRefused() throws IOException {
        Path file = write("sweep { datasets = [mnist], architectures = [mlp-small], training { epoch = 3 } }");

        assertThatThrownBy(() -> SweepFile.load(file)).hasMessageContaining("unknown key 'sweep.training.epoch'");
    }

    @Test
    void anUnknownTopLevelKeyIsRefused() throws IOException {
        Path file = write("sweep { datasets = [mnist], architectures = [mlp-small] }\ndatadir = x");

        assertThatThrownBy(() -> SweepFile.load(file))
                .hasMessageContaining("unknown key 'datadir': expected one of data-dir, metrics, sweep");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> SweepFile.load(dir.resolve("nope.conf")))
                .hasMessageContaining("sweep file not found: ")
                .hasMessageContaining("nope.conf");
    }

    @Test
    void repetitionsBelowOneAreRefused() throws IOException {
        Path file = write("sweep { datasets = [mnist], architectures = [mlp-small], repetitions = 0 }");

        assertThatThrownBy(() -> SweepFile.load(file))
                .hasMessage("test.conf: sweep.repetitions = 0: expected an integer >= 1");
    }

    @Test
    void aValueOfTheWrongTypeIsNamedWithItsLine() throws IOException {
        Path file = write("sweep {\n datasets = [mnist]\n architectures = [mlp-small]\n repetitions = many\n}");

        assertThatThrownBy(() -> SweepFile.load(file))
                .isInstanceOf(SweepFileException.class)
                .hasMessageContaining("4")
                .hasMessageContaining("repetitions");
    }

    @Test
    void aSplitThisVersionCannotRunIsRefused() throws IOException {
        Path file = write("sweep { datasets = [mnist], architectures = [mlp-small], split { kind = kfold } }");

        assertThatThrownBy(() -> SweepFile.load(file))
                .hasMessage("test.conf: sweep.split.kind = 'kfold' is not available in this version: expected standard");
    }

    @Test
    void aMetricsIntervalBelow100msIsRefused() throws IOException {
        Path file = write("sweep { datasets = [mnist], architectures = [mlp-small] }\nmetrics { interval = 10ms }");

        assertThatThrownBy(() -> SweepFile.load(file)).hasMessageContaining("metrics.interval = 10ms");
    }

    @Test
    void aFileThatIsNotHoconIsRefusedWithTheParserMessage() throws IOException {
        Path file = write("sweep { datasets = [mnist");

        assertThatThrownBy(() -> SweepFile.load(file)).isInstanceOf(SweepFileException.class)
                .hasMessageContaining("test.conf");
    }
}
