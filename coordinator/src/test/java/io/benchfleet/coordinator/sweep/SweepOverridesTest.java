package io.benchfleet.coordinator.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.benchfleet.protocol.architecture.Architecture;
import io.benchfleet.protocol.sweep.Sweep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --set KEY=VALUE}: sweep file keys overridden from the command line, validated like the file. */
class SweepOverridesTest {

    private static final String SWEEP = """
            sweep {
              datasets = [fashion-mnist, mnist]
              architectures = [mlp-small, cnn-medium]
              repetitions = 2
              training { epochs = 5, batch-size = 64 }
            }
            """;

    @TempDir
    Path dir;

    private SweepFile.Contents read(String... settings) throws IOException {
        return SweepFile.read(SweepFiles.write(dir, SWEEP), SweepOverrides.parse(List.of(settings)));
    }

    @Test
    void aScalarOrAListReplacesTheFilesValue() throws IOException {
        Sweep sweep = read("sweep.repetitions=5", "sweep.datasets=[mnist]").sweep();

        assertThat(sweep.repetitions()).isEqualTo(5);
        assertThat(sweep.datasets()).containsExactly("mnist");
        assertThat(sweep.architectures()).extracting(Architecture::name).containsExactly("mlp-small", "cnn-medium");
    }

    @Test
    void aKeyInsideABlockChangesThatKeyAloneAndABlockMergesIntoTheFilesBlock() throws IOException {
        assertThat(read("sweep.training.epochs=2").sweep().training().epochs()).isEqualTo(OptionalInt.of(2));
        assertThat(read("sweep.training.epochs=2").sweep().training().batchSize()).isEqualTo(OptionalInt.of(64));
        assertThat(read("sweep.training={ epochs = 3 }").sweep().training().batchSize()).isEqualTo(OptionalInt.of(64));
    }

    @Test
    void theRunDirectoryKeepsTheFileWithTheSettingsAfterItAndThatReadsBackAsTheSameSweep() throws IOException {
        SweepFile.Contents contents = read("sweep.repetitions=5", "sweep.training.epochs=2");

        assertThat(contents.text()).startsWith(SWEEP).endsWith("sweep.repetitions = 5\nsweep.training.epochs = 2\n");
        Path kept = Files.writeString(dir.resolve("sweep.conf"), contents.text());
        assertThat(SweepFile.read(kept).sweep().tasks()).isEqualTo(contents.sweep().tasks());
    }

    @Test
    void withoutSettingsTheTextIsTheFile() throws IOException {
        assertThat(read().text()).isEqualTo(SWEEP);
    }

    @Test
    void aValueTheFileWouldRefuseIsRefusedTheSameWaySayingItCameWithSet() {
        assertThatThrownBy(() -> read("sweep.repetitions=0")).isInstanceOf(SweepFileException.class)
                .hasMessage(SweepFiles.NAME + " with --set: sweep.repetitions = 0: expected an integer >= 1");
        assertThatThrownBy(() -> read("sweep.repetition=3")).isInstanceOf(SweepFileException.class)
                .hasMessageStartingWith(SweepFiles.NAME + " with --set: unknown key 'sweep.repetition': expected one of");
        assertThatThrownBy(() -> read("sweep.datasets=[cifar11]")).isInstanceOf(SweepFileException.class)
                .hasMessageContaining("sweep.datasets[0] = 'cifar11' is unknown");
    }

    @Test
    void aSettingThatIsNotKeyEqualsOneValueIsRefusedNamingIt() {
        for (String bad : List.of("sweep.repetitions", "=5", "sweep.repetitions=", "sweep..seed=2",
                "sweep.repetitions=2, sweep.seed=3", "sweep.datasets=[mnist")) {
            assertThatThrownBy(() -> SweepOverrides.parse(List.of(bad))).as(bad)
                    .isInstanceOf(SweepFileException.class)
                    .hasMessageStartingWith("--set '" + bad + "': ")
                    .hasMessageContaining("expected KEY=VALUE")
                    .hasMessageNotContaining("\n");
        }
    }
}
