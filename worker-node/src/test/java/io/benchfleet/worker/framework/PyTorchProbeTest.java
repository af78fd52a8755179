package io.benchfleet.worker.framework;

import io.benchfleet.protocol.sweep.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The probe's answer read, and every way it can fail, with {@code sh} standing in for Python: "PYTHON SCRIPT --probe"
 * is then "sh SCRIPT --probe".
 */
class PyTorchProbeTest {

    private static final Path SH = Path.of("/bin/sh");
    private static final String COMMAND = "/usr/bin/python3 train.py --probe";

    @TempDir
    Path dir;

    private PyTorchProbe.Result probe(String script, Duration timeout) throws IOException {
        Path train = Files.writeString(dir.resolve("train.py"), script);
        return PyTorchProbe.run(SH, train, timeout);
    }

    private static String unavailable(PyTorchProbe.Result result) {
        assertThat(result).isInstanceOf(PyTorchProbe.Result.Unavailable.class);
        return ((PyTorchProbe.Result.Unavailable) result).reason();
    }

    @Test
    void readsTheVersionAndDevices() {
        var found = PyTorchProbe.parse("{\"framework\":\"pytorch\",\"version\":\"1.13.0a0\",\"devices\":[\"cpu\",\"gpu\"],"
                + "\"protocolVersion\":1}\n", COMMAND);

        assertThat(found).isEqualTo(new PyTorchProbe.Result.Found("1.13.0a0", List.of(Device.CPU, Device.GPU)));
    }

    @Test
    void theLastLineIsTheAnswerWhateverALibraryPrintedBefore() {
        assertThat(PyTorchProbe.parse("a warning\n{\"framework\":\"pytorch\",\"version\":\"2.1\",\"devices\":[\"cpu\"],"
                + "\"protocolVersion\":1}", COMMAND)).isInstanceOf(PyTorchProbe.Result.Found.class);
    }

    @Test
    void anAnswerOfAnotherProtocolVersionMeansNoPyTorch() {
        assertThat(unavailable(PyTorchProbe.parse("{\"framework\":\"pytorch\",\"version\":\"2.1\",\"devices\":[\"cpu\"],"
                + "\"protocolVersion\":2}", COMMAND)))
                .isEqualTo(COMMAND + " speaks trainer protocol version 2; this worker node speaks 1");
    }

    @Test
    void whatIsNoAnswerIsQuoted() {
        assertThat(unavailable(PyTorchProbe.parse("Segmentation fault", COMMAND)))
                .isEqualTo(COMMAND + " printed 'Segmentation fault'; expected one JSON object");
        assertThat(unavailable(PyTorchProbe.parse("", COMMAND)))
                .isEqualTo(COMMAND + " printed '(nothing)'; expected one JSON object");
        assertThat(unavailable(PyTorchProbe.parse("{\"framework\":\"pytorch\",\"version\":\"2.1\",\"devices\":[\"tpu\"],"
                + "\"protocolVersion\":1}", COMMAND))).isEqualTo(COMMAND + " names device 'tpu'; expected cpu or gpu");
        assertThat(unavailable(PyTorchProbe.parse("{\"framework\":\"jax\",\"version\":\"2.1\",\"devices\":[\"cpu\"],"
                + "\"protocolVersion\":1}", COMMAND))).contains("answered for framework 'jax'");
        assertThat(unavailable(PyTorchProbe.parse("{\"framework\":\"pytorch\",\"devices\":[\"cpu\"],"
                + "\"protocolVersion\":1}", COMMAND))).isEqualTo(COMMAND + " names no torch version");
    }

    @Test
    void runsTheScriptWithProbeAndReadsItsLine() throws IOException {
        var found = probe("[ \"$1\" = --probe ] && echo '{\"framework\":\"pytorch\",\"version\":\"1.13.0a0\","
                + "\"devices\":[\"cpu\"],\"protocolVersion\":1}'", PyTorchProbe.TIMEOUT);

        assertThat(found).isEqualTo(new PyTorchProbe.Result.Found("1.13.0a0", List.of(Device.CPU)));
    }

    @Test
    void withoutTorchTheProbesOwnLineSaysWhy() throws IOException {
        String reason = unavailable(probe("echo 'Traceback (most recent call last):' >&2;"
                + " echo \"/usr/bin/python3: ModuleNotFoundError: No module named 'torch'\" >&2; exit 3",
                PyTorchProbe.TIMEOUT));

        assertThat(reason).isEqualTo(SH + " " + dir.resolve("train.py") + " --probe exited with code 3:"
                + " /usr/bin/python3: ModuleNotFoundError: No module named 'torch'");
    }

    @Test
    void aProbeThatDoesNotAnswerInTimeIsGivenUpAndEnded() throws IOException {
        long start = System.nanoTime();

        String reason = unavailable(probe("sleep 30", Duration.ofMillis(300)));

        assertThat(reason).endsWith("--probe did not answer within 0.3 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aMissingScriptOrInterpreterIsNamed() throws IOException {
        assertThat(unavailable(PyTorchProbe.run(SH, dir.resolve("nowhere.py"), PyTorchProbe.TIMEOUT)))
                .isEqualTo(dir.resolve("nowhere.py") + " is missing");
        Path train = Files.writeString(dir.resolve("train.py"), "");
        assertThat(unavailable(PyTorchProbe.run(dir.resolve("no-python"), train, PyTorchProbe.TIMEOUT)))
                .startsWith("cannot run " + dir.resolve("no-python") + ": ");
    }
}
