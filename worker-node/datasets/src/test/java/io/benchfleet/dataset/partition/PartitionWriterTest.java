package io.benchfleet.dataset.partition;

import io.benchfleet.dataset.DatasetCatalog;
import io.benchfleet.dataset.DatasetDownload;
import io.benchfleet.dataset.DatasetLocator;
import io.benchfleet.dataset.DatasetUnavailableException;
import io.benchfleet.dataset.DownloadProgress;
import io.benchfleet.dataset.reader.DataFileException;
import io.benchfleet.dataset.reader.DatasetFilesFixture;
import io.benchfleet.dataset.reader.DatasetLoader;
import io.benchfleet.dataset.reader.FeatureScaling;
import io.benchfleet.dataset.reader.TaskParts;
import io.benchfleet.protocol.architecture.Optimizer;
import io.benchfleet.protocol.architecture.Shape;
import io.benchfleet.protocol.sweep.Device;
import io.benchfleet.protocol.sweep.Framework;
import io.benchfleet.protocol.sweep.Split;
import io.benchfleet.protocol.sweep.TaskSpec;
import io.benchfleet.protocol.sweep.TrainingSettings;
import io.benchfleet.protocol.trainer.DataPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Partitions of small datasets in their real formats, written and read back. */
class PartitionWriterTest {

    @TempDir
    Path dataDir;
    @TempDir
    Path partitions;

    private DatasetLoader loader() {
        return new DatasetLoader(new DatasetDownload(new DatasetLocator(dataDir, dataDir.resolve("no-system-datasets")),
                (url, into, progress) -> {
                    throw new IOException("offline");
                }, DownloadProgress.NONE));
    }

    private static TaskSpec task(String dataset, Split split, int fold, int trainLimit, double fraction) {
        return new TaskSpec(dataset, "mlp-small", Device.CPU, split.label(), fold, 1, 3,
                new TrainingSettings(1, 32, trainLimit, Optimizer.of(Optimizer.Kind.ADAM, 0.001)), fraction);
    }

    private DataPartition write(TaskSpec task) throws IOException {
        return new PartitionWriter(loader()).write(task, partitions.resolve(task.partitionKey()));
    }

    private void mnist(int train, int test) throws IOException {
        Path dir = Files.createDirectories(dataDir.resolve("mnist"));
        DatasetFilesFixture.idx(dir, "train", train, 10, 1);
        DatasetFilesFixture.idx(dir, "t10k", test, 10, 2);
    }

    private void cifar10() throws IOException {
        Path dir = Files.createDirectories(dataDir.resolve("cifar10"));
        for (int b = 1; b <= 5; b++) {
            DatasetFilesFixture.cifar(dir.resolve("data_batch_" + b + ".bin"), 8, 1, 10, b);
        }
        DatasetFilesFixture.cifar(dir.resolve("test_batch.bin"), 10, 1, 10, 9);
    }

    private void letter(int rows) throws IOException {
        DatasetFilesFixture.letter(Files.createDirectories(dataDir.resolve("letter")).resolve("letter-recognition.data"),
                rows, 26, 1);
    }

