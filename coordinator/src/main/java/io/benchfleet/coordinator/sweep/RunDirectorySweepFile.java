package io.benchfleet.coordinator.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.benchfleet.rundirectory.RunFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * One block of a run directory's copy of its sweep file, for a report written later: only that block is read, so
 * that a report on an older run does not fail on keys added since.
 */
final class RunDirectorySweepFile {

    private RunDirectorySweepFile() {
    }

    /**
     * @return empty when the run directory has no copy of its sweep file
     * @throws SweepFileException naming the file, when the copy or the block is malformed
     */
    static <T> Optional<T> block(Path runDirectory, Function<Config, T> read) {
        Path sweepFile = runDirectory.resolve(RunFiles.SWEEP_CONF);
        if (!Files.isRegularFile(sweepFile)) {
            return Optional.empty();
        }
        try {
            return Optional.of(read.apply(ConfigFactory.parseFile(sweepFile.toFile()).resolve()));
        } catch (ConfigException | IllegalArgumentException e) {
            throw new SweepFileException(sweepFile + ": " + e.getMessage(), e);
        }
    }
}
