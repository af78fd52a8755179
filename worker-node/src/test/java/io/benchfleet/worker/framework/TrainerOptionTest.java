package io.benchfleet.worker.framework;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --trainer NAME=EXECUTABLE}, each mistake refused with one line that says what was expected. */
class TrainerOptionTest {

    @TempDir
    Path dir;

    private Path executable(String name) throws IOException {
        Path file = Files.writeString(dir.resolve(name), "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    @Test
    void namesAFrameworkAndItsExecutable() throws IOException {
        Path jax = executable("jax-trainer");
        Path fake = executable("fake");

        assertThat(TrainerOption.parseAll(List.of("jax=" + jax, "dl4j=" + fake)))
                .containsExactly(new TrainerOption("jax", jax), new TrainerOption("dl4j", fake));
    }

    @Test
    void withoutAnEqualsSignItSaysWhatIsExpected() {
        assertThatThrownBy(() -> TrainerOption.parseAll(List.of("/opt/trainer")))
                .hasMessage("--trainer '/opt/trainer': expected NAME=EXECUTABLE, e.g. jax=/opt/trainers/jax-trainer");
    }

    @Test
    void aNameThatIsNoFrameworkNameIsRefusedWithTheRule() throws IOException {
        Path trainer = executable("t");

        assertThatThrownBy(() -> TrainerOption.parseAll(List.of("My Jax=" + trainer)))
                .hasMessage("--trainer 'My Jax=" + trainer + "': framework name 'My Jax' is not a lower-case name of"
                        + " letters, digits, '-' or '_' (at most 32), starting with a letter");
        assertThatThrownBy(() -> TrainerOption.parseAll(List.of("=" + trainer)))
                .hasMessageContaining("framework name ''");
    }

    @Test
    void anExecutableThatIsNotThereOrNotExecutableIsRefused() throws IOException {
        Path script = Files.writeString(dir.resolve("not-executable"), "#!/bin/sh\n");

        assertThatThrownBy(() -> TrainerOption.parseAll(List.of("jax=" + dir.resolve("missing"))))
                .hasMessage("--trainer 'jax=" + dir.resolve("missing") + "': " + dir.resolve("missing")
                        + " is not an executable file");
        assertThatThrownBy(() -> TrainerOption.parseAll(List.of("jax=" + script)))
                .hasMessageEndingWith(script + " is not an executable file");
        assertThatThrownBy(() -> TrainerOption.parseAll(List.of("jax=")))
                .hasMessage("--trainer 'jax=': no executable after '='");
    }

    @Test
    void aFrameworkGivenTwiceIsRefused() throws IOException {
        Path trainer = executable("t");

        assertThatThrownBy(() -> TrainerOption.parseAll(List.of("jax=" + trainer, "jax=" + trainer)))
                .hasMessage("--trainer: framework 'jax' is given twice");
    }
}
