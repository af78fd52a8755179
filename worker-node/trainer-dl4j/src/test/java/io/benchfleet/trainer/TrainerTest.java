package io.benchfleet.trainer;

import io.benchfleet.dataset.partition.NpyArray;
import io.benchfleet.dataset.partition.NpyWriter;
import io.benchfleet.dataset.reader.LabelledSamples;
import io.benchfleet.protocol.architecture.Activation;
import io.benchfleet.protocol.architecture.Architecture;
import io.benchfleet.protocol.architecture.Layer;
import io.benchfleet.protocol.architecture.Optimizer;
import io.benchfleet.protocol.architecture.Shape;
import io.benchfleet.protocol.sweep.Device;
import io.benchfleet.protocol.sweep.TaskSpec;
import io.benchfleet.protocol.sweep.TrainingSettings;
import io.benchfleet.protocol.trainer.DataPartition;
import io.benchfleet.protocol.trainer.EventLine;
import io.benchfleet.protocol.trainer.TrainerEvent;
import io.benchfleet.protocol.trainer.TrainerEvent.FailureKind;
import io.benchfleet.protocol.trainer.TrainerTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One attempt on a small data partition written as a worker node writes it, its events read as a worker node reads them. */
class TrainerTest {

    private static final Shape INPUT = ToyImages.SHAPE;
    private static final Architecture TOY_MLP = new Architecture("toy", "test", INPUT, List.of(
            new Layer.Dense(8, Activation.RELU), new Layer.Dense(2, Activation.SOFTMAX)),
            Optimizer.of(Optimizer.Kind.ADAM, 0.01), 1, 8);

    @TempDir
    Path dir;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    /** Class 1 bright in the top half of a 4x4 image, class 0 in the bottom; unit-range scaling. */
    private DataPartition partition(int train, int test) throws IOException {
        writePart(DataPartition.TRAIN_FEATURES, DataPartition.TRAIN_LABELS, train, 1);
        writePart(DataPartition.TEST_FEATURES, DataPartition.TEST_LABELS, test, 2);
        float[] scale = new float[16];
        Arrays.fill(scale, 1 / 255f);
        NpyWriter.write(dir.resolve(DataPartition.OFFSET), NpyArray.ofFloats(new float[16], 1, 4, 4));
        NpyWriter.write(dir.resolve(DataPartition.SCALE), NpyArray.ofFloats(scale, 1, 4, 4));
        return new DataPartition(dir.toString(), "", train, test, INPUT, 2);
    }

    private void writePart(String featuresFile, String labelsFile, int count, long seed) throws IOException {
        LabelledSamples samples = ToyImages.of(count, seed);
        NpyWriter.write(dir.resolve(featuresFile), NpyArray.ofBytes(samples.features(), count, 1, 4, 4));
        NpyWriter.write(dir.resolve(labelsFile), NpyArray.ofUnsignedBytesAsInt64(samples.labels()));
    }

    private List<TrainerEvent> run(DataPartition partition, Architecture architecture) {
        var task = new TaskSpec("mnist", architecture.name(), Device.CPU, "standard", 0, 1, 1,
                new TrainingSettings(1, 8, 0, architecture.optimizer()));
        new Trainer(new EventStream(new PrintStream(stdout, true, StandardCharsets.UTF_8)), BackendStart.begin())
                .run(new TrainerTask("a-1", task, architecture, partition, 1));
        return stdout.toString(StandardCharsets.UTF_8).lines().map(EventLine::decode).toList();
    }

    @Test
    void trainsOnThePartitionAndSaysWhichProtocolFrameworkAndVersionItSpeaks() throws IOException {
        List<TrainerEvent> events = run(partition(64, 32), TOY_MLP);

        assertThat(events).hasSize(3);
        TrainerEvent.Started started = (TrainerEvent.Started) events.get(0);
        assertThat(started.protocolVersion()).isEqualTo(TrainerTask.PROTOCOL_VERSION);
        assertThat(started.framework()).isEqualTo("dl4j");
        assertThat(started.frameworkVersion()).isEqualTo("1.0.0-M2.1");
        assertThat(started.trainSamples()).isEqualTo(64);
        assertThat(started.testSamples()).isEqualTo(32);
        assertThat(started.backend()).startsWith("CPU");
        assertThat(started.partitionSha256()).as("the worker node fills it in").isEmpty();
        assertThat(events.get(2)).isInstanceOf(TrainerEvent.Finished.class);
    }

    @Test
    void aPartitionWithAFileMissingIsUnavailableOnThisNodeNamingItsFolder() throws IOException {
        DataPartition partition = partition(8, 4);
        Files.delete(partition.file(DataPartition.TEST_LABELS));

        TrainerEvent.Failed failed = (TrainerEvent.Failed) run(partition, TOY_MLP).get(0);

        assertThat(failed.kind()).isEqualTo(FailureKind.DATA_UNAVAILABLE);
        assertThat(failed.message()).startsWith("cannot read the data partition in " + dir + ": ")
                .contains(DataPartition.TEST_LABELS);
    }

    @Test
    void aCorruptPartitionFileIsBadInput() throws IOException {
        DataPartition partition = partition(8, 4);
        Files.writeString(partition.file(DataPartition.TRAIN_FEATURES), "a text file, not an array");

        TrainerEvent.Failed failed = (TrainerEvent.Failed) run(partition, TOY_MLP).get(0);

        assertThat(failed.kind()).isEqualTo(FailureKind.BAD_INPUT);
        assertThat(failed.message()).startsWith(partition.file(DataPartition.TRAIN_FEATURES) + ": not a .npy file");
    }

    @Test
    void anArchitectureForAnotherNumberOfClassesIsBadInput() throws IOException {
        Architecture tenClasses = new Architecture("ten", "test", INPUT, List.of(new Layer.Dense(10, Activation.SOFTMAX)),
                Optimizer.of(Optimizer.Kind.ADAM, 0.01), 1, 8);

        TrainerEvent.Failed failed = (TrainerEvent.Failed) run(partition(8, 4), tenClasses).get(0);

        assertThat(failed.kind()).isEqualTo(FailureKind.BAD_INPUT);
        assertThat(failed.message()).startsWith("architecture ten cannot train on mnist: ");
    }
}
