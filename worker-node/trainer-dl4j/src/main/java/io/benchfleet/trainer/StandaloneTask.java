package io.benchfleet.trainer;

import io.benchfleet.protocol.trainer.TrainerTask;
import io.benchfleet.protocol.architecture.ArchitectureZoo;
import io.benchfleet.protocol.sweep.Device;
import io.benchfleet.protocol.sweep.TaskSpec;
import io.benchfleet.protocol.sweep.TrainingSettings;

/**
 * Prints the argument of a trainer run without a worker node: a zoo architecture on Fashion-MNIST's
 * standard split with its study's optimizer, for scripts that time the trainer alone
 * (bench/trainer-throughput).
 */
public final class StandaloneTask {

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
        System.out.println(new TrainerTask("standalone", task, architecture, "data",
                Integer.parseInt(args[4])).encode());
    }
}
