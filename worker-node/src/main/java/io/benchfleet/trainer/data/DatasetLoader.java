package io.benchfleet.trainer.data;

import io.benchfleet.protocol.dataset.DatasetInfo;
import io.benchfleet.protocol.dataset.DatasetLocator;

import java.nio.file.Path;

/** Loads a dataset's train and test parts from wherever the {@link DatasetLocator} finds them. */
public final class DatasetLoader {

    private final DatasetLocator locator;

    public DatasetLoader(DatasetLocator locator) {
        this.locator = locator;
    }

    public record TrainTest(LabelledImages train, LabelledImages test, Path directory) {
    }

    public TrainTest load(DatasetInfo dataset) {
        Path dir = locator.locate(dataset).orElseThrow(() -> new DataFileException(locator.missingMessage(dataset)));
        return new TrainTest(
                read(dir, dataset.trainFiles(), dataset.classes()),
                read(dir, dataset.testFiles(), dataset.classes()),
                dir);
    }

    private static LabelledImages read(Path dir, DatasetInfo.DatasetFiles files, int classes) {
        return IdxReader.read(
                DatasetLocator.file(dir, files.images()).orElseThrow(),
                DatasetLocator.file(dir, files.labels()).orElseThrow(),
                classes);
    }
}
