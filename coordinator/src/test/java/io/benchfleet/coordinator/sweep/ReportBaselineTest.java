package io.benchfleet.coordinator.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.benchfleet.report.Baseline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportBaselineTest {

    private static final String SWEEP = """
            sweep {
              datasets = [fashion-mnist]
              architectures = [mlp-small, cnn-medium]
              devices = [cpu]
            }
            """;

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        return SweepFiles.write(dir, text);
    }

    @Test
    void acceptsABaselineThatNamesValuesOfTheSweep() throws IOException {
        SweepFile.read(write(SWEEP + "report { baseline { architecture = mlp-small, device = cpu } }"));

        assertThat(ReportBlock.baseline(ConfigFactory.parseString("report { baseline { architecture = mlp-small } }")))
                .contains(new Baseline(Map.of("architecture", "mlp-small")));
    }

    @Test
    void readsTheBaselineOfARunDirectorysSweepFile() throws IOException {
        Files.writeString(dir.resolve("sweep.conf"), SWEEP + "report { baseline { device = cpu } }");

        assertThat(ReportBlock.ofRunDirectory(dir)).contains(new Baseline(Map.of("device", "cpu")));
        assertThat(SweepFile.read(dir.resolve("sweep.conf")).baseline()).isEqualTo(ReportBlock.ofRunDirectory(dir));
    }

    @Test
    void refusesABaselineArchitectureTheSweepDoesNotTrain() throws IOException {
        Path file = write(SWEEP + "report { baseline { architecture = cnn-big } }");

        assertThatThrownBy(() -> SweepFile.read(file)).isInstanceOf(SweepFileException.class)
                .hasMessage("test.conf: report.baseline.architecture = 'cnn-big' is not in the sweep: expected one of"
                        + " mlp-small, cnn-medium");
    }

    @Test
    void refusesAnUnknownBaselineAxis() throws IOException {
        Path file = write(SWEEP + "report { baseline { optimizer = sgd } }");

        assertThatThrownBy(() -> SweepFile.read(file)).isInstanceOf(SweepFileException.class)
                .hasMessage("test.conf: unknown key 'report.baseline.optimizer': expected one of "
                        + String.join(", ", Baseline.AXES));
    }

    @Test
    void aBaselineFrameworkMustBeOneTheSweepTrainsWith() throws IOException {
        SweepFile.read(write(SWEEP.replace("devices = [cpu]", "devices = [cpu], frameworks = [dl4j, pytorch]")
                + "report { baseline { framework = pytorch } }"));
        Path file = write(SWEEP + "report { baseline { framework = pytorch } }");

        assertThatThrownBy(() -> SweepFile.read(file)).isInstanceOf(SweepFileException.class)
                .hasMessage("test.conf: report.baseline.framework = 'pytorch' is not in the sweep: expected one of dl4j");
    }

    @Test
    void refusesAnEmptyBaseline() throws IOException {
        Path file = write(SWEEP + "report { baseline {} }");

        assertThatThrownBy(() -> SweepFile.read(file)).isInstanceOf(SweepFileException.class)
                .hasMessageStartingWith("test.conf: report.baseline is empty: expected an axis and its value");
    }
}
