package io.benchfleet.coordinator.cli;

import io.benchfleet.protocol.architecture.Shape;
import io.benchfleet.dataset.DatasetCatalog;
import io.benchfleet.dataset.DatasetInfo;
import io.benchfleet.dataset.DatasetLocator;
import io.benchfleet.dataset.DatasetSurvey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = "Lists the datasets a sweep can name: where each is found on this machine, its samples,"
                + " input shape, classes and whether its files match the published checksums.")
final class DatasetsCommand implements Callable<Integer> {

    private static final String ROW = "%-16s %-8s %-8s %-14s %s%n";

    @Option(names = "--data-dir", defaultValue = "data", description = "Looked in first (default: ${DEFAULT-VALUE}; BENCHFLEET_DATA overrides).")
    private String dataDir;

    @Override
    public Integer call() {
        DatasetLocator locator = DatasetLocator.forDataDir(dataDir);
        System.out.printf(ROW, "name", "input", "classes", "train/test", "found at; checksums");
        for (DatasetInfo dataset : DatasetCatalog.all()) {
            String shape = shape(dataset.inputShape());
            Optional<Path> found = locator.locate(dataset);
            if (found.isEmpty()) {
                System.out.printf(ROW, dataset.name(), shape, dataset.classes(), "-",
                        "missing (`run` downloads it when the URL is reachable): looked in " + locator.candidates(dataset));
                continue;
            }
            try {
                DatasetSurvey survey = DatasetSurvey.of(dataset, found.get());
                System.out.printf(ROW, dataset.name(), shape, dataset.classes(),
                        survey.trainSamples() + "/" + survey.testSamples(), found.get() + "; " + survey.checksums());
            } catch (IOException e) {
                System.out.printf(ROW, dataset.name(), shape, dataset.classes(), "?", found.get() + "; cannot read: " + e.getMessage());
            }
        }
        return 0;
    }

    private static String shape(Shape shape) {
        return shape.isImage() ? shape.channels() + "x" + shape.height() + "x" + shape.width() : Integer.toString(shape.size());
    }
}
