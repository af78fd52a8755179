package io.benchfleet.coordinator.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Another coordinator's process, as far as a run directory can tell: a JVM that takes the directory's lock
 * and keeps it until it is killed.
 */
final class LockHolder implements AutoCloseable {

    private static final String HELD = "held";
    private static final long LIFETIME_SECONDS = 60;

    private final Process process;

    private LockHolder(Process process) {
        this.process = process;
    }

    /** Starts the process and returns once it holds the lock. */
    static LockHolder start(Path runDirectory) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                LockHolder.class.getName(), runDirectory.toString()))
                .redirectErrorStream(true)
                .start();
        var output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = output.readLine();
        if (!HELD.equals(line)) {
            process.destroyForcibly();
            throw new IllegalStateException("the lock holder said " + line + " instead of " + HELD);
        }
        return new LockHolder(process);
    }

    long pid() {
        return process.pid();
    }

    /** As {@code kill -9}: the process gets no chance to release anything itself. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    public static void main(String[] args) throws Exception {
        try (RunDirectoryLock lock = RunDirectoryLock.acquire(Path.of(args[0]))) {
            System.out.println(HELD);
            Thread.sleep(TimeUnit.SECONDS.toMillis(LIFETIME_SECONDS));
        }
    }
}
