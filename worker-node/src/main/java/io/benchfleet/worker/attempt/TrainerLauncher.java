package io.benchfleet.worker.attempt;

import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.protocol.trainer.TrainerTask;

import java.io.IOException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Starts the trainer process of one attempt. The real one forks a JVM running DL4J; tests of the
 * orchestration can start something faster that speaks the same event lines.
 */
public interface TrainerLauncher {

    /** @param slot the slot the attempt runs in */
    Process start(TrainerTask task, SlotName slot) throws IOException;

    /**
     * A gpu slot's trainer sees its own GPU alone (as device 0): CUDA libraries otherwise take memory on
     * every GPU, and a trainer must not share another slot's.
     */
    static void pinToSlotGpus(SlotName slot, Map<String, String> environment) {
        var gpus = slot.gpus();
        if (!gpus.isEmpty()) {
            environment.put("CUDA_VISIBLE_DEVICES", gpus.stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
    }
}
