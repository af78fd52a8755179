package io.benchfleet.trainer;

import io.benchfleet.dataset.partition.NpyArray;
import io.benchfleet.dataset.partition.NpyWriter;
import io.benchfleet.dataset.partition.PartitionFolder;
import io.benchfleet.dataset.partition.PartitionWriter;
import io.benchfleet.protocol.architecture.Architecture;
import io.benchfleet.protocol.architecture.ArchitectureZoo;
import io.benchfleet.protocol.architecture.Layer;
import io.benchfleet.protocol.architecture.Shape;
import io.benchfleet.protocol.sweep.Device;
import io.benchfleet.protocol.sweep.TaskSpec;
import io.benchfleet.protocol.sweep.TrainingSettings;
import io.benchfleet.protocol.trainer.DataPartition;
import io.benchfleet.protocol.trainer.TrainerTask;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Takes a few tiny attempts through the trainer's own path (task JSON checked and decoded, partition read, network
 * built, one epoch trained and evaluated, events written), so that a JVM started with
 * {@code -XX:ArchiveClassesAtExit} records the classes every DL4J trainer loads before its first minibatch. The
 * worker node's TrainerClassArchive runs it at build time; its events go to stdout, which that discards.
 * <p>
 * The architectures between them hold every layer type, padding and the optimizers the zoo uses, so whatever
 * a sweep trains finds its classes in the archive; their data is random, 64 training and 32 test samples.
 */
public final class ClassArchiveWarmUp {

    private static final List<String> ARCHITECTURES = List.of("s1-cifar10-cnn", "s4-cifar100-cnn", "s4-mnist-cnn");
    private static final int TRAIN_SAMPLES = 64;
    private static final int TEST_SAMPLES = 32;
    private static final int BATCH_SIZE = 32;

    private ClassArchiveWarmUp() {
    }

    public static void main(String[] args) throws IOException {
        BackendStart backend = BackendStart.begin();
        EventStream events = EventStream.takeOverStdout();
        Path folder = Files.createTempDirectory("benchfleet-class-archive-");
        try {
            for (String name : ARCHITECTURES) {
                String task = task(ArchitectureZoo.byName(name).orElseThrow(), folder.resolve(name));
                TaskProtocolCheck.problem(task).ifPresent(problem -> {
                    throw new IllegalStateException("the warm-up task is refused: " + problem);
                });
                if (new Trainer(events, backend).run(TrainerTask.decode(task)) != Trainer.SUCCEEDED) {
                    System.err.println("class archive warm-up: the trainer failed on " + name + "; see its events");
                    System.exit(Trainer.FAILED);
                }
            }
        } finally {
            PartitionFolder.delete(folder);
        }
        // ND4J leaves non-daemon threads behind; exiting also writes the archive.
        System.exit(Trainer.SUCCEEDED);
    }

    private static String task(Architecture architecture, Path partitionFolder) throws IOException {
        int classes = ((Layer.Dense) architecture.layers().get(architecture.layers().size() - 1)).units();
        DataPartition partition = randomPartition(partitionFolder, architecture.input(), classes);
        var training = new TrainingSettings(1, BATCH_SIZE, 0, architecture.optimizer());
        var spec = new TaskSpec("warm-up", architecture.name(), Device.CPU, "standard", 0, 1, 1, training);
        return new TrainerTask("class-archive-warm-up", spec, architecture, partition, 1).encode();
    }

    private static DataPartition randomPartition(Path folder, Shape shape, int classes) throws IOException {
        Files.createDirectories(folder);
        var random = new Random(1);
        long[] sample = PartitionWriter.sampleShape(shape);
        writePart(folder, DataPartition.TRAIN_FEATURES, DataPartition.TRAIN_LABELS, TRAIN_SAMPLES, sample, classes,
                random);
        writePart(folder, DataPartition.TEST_FEATURES, DataPartition.TEST_LABELS, TEST_SAMPLES, sample, classes,
                random);
        float[] offset = new float[shape.size()];
        float[] scale = new float[shape.size()];
        Arrays.fill(scale, 1f / 255);
        NpyWriter.write(folder.resolve(DataPartition.OFFSET), NpyArray.ofFloats(offset, sample));
        NpyWriter.write(folder.resolve(DataPartition.SCALE), NpyArray.ofFloats(scale, sample));
        return new DataPartition(folder.toString(), "0".repeat(64), TRAIN_SAMPLES, TEST_SAMPLES, shape, classes);
    }

    private static void writePart(Path folder, String featuresFile, String labelsFile, int count, long[] sample,
                                  int classes, Random random) throws IOException {
        long[] shape = new long[sample.length + 1];
        shape[0] = count;
        System.arraycopy(sample, 0, shape, 1, sample.length);
        byte[] features = new byte[Math.toIntExact(Arrays.stream(shape).reduce(1, Math::multiplyExact))];
        random.nextBytes(features);
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) random.nextInt(classes);
        }
        NpyWriter.write(folder.resolve(featuresFile), NpyArray.ofBytes(features, shape));
        NpyWriter.write(folder.resolve(labelsFile), NpyArray.ofUnsignedBytesAsInt64(labels));
    }
}
