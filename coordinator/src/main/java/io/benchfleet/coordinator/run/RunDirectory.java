package io.benchfleet.coordinator.run;

import io.benchfleet.rundirectory.ResultsDatabase;
import io.benchfleet.rundirectory.RunFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Everything of one sweep in one folder: results.db, sweep.conf, exports, report, logs/. Created or
 * reopened by the one coordinator that runs it, which holds its {@link RunDirectoryLock} until it is closed
 * (or its process ends).
 */
public final class RunDirectory implements AutoCloseable {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path path;
    private final RunDirectoryLock lock;

    private RunDirectory(Path path, RunDirectoryLock lock) {
        this.path = path.toAbsolutePath().normalize();
        this.lock = lock;
    }

    /** {@code runs/<sweep>-<timestamp>} unless the user named one. */
    public static Path defaultFor(String sweepName, LocalDateTime now) {
        return Path.of("runs", sweepName + "-" + now.format(STAMP));
    }

    /**
     * Creates a new run directory holding the sweep file's text as sweep.conf; an existing non-empty one is
     * refused, and one another coordinator holds is refused naming it.
     */
    public static RunDirectory create(Path path, String sweepConf) throws IOException {
        if (Files.isDirectory(path)) {
            RunDirectoryLock.checkFree(path);
            refuseIfItHoldsARun(path);
        }
        Files.createDirectories(path);
        RunDirectoryLock lock = RunDirectoryLock.acquire(path);
        try {
            // Again, now that it is ours: another `run` may have filled it between the first look and the lock.
            refuseIfItHoldsARun(path);
            Files.createDirectories(path.resolve(RunFiles.LOGS));
            Files.writeString(path.resolve(RunFiles.SWEEP_CONF), sweepConf);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
        return new RunDirectory(path, lock);
    }

    private static void refuseIfItHoldsARun(Path path) throws IOException {
        try (var entries = Files.list(path)) {
            if (entries.anyMatch(entry -> !entry.getFileName().toString().equals(RunFiles.COORDINATOR_LOCK))) {
                throw new IllegalArgumentException("run directory " + path
                        + " already holds a run; expected a new or empty directory");
            }
        }
    }

    /**
     * An existing run directory, for {@code resume}; one without results.db is refused, and one another
     * coordinator holds is refused naming it.
     */
    public static RunDirectory reopen(Path path) throws IOException {
        if (!ResultsDatabase.existsIn(path)) {
            throw new IllegalArgumentException("run directory " + path + " has no " + RunFiles.RESULTS_DB
                    + "; expected a directory made by `bin/coordinator run`");
        }
        RunDirectoryLock lock = RunDirectoryLock.acquire(path);
        try {
            Files.createDirectories(path.resolve(RunFiles.LOGS));
        } catch (IOException e) {
            lock.close();
            throw e;
        }
        return new RunDirectory(path, lock);
    }

    public Path path() {
        return path;
    }

    /** {@code resume --sweep NEW.conf} or {@code --set}: the new text, validated by the caller, becomes the run's sweep.conf. */
    public void replaceSweepFile(String sweepConf) throws IOException {
        Files.writeString(sweepFile(), sweepConf);
    }

    /** The copy of the sweep file the run was started (or last resumed) with. */
    public Path sweepFile() {
        return path.resolve(RunFiles.SWEEP_CONF);
    }

    public Path logs() {
        return path.resolve(RunFiles.LOGS);
    }

    /** Lets another coordinator have the directory. */
    @Override
    public void close() throws IOException {
        lock.close();
    }
}
