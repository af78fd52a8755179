package io.benchfleet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.benchfleet.protocol.trainer.TrainerTask;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bin/worker-node --version}: the build's versions and what the PyTorch probe finds with --python. */
class WorkerNodeVersionTest {

    @TempDir
    Path home;

    private final String originalHome = System.getProperty("benchfleet.home");

    @AfterEach
    void restoreHome() {
        if (originalHome == null) {
            System.clearProperty("benchfleet.home");
        } else {
            System.setProperty("benchfleet.home", originalHome);
        }
    }

    private List<String> version(String python) throws Exception {
        Path trainer = Files.createDirectories(home.resolve("worker-node/trainer-pytorch"));
        Files.writeString(trainer.resolve("train.py"), "");
        System.setProperty("benchfleet.home", home.toString());
        StringWriter out = new StringWriter();
        CommandLine commandLine = new CommandLine(new WorkerNodeMain()).setOut(new PrintWriter(out));
        assertThat(commandLine.execute("--version", "--python", python)).isZero();
        return out.toString().lines().toList();
    }

    private Path fakePython(String script) throws Exception {
        Path python = home.resolve("python");
        Files.writeString(python, "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwx------"));
        return python;
    }

    @Test
    void namesThePyTorchItsPythonImports() throws Exception {
        Path python = fakePython("echo '{\"framework\":\"pytorch\",\"version\":\"2.9.1\",\"devices\":[\"cpu\"],"
                + "\"protocolVersion\":" + TrainerTask.PROTOCOL_VERSION + "}'");

        List<String> lines = version(python.toString());

        assertThat(lines.get(0)).matches("benchfleet \\S+ \\(commit \\S+\\)");
        assertThat(lines).anyMatch(line -> line.startsWith("deeplearning4j "));
        assertThat(lines).anyMatch(line -> line.startsWith("pekko "));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("pytorch 2.9.1 (" + python + ", devices [cpu])");
    }

    @Test
    void saysWhyThereIsNoPyTorchWhereItsPythonCannotImportIt() throws Exception {
        Path python = fakePython("echo 'ModuleNotFoundError: No module named torch' >&2; exit 3");

        List<String> lines = version(python.toString());

        assertThat(lines.get(lines.size() - 1)).startsWith("pytorch: none (")
                .contains("exited with code 3: ModuleNotFoundError: No module named torch");
    }
}
