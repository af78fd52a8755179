package io.benchfleet.coordinator.cli;

import io.benchfleet.protocol.dataset.DatasetCatalog;
import io.benchfleet.protocol.dataset.DatasetInfo;
import io.benchfleet.protocol.dataset.DatasetLocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = "Lists the datasets a sweep can name and where each is found on this machine.")
final class DatasetsCommand implements Callable<Integer> {

    @Option(names = "--data-dir", defaultValue = "data", description = "Looked in first (default: ${DEFAULT-VALUE}; BENCHFLEET_DATA overrides).")
    private String dataDir;

    @Override
    public Integer call() {
        DatasetLocator locator = DatasetLocator.forDataDir(dataDir);
        System.out.printf("%-14s %-10s %-8s %s%n", "name", "input", "classes", "found at");
        for (DatasetInfo dataset : DatasetCatalog.all()) {
            var shape = dataset.inputShape();
            System.out.printf("%-14s %-10s %-8d %s%n", dataset.name(),
                    shape.channels() + "x" + shape.height() + "x" + shape.width(), dataset.classes(),
                    locator.locate(dataset).map(Path::toString).orElse("missing: looked in " + locator.candidates(dataset)));
        }
        return 0;
    }
}
