package io.benchfleet.worker.attempt;

import io.benchfleet.protocol.cluster.SlotGpus;
import io.benchfleet.trainer.TrainerTask;

import java.io.IOException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Starts the trainer process of one attempt. The real one forks a JVM running DL4J; tests of the
 * orchestration can start something faster that speaks the same event lines.
 */
public interface TrainerLauncher {

    /** @param slot the slot the attempt runs in, e.g. {@code cpu} or {@code gpu:1} */
    Process start(TrainerTask task, String slot) throws IOException;

    /**
     * A gpu slot's trainer sees its own GPU alone (as device 0): CUDA libraries otherwise take memory on
     * every GPU, and a trainer must not share another slot's.
     */
    static void pinToSlotGpus(String slot, Map<String, String> environment) {
        var gpus = SlotGpus.of(slot);
        if (!gpus.isEmpty()) {
            environment.put("CUDA_VISIBLE_DEVICES", gpus.stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
    }
}
