package io.benchfleet.coordinator.sweep;

import io.benchfleet.protocol.sweep.Framework;
import io.benchfleet.protocol.sweep.Sweep;
import io.benchfleet.protocol.sweep.TaskSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code sweep.frameworks} and {@code sweep.user-trainers}: the framework axis, checked before anything runs. */
class SweepFileFrameworksTest {

    private static final String HEAD = "sweep { datasets = [fashion-mnist], architectures = [mlp-small], "
            + "training { epochs = 2, train-limit = 12000 }, ";

    /** The id protocol's SweepTest freezes for this DL4J task: run directories written before the axis resume. */
    private static final String DL4J_ID = "314268a9177be84c";
    /**
     * The same task trained with PyTorch: SHA-256 of the DL4J task's canonical text plus {@code |framework=pytorch},
     * computed outside Java. Frozen like the other, as resume and merge compare ids written to disk.
     */
    private static final String PYTORCH_ID = "b9bc72cd62ac3747";

    @TempDir
    Path dir;

    private Sweep load(String keys) throws IOException {
        return SweepFiles.load(SweepFiles.write(dir, HEAD + keys + " }"));
    }

    private void assertRefused(String keys, String message) {
        assertThatThrownBy(() -> load(keys)).isInstanceOf(SweepFileException.class).hasMessage("test.conf: " + message);
    }

    @Test
    void withoutTheKeyEveryTaskTrainsWithDl4jAndKeepsTheIdItHadBefore() throws IOException {
        Sweep sweep = load("repetitions = 1");

        assertThat(sweep.frameworks()).containsExactly(Framework.DL4J);
        assertThat(sweep.tasks()).singleElement().satisfies(task -> {
            assertThat(task.framework()).isEqualTo(Framework.DL4J);
            assertThat(task.id()).isEqualTo(DL4J_ID);
        });
    }

    @Test
    void eachTaskRunsOncePerFrameworkAndAPytorchTaskHasAFrozenIdOfItsOwn() throws IOException {
        Sweep sweep = load("frameworks = [dl4j, pytorch], repetitions = 2");

        assertThat(sweep.frameworks()).containsExactly(Framework.DL4J, Framework.PYTORCH);
        assertThat(sweep.tasks()).extracting(task -> task.repetition() + " " + task.framework())
                .containsExactly("1 dl4j", "1 pytorch", "2 dl4j", "2 pytorch");
        assertThat(sweep.tasks()).extracting(TaskSpec::id).startsWith(DL4J_ID, PYTORCH_ID).doesNotHaveDuplicates();
    }

    @Test
    void aFrameworkOfTheUsersOwnMustBeDeclaredAsAUserTrainer() throws IOException {
        Sweep sweep = load("frameworks = [dl4j, jax], user-trainers = [jax, my-flux]");

        assertThat(sweep.tasks()).extracting(TaskSpec::framework).containsExactly("dl4j", "jax");
        assertRefused("frameworks = [dl4j, jax]",
                "sweep.frameworks: 'jax' is neither built in (dl4j, pytorch) nor declared in sweep.user-trainers");
    }

    @Test
    void aMisspeltFrameworkIsNamedWithWhatWasExpected() {
        assertRefused("frameworks = [dl4j, pytroch]",
                "sweep.frameworks: 'pytroch' is neither built in (dl4j, pytorch) nor declared in sweep.user-trainers");
    }

    @Test
    void aNameThatCannotBeAFrameworkIsRefusedWithTheRule() {
        assertRefused("frameworks = [PyTorch]", "sweep.frameworks[0] = 'PyTorch' is not a framework name: expected "
                + Framework.nameRule());
        assertRefused("frameworks = [dl4j], user-trainers = [\"my trainer\"]",
                "sweep.user-trainers[0] = 'my trainer' is not a framework name: expected " + Framework.nameRule());
    }

    @Test
    void aFrameworkTwiceIsRefusedLikeAnyAxisValue() {
        assertRefused("frameworks = [dl4j, pytorch, dl4j]",
                "sweep.frameworks[2] = 'dl4j' appears twice: expected each framework once");
        assertRefused("frameworks = [jax], user-trainers = [jax, jax]",
                "sweep.user-trainers[1] = 'jax' appears twice: expected each name once");
    }

    @Test
    void noFrameworkAtAllIsRefused() {
        assertRefused("frameworks = []",
                "sweep.frameworks is empty: expected at least one of dl4j, pytorch or a name declared in sweep.user-trainers");
    }

    @Test
    void aBuiltInFrameworkIsNotAUserTrainer() {
        assertRefused("frameworks = [pytorch], user-trainers = [pytorch]", "sweep.user-trainers[0] = 'pytorch' is built in:"
                + " expected the name of a trainer of your own, not one of dl4j, pytorch");
    }

    @Test
    void theKeysAreAmongThoseAnUnknownKeyIsToldOf() {
        assertThatThrownBy(() -> load("framework = [dl4j]"))
                .hasMessageContaining("unknown key 'sweep.framework'")
                .hasMessageContaining("sweep.frameworks")
                .hasMessageContaining("sweep.user-trainers");
    }

    @Test
    void theFrameworksAreListedInTheirOrderInTheFile() throws IOException {
        assertThat(load("frameworks = [pytorch, dl4j]").tasks()).extracting(TaskSpec::framework)
                .isEqualTo(List.of("pytorch", "dl4j"));
    }
}
