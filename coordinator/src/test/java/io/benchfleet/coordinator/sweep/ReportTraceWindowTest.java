package io.benchfleet.coordinator.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.benchfleet.report.ReportOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report { trace-window = 70s }}: S1's window of each attempt's traces. */
class ReportTraceWindowTest {

    private static final String SWEEP = """
            sweep {
              datasets = [mnist]
              architectures = [mlp-small]
              devices = [cpu]
            }
            """;

    @TempDir
    Path dir;

    private static Optional<Double> window(String report) {
        return ReportBlock.options(ConfigFactory.parseString("report { " + report + " }")).traceWindowSeconds();
    }

    @Test
    void readsTheWindowAsADurationOrAsSeconds() {
        assertThat(window("trace-window = 70s")).contains(70.0);
        assertThat(window("trace-window = 500ms")).contains(0.5);
        assertThat(window("trace-window = 2 minutes")).contains(120.0);
        // A plain number is seconds, not HOCON's milliseconds.
        assertThat(window("trace-window = 70")).contains(70.0);
        assertThat(window("trace-window = 1.5")).contains(1.5);
    }

    @Test
    void withoutTheKeyTracesAreWhole() {
        assertThat(ReportBlock.options(ConfigFactory.parseString("report { baseline { device = cpu } }")))
                .isEqualTo(ReportOptions.DEFAULT);
        assertThat(ReportBlock.options(ConfigFactory.parseString("a = 1"))).isEqualTo(ReportOptions.DEFAULT);
    }

    @Test
    void refusesANegativeWindowWithOneLineNamingTheKey() throws IOException {
        Path file = SweepFiles.write(dir, SWEEP + "report { trace-window = -1 }");

        assertThatThrownBy(() -> SweepFile.read(file)).isInstanceOf(SweepFileException.class)
                .hasMessage("test.conf: report.trace-window = '-1': expected a positive duration such as 70s, or a"
                        + " positive number of seconds");
    }

    @Test
    void refusesAWindowThatIsNoDuration() throws IOException {
        Path file = SweepFiles.write(dir, SWEEP + "report { trace-window = \"abc\" }");

        assertThatThrownBy(() -> SweepFile.read(file)).isInstanceOf(SweepFileException.class)
                .hasMessage("test.conf: report.trace-window = 'abc': expected a positive duration such as 70s, or a"
                        + " positive number of seconds");
        assertThatThrownBy(() -> window("trace-window = 0s")).hasMessageStartingWith("report.trace-window = '0s':");
        assertThatThrownBy(() -> window("trace-window = [70]")).hasMessageStartingWith("report.trace-window = ");
    }

    @Test
    void theSweepFileCarriesItsWindowBesideItsBaseline() throws IOException {
        Path file = SweepFiles.write(dir, SWEEP + "report { baseline { device = cpu }, trace-window = 70s }");

        SweepFile.Contents contents = SweepFile.read(file);

        assertThat(contents.reportOptions()).isEqualTo(ReportOptions.traceWindow(70));
        assertThat(contents.baseline()).isPresent();
    }

    @Test
    void readsTheWindowOfARunDirectorysSweepFile() throws IOException {
        assertThat(ReportBlock.optionsOfRunDirectory(dir)).isEqualTo(ReportOptions.DEFAULT);

        Files.writeString(dir.resolve("sweep.conf"), SWEEP + "report { trace-window = 70s }");

        assertThat(ReportBlock.optionsOfRunDirectory(dir)).isEqualTo(ReportOptions.traceWindow(70));
    }

    @Test
    void namesBothKeysWhenTheReportBlockHasAnotherOne() throws IOException {
        Path file = SweepFiles.write(dir, SWEEP + "report { window = 70s }");

        assertThatThrownBy(() -> SweepFile.read(file)).isInstanceOf(SweepFileException.class)
                .hasMessage("test.conf: unknown key 'report.window': expected report.baseline or report.trace-window");
    }
}
