package io.benchfleet.worker.framework;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.benchfleet.protocol.sweep.Device;
import io.benchfleet.protocol.trainer.TrainerTask;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Asks the PyTorch trainer what this machine's torch can do: {@code PYTHON train.py --probe} prints one line,
 * {@code {"framework":"pytorch","version":"1.13.0a0","devices":["cpu"],"protocolVersion":1}}, and exits 0; where
 * torch cannot be imported it says why on stderr and exits 3. Whatever else happens means no PyTorch on this node,
 * for a reason the node prints in one line.
 */
public final class PyTorchProbe {

    /** Importing torch takes seconds on a busy machine; a probe still silent after this is stuck. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** More than any probe says; a probe printing more blocks and times out. */
    private static final int MAX_OUTPUT_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the probe found. */
    public sealed interface Result {
        /** torch of this version imports, and trains on these devices. */
        record Found(String version, List<Device> devices) implements Result {
            public Found {
                devices = List.copyOf(devices);
            }
        }

        /** No PyTorch here, and why, naming the command. */
        record Unavailable(String reason) implements Result {
        }
    }

    private PyTorchProbe() {
    }

    public static Result run(Path python, Path trainScript, Duration timeout) {
        String command = python + " " + trainScript + " --probe";
        if (!Files.isRegularFile(trainScript)) {
            return new Result.Unavailable(trainScript + " is missing");
        }
        Process probe;
        try {
            probe = new ProcessBuilder(python.toString(), trainScript.toString(), "--probe").start();
        } catch (IOException e) {
            return new Result.Unavailable("cannot run " + python + ": " + e.getMessage());
        }
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(probe.getInputStream()));
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(probe.getErrorStream()));
        try {
            if (!probe.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                probe.descendants().forEach(ProcessHandle::destroyForcibly);
                probe.destroyForcibly();
                return new Result.Unavailable(command + " did not answer within " + timeout.toMillis() / 1000.0 + " s");
            }
            if (probe.exitValue() != 0) {
                return new Result.Unavailable(command + " exited with code " + probe.exitValue() + ": "
                        + lastLine(stderr.join()));
            }
            return parse(stdout.join(), command);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            probe.destroyForcibly();
            return new Result.Unavailable(command + " was interrupted");
        } finally {
            closeStdin(probe);
        }
    }

    /** The probe's stdout: its last line, one JSON object with the four fields (more are allowed). */
    static Result parse(String stdout, String command) {
        String line = lastLine(stdout);
        JsonNode answer;
        try {
            answer = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            answer = null;
        }
        if (answer == null || !answer.isObject()) {
            return new Result.Unavailable(command + " printed " + quoted(line) + "; expected one JSON object");
        }
        if (!answer.path("framework").asText().equals("pytorch")) {
            return new Result.Unavailable(command + " answered for framework " + quoted(answer.path("framework")
                    .asText()) + "; expected pytorch");
        }
        JsonNode protocol = answer.path("protocolVersion");
        if (!protocol.isInt() || protocol.intValue() != TrainerTask.PROTOCOL_VERSION) {
            return new Result.Unavailable(command + " speaks trainer protocol version " + protocol
                    + "; this worker node speaks " + TrainerTask.PROTOCOL_VERSION);
        }
        String version = answer.path("version").asText();
        if (!answer.path("version").isTextual() || version.isBlank()) {
            return new Result.Unavailable(command + " names no torch version");
        }
        List<Device> devices = new ArrayList<>();
        for (JsonNode name : answer.path("devices")) {
            Optional<Device> device = Device.fromLabel(name.asText());
            if (device.isEmpty()) {
                return new Result.Unavailable(command + " names device " + quoted(name.asText()) + "; expected cpu or gpu");
            }
            devices.add(device.get());
        }
        if (!devices.contains(Device.CPU)) {
            return new Result.Unavailable(command + " names devices " + answer.path("devices") + "; expected cpu among them");
        }
        return new Result.Found(version, devices);
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readNBytes(MAX_OUTPUT_BYTES), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        return lines.isEmpty() ? "(nothing)" : lines.get(lines.size() - 1).strip();
    }

    private static String quoted(String text) {
        return "'" + (text.length() > 200 ? text.substring(0, 200) + "..." : text) + "'";
    }

    private static void closeStdin(Process probe) {
        try {
            probe.getOutputStream().close();
        } catch (IOException ignored) {
            // The probe has exited or been killed: nobody reads its stdin any more.
        }
    }
}