    private static String sha256Of(DataPartition partition, String... files) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (String file : files) {
            digest.update(NpyReader.read(partition.file(file)).data());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    @Test
    void writesTheSixFilesOfAnImagePartitionChannelMajorWithItsCountsAndHash() throws Exception {
        cifar10();
        TaskSpec task = task("cifar10", Split.STANDARD, 0, 30, 1.0);

        DataPartition partition = write(task);

        assertThat(Path.of(partition.directory())).isEqualTo(partitions.resolve(task.partitionKey()));
        assertThat(partition.trainSamples()).isEqualTo(30);
        assertThat(partition.testSamples()).isEqualTo(10);
        assertThat(partition.shape()).isEqualTo(new Shape(3, 32, 32));
        assertThat(partition.classes()).isEqualTo(10);
        assertThat(NpyReader.read(partition.file(DataPartition.TRAIN_FEATURES)).describe()).isEqualTo("<u1 (30, 3, 32, 32)");
        assertThat(NpyReader.read(partition.file(DataPartition.TRAIN_LABELS)).describe()).isEqualTo("<i8 (30,)");
        assertThat(NpyReader.read(partition.file(DataPartition.TEST_FEATURES)).describe()).isEqualTo("<u1 (10, 3, 32, 32)");
        assertThat(NpyReader.read(partition.file(DataPartition.TEST_LABELS)).describe()).isEqualTo("<i8 (10,)");
        assertThat(NpyReader.read(partition.file(DataPartition.OFFSET)).describe()).isEqualTo("<f4 (3, 32, 32)");
        assertThat(NpyReader.read(partition.file(DataPartition.SCALE)).float32s()).containsOnly(1 / 255f);
        assertThat(partition.sha256()).isEqualTo(sha256Of(partition, DataPartition.TRAIN_FEATURES,
                DataPartition.TRAIN_LABELS, DataPartition.TEST_FEATURES, DataPartition.TEST_LABELS));
        try (Stream<Path> left = Files.list(partitions)) {
            assertThat(left).containsExactly(Path.of(partition.directory()));
        }
    }

    @Test
    void anIdxPartitionIsOneChannelOfHeightByWidth() throws IOException {
        mnist(40, 20);

        DataPartition partition = write(task("mnist", Split.STANDARD, 0, 0, 1.0));

        assertThat(NpyReader.read(partition.file(DataPartition.TRAIN_FEATURES)).describe()).isEqualTo("<u1 (40, 1, 28, 28)");
        assertThat(NpyReader.read(partition.file(DataPartition.OFFSET)).describe()).isEqualTo("<f4 (1, 28, 28)");
    }

    @Test
    void aFeatureVectorPartitionIsSamplesByFeaturesStandardisedOnTheTrainingPart() throws IOException {
        letter(200);
        TaskSpec task = task("letter", new Split.KFold(4), 1, 0, 1.0);

        DataPartition partition = write(task);

        assertThat(NpyReader.read(partition.file(DataPartition.TRAIN_FEATURES)).describe()).isEqualTo("<u1 (150, 16)");
        assertThat(NpyReader.read(partition.file(DataPartition.TEST_FEATURES)).describe()).isEqualTo("<u1 (50, 16)");
        TaskParts parts = TaskParts.of(loader().load(DatasetCatalog.byName("letter").orElseThrow()), new Split.KFold(4), task);
        FeatureScaling expected = FeatureScaling.fit(DatasetCatalog.byName("letter").orElseThrow().normalisation(),
                parts.train());
        assertThat(NpyReader.read(partition.file(DataPartition.OFFSET)).float32s()).containsExactly(expected.offset());
        assertThat(NpyReader.read(partition.file(DataPartition.SCALE)).float32s()).containsExactly(expected.scale());
    }

    /** S4 fed letter's features raw, on a plain (unstratified) 70/30 split. */
    @Test
    void rawFeaturesOnAPlainSplitAreWrittenUnscaledAsTheirOwnPartition() throws IOException {
        letter(200);
        Split plain = new Split.Holdout(0.3, false);
        TaskSpec standardised = task("letter", plain, 0, 0, 1.0);
        TaskSpec raw = new TaskSpec("letter", "mlp-small", Device.CPU, plain.label(), 0, 1, 3,
                new TrainingSettings(1, 32, 0, Optimizer.of(Optimizer.Kind.ADAM, 0.001), true), 1.0);

        DataPartition partition = write(raw);

        assertThat(raw.partitionKey()).isNotEqualTo(standardised.partitionKey());
        assertThat(raw.id()).isNotEqualTo(standardised.id());
        assertThat(NpyReader.read(partition.file(DataPartition.OFFSET)).float32s()).containsOnly(0f);
        assertThat(NpyReader.read(partition.file(DataPartition.SCALE)).float32s()).containsOnly(1f);
        assertThat(NpyReader.read(partition.file(DataPartition.TEST_FEATURES)).describe()).isEqualTo("<u1 (60, 16)");
    }

    @Test
    void readingThePartitionBackGivesTheTasksPartsAndScaling() throws IOException {
        letter(200);
        TaskSpec task = task("letter", new Split.Holdout(0.25), 0, 100, 0.5);
        TaskParts parts = TaskParts.of(loader().load(DatasetCatalog.byName("letter").orElseThrow()),
                new Split.Holdout(0.25), task);

        PartitionContents contents = PartitionContents.read(write(task));

        assertThat(contents.train().count()).isEqualTo(50);
        assertThat(contents.train().features()).isEqualTo(parts.train().features());
        assertThat(contents.train().labels()).isEqualTo(parts.train().labels());
        assertThat(contents.test().features()).isEqualTo(parts.test().features());
        assertThat(contents.test().labels()).isEqualTo(parts.test().labels());
        assertThat(contents.train().shape()).isEqualTo(Shape.flat(16));
        assertThat(contents.scaling().offset()).containsExactly(FeatureScaling.fit(
                DatasetCatalog.byName("letter").orElseThrow().normalisation(), parts.train()).offset());
    }

    @Test
    void theSameDataGivesTheSameHashWhateverTheArchitectureFrameworkOrDevice() throws IOException {
        mnist(60, 20);
        TaskSpec task = task("mnist", new Split.KFold(5), 2, 30, 0.5);
        TaskSpec other = new TaskSpec("mnist", "cnn-medium", Device.GPU, task.split(), task.fold(), task.repetition(),
                task.seed(), new TrainingSettings(7, 128, 30, Optimizer.of(Optimizer.Kind.SGD, 0.1)), 0.5,
                Framework.PYTORCH);
        DataPartition first = write(task);
        Path elsewhere = Files.createDirectories(partitions.resolve("elsewhere"));

        DataPartition second = new PartitionWriter(loader()).write(other, elsewhere.resolve(other.partitionKey()));

        assertThat(other.partitionKey()).isEqualTo(task.partitionKey());
        assertThat(second.sha256()).isEqualTo(first.sha256());
    }

    @Test
    void anotherFoldGivesAnotherHash() throws IOException {
        mnist(60, 20);

        DataPartition fold1 = write(task("mnist", new Split.KFold(5), 1, 0, 1.0));
        DataPartition fold2 = write(task("mnist", new Split.KFold(5), 2, 0, 1.0));

        assertThat(fold1.sha256()).isNotEqualTo(fold2.sha256());
        assertThat(fold1.directory()).isNotEqualTo(fold2.directory());
    }

    @Test
    void anExistingPartitionIsNotOverwrittenAndNothingHalfWrittenStays() throws IOException {
        mnist(20, 10);
        TaskSpec task = task("mnist", Split.STANDARD, 0, 0, 1.0);
        Path target = Files.createDirectories(partitions.resolve(task.partitionKey()));
        Files.writeString(target.resolve("someone-elses"), "x");

        assertThatThrownBy(() -> write(task)).isInstanceOf(IOException.class);
        try (Stream<Path> left = Files.list(partitions)) {
            assertThat(left).containsExactly(target);
        }
    }

    @Test
    void anUnknownDatasetOrSplitIsTheTasksFault() {
        assertThatThrownBy(() -> write(task("imagenet", Split.STANDARD, 0, 0, 1.0)))
                .isInstanceOf(UnknownDataException.class)
                .hasMessageStartingWith("unknown dataset 'imagenet'; known: [mnist");
        TaskSpec badSplit = new TaskSpec("mnist", "mlp-small", Device.CPU, "thirds", 0, 1, 3,
                new TrainingSettings(1, 32, 0, Optimizer.of(Optimizer.Kind.ADAM, 0.001)));
        assertThatThrownBy(() -> write(badSplit)).isInstanceOf(UnknownDataException.class)
                .hasMessage("unknown split 'thirds'");
    }

    @Test
    void missingOrCorruptDataWritesNothing() throws IOException {
        assertThatThrownBy(() -> write(task("mnist", Split.STANDARD, 0, 0, 1.0)))
                .isInstanceOf(DatasetUnavailableException.class);
        Path dir = Files.createDirectories(dataDir.resolve("mnist"));
        for (String file : List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte")) {
            Files.writeString(dir.resolve(file), "not idx");
        }
        assertThatThrownBy(() -> write(task("mnist", Split.STANDARD, 0, 0, 1.0)))
                .isInstanceOf(DataFileException.class);
        try (Stream<Path> left = Files.list(partitions)) {
            assertThat(left).isEmpty();
        }
    }
}
