package io.benchfleet.dataset.reader;

import io.benchfleet.dataset.DatasetDownload;
import io.benchfleet.dataset.DatasetInfo;
import io.benchfleet.dataset.DatasetLayout;
import io.benchfleet.dataset.DatasetLocator;
import io.benchfleet.dataset.DatasetUnavailableException;
import io.benchfleet.dataset.DownloadProgress;
import io.benchfleet.dataset.HttpDownloader;

import java.nio.file.Path;
import java.util.List;

/** Loads a dataset's standard train and test parts from wherever it is found, or downloaded to. */
public final class DatasetLoader {

    private final DatasetDownload source;

    public DatasetLoader(DatasetDownload source) {
        this.source = source;
    }

    /** Looks in the data dir, then the system folders, then downloads (logging no progress: stdout carries events). */
    public static DatasetLoader forDataDir(String dataDir) {
        return new DatasetLoader(new DatasetDownload(DatasetLocator.forDataDir(dataDir), new HttpDownloader(),
                DownloadProgress.NONE));
    }

    public record TrainTest(LabelledSamples train, LabelledSamples test, Path directory) {
    }

    /**
     * @throws DatasetUnavailableException when this node has no readable copy and cannot download one
     * @throws DataFileException when a file is there but not in its published format
     */
    public TrainTest load(DatasetInfo dataset) {
        Path dir = source.find(dataset);
        DatasetLayout layout = dataset.layout();
        if (layout instanceof DatasetLayout.Idx idx) {
            return new TrainTest(
                    IdxReader.read(file(dir, idx.trainImages()), file(dir, idx.trainLabels()), dataset.classes()),
                    IdxReader.read(file(dir, idx.testImages()), file(dir, idx.testLabels()), dataset.classes()),
                    dir);
        }
        if (layout instanceof DatasetLayout.CifarBinary cifar) {
            return new TrainTest(
                    CifarReader.read(files(dir, cifar.trainFiles()), cifar, dataset.classes()),
                    CifarReader.read(files(dir, cifar.testFiles()), cifar, dataset.classes()),
                    dir);
        }
        return letter(dir, (DatasetLayout.LetterCsv) layout);
    }

    /** A file of fewer rows than the standard training part leaves that split no test samples ({@link TaskParts}). */
    private static TrainTest letter(Path dir, DatasetLayout.LetterCsv letter) {
        LabelledSamples all = LetterReader.read(file(dir, letter.file()));
        int trainRows = Math.min(all.count(), letter.standardTrainRows());
        return new TrainTest(all.rows(0, trainRows), all.rows(trainRows, all.count()), dir);
    }

    private static Path file(Path dir, String name) {
        return DatasetLocator.file(dir, name).orElseThrow();
    }

    private static List<Path> files(Path dir, List<String> names) {
        return names.stream().map(name -> file(dir, name)).toList();
    }
}
