package io.benchfleet.worker.attempt;

import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.protocol.trainer.TrainerTask;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Starts the trainer process of one attempt. The real one forks a JVM running DL4J; tests of the
 * orchestration can start something faster that speaks the same event lines.
 * <p>
 * A trainer's stdin is a pipe that the worker node holds open, and never writes to, until the trainer has
 * exited. The kernel closes it when the worker node's process ends, however it ends (even by SIGKILL, when
 * nothing of the worker node can run any more), so a trainer that reads the end of its stdin knows that its
 * worker node is gone and stops instead of holding the machine's cores for nobody.
 */
public interface TrainerLauncher {

    /** @param slot the slot the attempt runs in */
    Process start(TrainerTask task, SlotName slot) throws IOException;

    /**
     * The trainer's process: in a process group of its own ({@link OwnProcessGroup}), its stdin as described above, a
     * pipe (Java's default, stated because it is the contract).
     */
    static ProcessBuilder trainerProcess(List<String> command) {
        return new ProcessBuilder(OwnProcessGroup.command(command)).redirectInput(ProcessBuilder.Redirect.PIPE);
    }

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
