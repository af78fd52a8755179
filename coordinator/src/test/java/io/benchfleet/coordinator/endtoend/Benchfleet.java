package io.benchfleet.coordinator.endtoend;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs this checkout's {@code bin/} commands as a user would, each in a process of its own. */
final class Benchfleet {

    /** Surefire and failsafe run in the module's folder; the checkout is one up. */
    static final Path HOME = Path.of("").toAbsolutePath().getParent();

    private Benchfleet() {
    }

    static Process start(Path output, String command, String... args) throws IOException {
        List<String> line = new ArrayList<>();
        line.add(HOME.resolve("bin").resolve(command).toString());
        line.addAll(List.of(args));
        return new ProcessBuilder(line)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
    }

    /** The exit code; the process is killed (with its children) if it runs longer than allowed. */
    static int waitFor(Process process, long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            stop(process);
            throw new AssertionError("process " + process.pid() + " still running after " + seconds + " s");
        }
        return process.exitValue();
    }

    static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /**
     * Sends a signal by name ({@code STOP}, {@code CONT}) through kill(1): the JDK can only end a process,
     * not freeze it. The {@code bin/} scripts exec their JVM, so the process is the JVM itself.
     */
    static void signal(Process process, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + process.pid() + " exited with " + kill.exitValue());
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "(no " + file + ")";
    }
}
