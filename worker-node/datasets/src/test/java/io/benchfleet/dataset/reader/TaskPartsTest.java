package io.benchfleet.dataset.reader;

import io.benchfleet.protocol.architecture.Optimizer;
import io.benchfleet.dataset.DatasetCatalog;
import io.benchfleet.dataset.DatasetDownload;
import io.benchfleet.dataset.DatasetLocator;
import io.benchfleet.dataset.DatasetUnavailableException;
import io.benchfleet.dataset.DownloadProgress;
import io.benchfleet.protocol.sweep.Device;
import io.benchfleet.protocol.sweep.Split;
import io.benchfleet.protocol.sweep.TaskSpec;
import io.benchfleet.protocol.sweep.TrainingSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskPartsTest {

    @TempDir
    Path dataDir;
    @TempDir
    Path systemDir;

    private DatasetLoader loader() {
        return new DatasetLoader(new DatasetDownload(new DatasetLocator(dataDir, systemDir),
                (url, into, progress) -> {
                    throw new IOException("offline");
                }, DownloadProgress.NONE));
    }

    private static TaskSpec task(String dataset, Split split, int fold, int trainLimit, double fraction) {
        return new TaskSpec(dataset, "mlp", Device.CPU, split.label(), fold, 1, 3,
                new TrainingSettings(1, 32, trainLimit, Optimizer.of(Optimizer.Kind.ADAM, 0.001)), fraction);
    }

    private DatasetLoader.TrainTest letter(int rows) throws IOException {
        DatasetFilesFixture.letter(Files.createDirectories(dataDir.resolve("letter")).resolve("letter-recognition.data"),
                rows, 26, 1);
        return loader().load(DatasetCatalog.byName("letter").orElseThrow());
    }

    @Test
    void letterStandardSplitTrainsOnTheFirst16000Rows() throws IOException {
        DatasetLoader.TrainTest loaded = letter(16_100);

        assertThat(loaded.train().count()).isEqualTo(16_000);
        assertThat(loaded.test().count()).isEqualTo(100);
        assertThat(loaded.test().label(0)).isEqualTo(16_000 % 26);
    }

    @Test
    void letterWithTooFewRowsForTheStandardSplitSaysSoButCrossValidates() throws IOException {
        DatasetLoader.TrainTest loaded = letter(100);

        assertThatThrownBy(() -> TaskParts.of(loaded, Split.STANDARD, task("letter", Split.STANDARD, 0, 0, 1.0)))
                .isInstanceOf(DataFileException.class)
                .hasMessage(dataDir.resolve("letter") + ": the standard split leaves no test samples (100 training samples);"
                        + " use a holdout or kfold split for this data");
        assertThat(TaskParts.of(loaded, new Split.KFold(4), task("letter", new Split.KFold(4), 2, 0, 1.0)).test().count())
                .isEqualTo(25);
    }

    @Test
    void kFoldTrainsOnNineTenthsOfTheMergedCifarDataAndTestsOnTheRest() throws IOException {
        Path dir = Files.createDirectories(dataDir.resolve("cifar100"));
        DatasetFilesFixture.cifar(dir.resolve("train.bin"), 90, 2, 20, 1);
        DatasetFilesFixture.cifar(dir.resolve("test.bin"), 10, 2, 20, 2);
        var loaded = loader().load(DatasetCatalog.byName("cifar100-coarse").orElseThrow());

        TaskParts parts = TaskParts.of(loaded, new Split.KFold(10), task("cifar100-coarse", new Split.KFold(10), 4, 0, 1.0));

        assertThat(parts.train().count()).isEqualTo(90);
        assertThat(parts.test().count()).isEqualTo(10);
        assertThat(parts.train().classes()).isEqualTo(20);
    }

    @Test
    void theTrainLimitAndFractionShrinkOnlyTheTrainingPart() throws IOException {
        Path dir = Files.createDirectories(dataDir.resolve("cifar10"));
        for (int b = 1; b <= 5; b++) {
            DatasetFilesFixture.cifar(dir.resolve("data_batch_" + b + ".bin"), 40, 1, 10, b);
        }
        DatasetFilesFixture.cifar(dir.resolve("test_batch.bin"), 50, 1, 10, 9);
        var loaded = loader().load(DatasetCatalog.byName("cifar10").orElseThrow());

        TaskParts parts = TaskParts.of(loaded, new Split.Holdout(0.2), task("cifar10", new Split.Holdout(0.2), 0, 100, 0.5));

        assertThat(parts.test().count()).isEqualTo(50);
        assertThat(parts.train().count()).isEqualTo(50);
    }

    @Test
    void aMissingDatasetIsUnavailableOnThisNodeWithWhatToPutWhere() {
        assertThatThrownBy(() -> loader().load(DatasetCatalog.byName("cifar10").orElseThrow()))
                .isInstanceOf(DatasetUnavailableException.class)
                .hasMessageStartingWith("dataset 'cifar10' not found: put data_batch_1.bin")
                .hasMessageEndingWith("downloading failed: offline");
    }
}
