package io.benchfleet.trainer;

import io.benchfleet.dataset.DatasetUnavailableException;
import io.benchfleet.dataset.partition.PartitionFolder;
import io.benchfleet.dataset.partition.PartitionWriter;
import io.benchfleet.dataset.reader.DataFileException;
import io.benchfleet.dataset.reader.DatasetLoader;
import io.benchfleet.protocol.architecture.ArchitectureZoo;
import io.benchfleet.protocol.sweep.Device;
import io.benchfleet.protocol.sweep.TaskSpec;
import io.benchfleet.protocol.sweep.TrainingSettings;
import io.benchfleet.protocol.trainer.DataPartition;
import io.benchfleet.protocol.trainer.TrainerTask;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints the argument of a trainer run without a worker node: a zoo architecture on Fashion-MNIST's
 * standard split with its study's optimizer, for scripts that time the trainer alone
 * (bench/trainer-throughput). It prepares the task's data partition as a worker node would, with the same
 * writer, in {@code java.io.tmpdir/benchfleet-standalone/PARTITION_KEY}: one folder per partition, written
 * anew by each run, so repeated runs do not fill the disk.
 */
public final class StandaloneTask {

    private static final String DATA_DIR = "data";

    private StandaloneTask() {
    }

    /** Arguments: ARCHITECTURE EPOCHS BATCH_SIZE TRAIN_LIMIT THREADS. */
    public static void main(String[] args) {
        if (args.length != 5 || ArchitectureZoo.byName(args[0]).isEmpty()) {
            System.err.println("usage: StandaloneTask ARCHITECTURE EPOCHS BATCH_SIZE TRAIN_LIMIT THREADS;"
                    + " ARCHITECTURE one of " + ArchitectureZoo.names());
            System.exit(2);
        }
        var architecture = ArchitectureZoo.byName(args[0]).orElseThrow();
        var training = new TrainingSettings(Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                Integer.parseInt(args[3]), architecture.optimizer());
        var task = new TaskSpec("fashion-mnist", architecture.name(), Device.CPU, "standard", 0, 1, 1, training);
        try {
            DataPartition partition = prepare(task);
            System.out.println(new TrainerTask("standalone", task, architecture, partition,
                    Integer.parseInt(args[4])).encode());
        } catch (IOException | DatasetUnavailableException | DataFileException e) {
            System.err.println("StandaloneTask: cannot prepare the data partition: " + e.getMessage());
            System.exit(1);
        }
    }

    private static DataPartition prepare(TaskSpec task) throws IOException {
        Path folder = Path.of(System.getProperty("java.io.tmpdir"), "benchfleet-standalone", task.partitionKey());
        PartitionFolder.delete(folder);
        Files.createDirectories(folder.getParent());
        return new PartitionWriter(DatasetLoader.forDataDir(DATA_DIR)).write(task, folder);
    }
}
