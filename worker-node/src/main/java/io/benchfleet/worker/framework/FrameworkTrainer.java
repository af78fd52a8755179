package io.benchfleet.worker.framework;

import io.benchfleet.protocol.cluster.GpuDevice;
import io.benchfleet.worker.attempt.TrainerLauncher;

import java.util.Optional;
import java.util.function.Function;

/**
 * A framework this node has a trainer for, before its slots are known.
 *
 * @param gpuRefusal why the trainer cannot train on a GPU of this machine; empty where it can
 */
public record FrameworkTrainer(String name, String version, Function<GpuDevice, Optional<String>> gpuRefusal,
                               TrainerLauncher launcher) {

    /** The version a user's own trainer is offered with: the node cannot ask it. */
    public static final String USER_SUPPLIED = "user-supplied";

    /** A user's trainer ({@code --trainer}): it is taken to run wherever the node has slots. */
    static FrameworkTrainer userSupplied(String name, TrainerLauncher launcher) {
        return new FrameworkTrainer(name, USER_SUPPLIED, gpu -> Optional.empty(), launcher);
    }
}
