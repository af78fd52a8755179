package io.benchfleet.coordinator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream originalStderr;

    @BeforeEach
    void captureStderr() {
        originalStderr = System.err;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(originalStderr);
    }

    private String errorLine() {
        return stderr.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void refusesAMissingRunDirectoryWithOneLineAndTwo() {
        int exit = CoordinatorMain.commandLine().execute("report", dir.resolve("nope").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(errorLine()).isEqualTo("coordinator report: RUN_DIR " + dir.resolve("nope")
                + ": no such directory; expected a run directory holding results.db");
    }

    @Test
    void refusesSeveralRunDirectoriesWithoutOut() throws Exception {
        Path first = Files.createDirectory(dir.resolve("a"));
        Path second = Files.createDirectory(dir.resolve("b"));

        int exit = CoordinatorMain.commandLine().execute("report", first.toString(), second.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(errorLine()).isEqualTo("coordinator report: merging 2 run directories needs --out DIR:"
                + " expected the directory for the merged report");
    }

    @Test
    void refusesToWriteAMergedReportIntoOneOfItsRuns() throws Exception {
        Path first = Files.createDirectory(dir.resolve("a"));
        Path second = Files.createDirectory(dir.resolve("b"));

        int exit = CoordinatorMain.commandLine().execute("report", first.toString(), second.toString(),
                "--out", second.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(errorLine()).isEqualTo("coordinator report: --out " + second + " is one of the RUN_DIRs:"
                + " expected a directory of its own for the merged report");
    }

    @Test
    void refusesADirectoryWithoutResultsDb() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));

        int exit = CoordinatorMain.commandLine().execute("report", empty.toString(), "--out", dir.resolve("out").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(errorLine()).startsWith("coordinator report: " + empty.resolve("results.db") + ": no such file;")
                .doesNotContain("\n");
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
