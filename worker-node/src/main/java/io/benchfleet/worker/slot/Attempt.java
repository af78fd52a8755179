package io.benchfleet.worker.slot;

import io.benchfleet.protocol.cluster.WorkerNodeMessage.TaskOffer;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The attempt a slot runs: first being launched (its data partition prepared, its trainer forked) off the actor,
 * then followed through its trainer process. Once the slot gives it up (a stop, a timeout), a launch still under way
 * starts no trainer, or kills the one it just started: {@link #givenUp()} is what the launch checks.
 * Apart from that flag, only the slot's actor touches it.
 */
final class Attempt {

    private final TaskOffer offer;
    private final AtomicBoolean givenUp = new AtomicBoolean();
    private Process trainer;
    private String partitionSha256 = "";

    Attempt(TaskOffer offer) {
        this.offer = offer;
    }

    String id() {
        return offer.attemptId();
    }

    String framework() {
        return offer.task().framework();
    }

    Duration metricsInterval() {
        return offer.metricsInterval();
    }

    AtomicBoolean givenUp() {
        return givenUp;
    }

    /** The launch has forked the trainer, on the partition of this hash. */
    void forked(Process process, String sha256) {
        this.trainer = process;
        this.partitionSha256 = sha256;
    }

    Optional<Process> trainer() {
        return Optional.ofNullable(trainer);
    }

    String partitionSha256() {
        return partitionSha256;
    }

    /** SIGKILL, whatever the trainer forked too: a trainer past its time or handed back has nothing left to say. */
    void kill() {
        givenUp.set(true);
        trainer().ifPresent(Attempt::kill);
    }

    static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** SIGTERM rather than SIGKILL: the trainer's shutdown hooks still run. */
    void terminate() {
        givenUp.set(true);
        trainer().ifPresent(process -> {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        });
    }
}
