package io.benchfleet.coordinator.run;

import io.benchfleet.rundirectory.ResultsDatabase;
import io.benchfleet.rundirectory.RunFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Everything of one sweep in one folder: results.db, sweep.conf, exports, report, logs/. */
public record RunDirectory(Path path) {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** {@code runs/<sweep>-<timestamp>} unless the user named one. */
    public static Path defaultFor(String sweepName, LocalDateTime now) {
        return Path.of("runs", sweepName + "-" + now.format(STAMP));
    }

    /** Creates a new run directory with a copy of the sweep file; an existing non-empty one is refused. */
    public static RunDirectory create(Path path, Path sweepFile) throws IOException {
        if (Files.isDirectory(path)) {
            try (var entries = Files.list(path)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException("run directory " + path
                            + " already holds a run; expected a new or empty directory");
                }
            }
        }
        Files.createDirectories(path.resolve(RunFiles.LOGS));
        Files.copy(sweepFile, path.resolve(RunFiles.SWEEP_CONF), StandardCopyOption.REPLACE_EXISTING);
        return new RunDirectory(path.toAbsolutePath().normalize());
    }

    /** An existing run directory, for {@code resume}; one without results.db is refused. */
    public static RunDirectory reopen(Path path) throws IOException {
        if (!ResultsDatabase.existsIn(path)) {
            throw new IllegalArgumentException("run directory " + path + " has no " + RunFiles.RESULTS_DB
                    + "; expected a directory made by `bin/coordinator run`");
        }
        Files.createDirectories(path.resolve(RunFiles.LOGS));
        return new RunDirectory(path.toAbsolutePath().normalize());
    }

    /** {@code resume --sweep NEW.conf}: the new file, validated by the caller, becomes the run's sweep.conf. */
    public void replaceSweepFile(Path newSweepFile) throws IOException {
        Files.copy(newSweepFile, sweepFile(), StandardCopyOption.REPLACE_EXISTING);
    }

    /** The copy of the sweep file the run was started (or last resumed) with. */
    public Path sweepFile() {
        return path.resolve(RunFiles.SWEEP_CONF);
    }

    public Path logs() {
        return path.resolve(RunFiles.LOGS);
    }
}
