package io.benchfleet.coordinator.plan;

import io.benchfleet.dataset.DatasetCatalog;
import io.benchfleet.dataset.DatasetLocator;

/** Where a sweep's dataset is on this machine, as a plan says it; worker nodes on other machines look on theirs. */
@FunctionalInterface
public interface DatasetPlaces {

    String describe(String dataset);

    static DatasetPlaces onThisMachine(String dataDir) {
        DatasetLocator locator = DatasetLocator.forDataDir(dataDir);
        return name -> {
            var dataset = DatasetCatalog.byName(name).orElseThrow();
            return locator.locate(dataset)
                    .map(dir -> name + " (here: " + dir + ")")
                    .orElseGet(() -> name + " (not here: a run with local worker nodes downloads it to "
                            + locator.downloadDirectory(dataset) + " first)");
        };
    }
}
