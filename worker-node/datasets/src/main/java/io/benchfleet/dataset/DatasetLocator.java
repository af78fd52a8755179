package io.benchfleet.dataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds a dataset's directory: {@code data-dir/<directory>/} first, then the system dataset folder
 * {@code /usr/share/datasets/<directory>/} (where Debian's {@code dataset-fashion-mnist} installs). A
 * directory counts when it holds every file of the dataset's layout, each plain or gzipped.
 */
public final class DatasetLocator {

    public static final Path SYSTEM_DATASETS = Path.of("/usr/share/datasets");

    private final Path dataDir;
    private final Path systemDatasets;

    public DatasetLocator(Path dataDir, Path systemDatasets) {
        this.dataDir = dataDir;
        this.systemDatasets = systemDatasets;
    }

    /** The sweep's data dir, unless the environment variable {@code BENCHFLEET_DATA} names another. */
    public static DatasetLocator forDataDir(String configuredDataDir) {
        String override = System.getenv("BENCHFLEET_DATA");
        return new DatasetLocator(Path.of(override == null || override.isBlank() ? configuredDataDir : override),
                SYSTEM_DATASETS);
    }

    public Optional<Path> locate(DatasetInfo dataset) {
        return candidates(dataset).stream().filter(dir -> isComplete(dir, dataset)).findFirst();
    }

    /** The directories looked in, in order; error messages list them. */
    public List<Path> candidates(DatasetInfo dataset) {
        return List.of(downloadDirectory(dataset), systemDatasets.resolve(dataset.directory()));
    }

    /** Where a download puts the dataset: the data dir, which the user controls. */
    public Path downloadDirectory(DatasetInfo dataset) {
        return dataDir.resolve(dataset.directory());
    }

    /** The file of that standard name in the directory, plain or with {@code .gz}. */
    public static Optional<Path> file(Path directory, String standardName) {
        return List.of(standardName, standardName + ".gz").stream()
                .map(directory::resolve)
                .filter(Files::isRegularFile)
                .findFirst();
    }

    public static boolean isComplete(Path dir, DatasetInfo dataset) {
        return dataset.layout().files().stream().allMatch(name -> file(dir, name).isPresent());
    }

    /** One line telling the user what to put where. */
    public String missingMessage(DatasetInfo dataset) {
        List<String> published = dataset.downloads().stream().map(DatasetInfo::fileNameOf).toList();
        return "dataset '" + dataset.name() + "' not found: put " + String.join(", ", dataset.layout().files())
                + " (each may be gzipped), or " + String.join(", ", published) + " from "
                + String.join(", ", dataset.downloads().stream().map(Object::toString).toList())
                + ", into " + downloadDirectory(dataset) + " (also looked in "
                + systemDatasets.resolve(dataset.directory()) + ")";
    }
}
