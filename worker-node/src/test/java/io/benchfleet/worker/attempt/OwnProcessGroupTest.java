package io.benchfleet.worker.attempt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** Where setsid is found: the first executable one on the search path, in absolute folders only. */
class OwnProcessGroupTest {

    @TempDir
    Path dir;

    private Path file(String folder, String permissions) throws Exception {
        Path file = Files.createDirectories(dir.resolve(folder)).resolve("setsid");
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    @Test
    void theFirstExecutableOnThePathIsTaken() throws Exception {
        file("a", "rw-r--r--");
        Path executable = file("b", "rwxr-xr-x");
        file("c", "rwxr-xr-x");

        assertThat(OwnProcessGroup.find("setsid", String.join(":", dir.resolve("a").toString(),
                dir.resolve("b").toString(), dir.resolve("c").toString()))).contains(executable);
    }

    @Test
    void aRelativeFolderOnThePathIsPassedOver() throws Exception {
        file("a", "rwxr-xr-x");
        Path relative = Path.of("").toAbsolutePath().relativize(dir.resolve("a"));

        assertThat(OwnProcessGroup.find("setsid", dir.resolve("elsewhere") + "::" + relative)).isEmpty();
    }

    @Test
    void withoutAPathThereIsNone() {
        assertThat(OwnProcessGroup.find("setsid", null)).isEmpty();
    }
}
