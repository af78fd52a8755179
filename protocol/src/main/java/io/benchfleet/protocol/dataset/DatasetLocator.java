package io.benchfleet.protocol.dataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds a dataset's directory: {@code data-dir/<name>/} first, then the system dataset folders.
 * A directory counts when it holds all four files, each plain or gzipped.
 */
public final class DatasetLocator {

    private final Path dataDir;

    public DatasetLocator(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** The sweep's data dir, unless the environment variable {@code BENCHFLEET_DATA} names another. */
    public static DatasetLocator forDataDir(String configuredDataDir) {
        String override = System.getenv("BENCHFLEET_DATA");
        return new DatasetLocator(Path.of(override == null || override.isBlank() ? configuredDataDir : override));
    }

    public Optional<Path> locate(DatasetInfo dataset) {
        return candidates(dataset).stream().filter(dir -> isComplete(dir, dataset)).findFirst();
    }

    /** The directories looked in, in order; error messages list them. */
    public List<Path> candidates(DatasetInfo dataset) {
        var dirs = new ArrayList<Path>();
        dirs.add(dataDir.resolve(dataset.name()));
        dataset.systemDirectories().forEach(d -> dirs.add(Path.of(d)));
        return dirs;
    }

    /** The file of that standard name in the directory, plain or with {@code .gz}. */
    public static Optional<Path> file(Path directory, String standardName) {
        return List.of(standardName, standardName + ".gz").stream()
                .map(directory::resolve)
                .filter(Files::isRegularFile)
                .findFirst();
    }

    private static boolean isComplete(Path dir, DatasetInfo dataset) {
        return List.of(dataset.trainFiles().images(), dataset.trainFiles().labels(),
                        dataset.testFiles().images(), dataset.testFiles().labels()).stream()
                .allMatch(name -> file(dir, name).isPresent());
    }

    /** One line telling the user what to put where. */
    public String missingMessage(DatasetInfo dataset) {
        return "dataset '" + dataset.name() + "' not found: expected " + dataset.trainFiles().images() + ", "
                + dataset.trainFiles().labels() + ", " + dataset.testFiles().images() + ", "
                + dataset.testFiles().labels() + " (optionally .gz) in one of " + candidates(dataset);
    }
}
