package io.benchfleet.coordinator.endtoend;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
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

    /**
     * Runs {@code bin/coordinator ARGS} to its end, its output in {@code dir/coordinator.out}; killed (with its
     * children) past {@code seconds}.
     *
     * @return its exit code
     */
    static int runCoordinator(Path dir, long seconds, String... args) throws IOException, InterruptedException {
        Process coordinator = start(dir.resolve("coordinator.out"), "coordinator", args);
        try {
            return waitFor(coordinator, seconds);
        } finally {
            stop(coordinator);
        }
    }

    /** The rows of a CSV file the run directory holds (results.csv, epochs.csv, samples.csv), by header. */
    static List<CSVRecord> csv(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
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
