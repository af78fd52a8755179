package io.benchfleet.worker.slot;

import io.benchfleet.dataset.DatasetUnavailableException;
import io.benchfleet.dataset.partition.UnknownDataException;
import io.benchfleet.dataset.reader.DataFileException;
import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.protocol.cluster.WorkerNodeMessage.TaskOffer;
import io.benchfleet.protocol.trainer.DataPartition;
import io.benchfleet.protocol.trainer.TrainerEvent;
import io.benchfleet.protocol.trainer.TrainerEvent.FailureKind;
import io.benchfleet.protocol.trainer.TrainerTask;
import io.benchfleet.worker.attempt.TrainerLauncher;
import io.benchfleet.worker.framework.NodeFrameworks;
import io.benchfleet.worker.partition.PartitionCache;
import io.benchfleet.worker.partition.PartitionLease;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How a slot starts an attempt, on the node's process threads and never on its actor: the data partition is leased
 * from the node's cache (prepared first when no attempt had it yet, which takes seconds for a large dataset), then
 * the trainer of the task's framework is forked on it. The partition stays leased until the trainer has exited.
 * Every failure becomes the attempt's failed event, of the kind that says where the fault lies.
 */
public final class AttemptLaunch {

    /** How a launch ended. */
    sealed interface Outcome {
        /** The trainer runs, on this partition. */
        record Forked(Process trainer, DataPartition partition) implements Outcome {
        }

        /** Nothing runs: the attempt failed before its trainer started. */
        record Refused(TrainerEvent.Failed failure) implements Outcome {
        }

        /** The slot gave the attempt up while it was being launched; nothing runs. */
        record GivenUp() implements Outcome {
        }
    }

    private final NodeFrameworks frameworks;
    private final PartitionCache partitions;
    private final Executor threads;

    public AttemptLaunch(NodeFrameworks frameworks, PartitionCache partitions, Executor threads) {
        this.frameworks = frameworks;
        this.partitions = partitions;
        this.threads = threads;
    }

    CompletionStage<Outcome> start(TaskOffer offer, SlotName slot, int slotThreads, AtomicBoolean givenUp) {
        try {
            return CompletableFuture.supplyAsync(() -> launch(offer, slot, slotThreads, givenUp), threads);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(refused(FailureKind.ERROR,
                    "the worker node is shutting down and starts no trainer: " + e.getMessage()));
        }
    }

    /** The coordinator is done with these partitions: deleted off the actor, each once no trainer uses it. */
    void retire(List<String> partitionKeys) {
        try {
            threads.execute(() -> partitions.retire(partitionKeys));
        } catch (RejectedExecutionException e) {
            // The node is stopping, and its whole partition folder goes with it.
        }
    }

    Outcome launch(TaskOffer offer, SlotName slot, int slotThreads, AtomicBoolean givenUp) {
        Optional<TrainerLauncher> launcher = frameworks.launcher(offer.task().framework(), slot.device());
        if (launcher.isEmpty()) {
            return refused(FailureKind.BAD_INPUT, frameworks.refusal(offer.task().framework(), slot.device()));
        }
        PartitionLease lease;
        try {
            lease = partitions.lease(offer.task(), offer.dataDir());
        } catch (DatasetUnavailableException e) {
            return refused(FailureKind.DATA_UNAVAILABLE, e.getMessage());
        } catch (DataFileException | UnknownDataException e) {
            return refused(FailureKind.BAD_INPUT, e.getMessage());
        } catch (IOException e) {
            return refused(FailureKind.ERROR, e.getMessage());
        } catch (RuntimeException e) {
            return refused(FailureKind.ERROR, "preparing the data partition failed: " + e);
        }
        if (givenUp.get()) {
            lease.release();
            return new Outcome.GivenUp();
        }
        return fork(launcher.get(), offer, slot, slotThreads, lease, givenUp);
    }

    private static Outcome fork(TrainerLauncher launcher, TaskOffer offer, SlotName slot, int slotThreads,
                                PartitionLease lease, AtomicBoolean givenUp) {
        Process trainer;
        try {
            trainer = launcher.start(new TrainerTask(offer.attemptId(), offer.task(), offer.architecture(),
                    lease.partition(), TrainerThreads.of(offer.task(), offer.architecture(), slotThreads)), slot);
        } catch (IOException | RuntimeException e) {
            lease.release();
            return refused(FailureKind.CRASHED, "cannot start the trainer process: " + e.getMessage());
        }
        trainer.onExit().whenComplete((exited, failure) -> lease.release());
        // The slot may have given up while the trainer was being forked; it was not watching yet.
        if (givenUp.get()) {
            Attempt.kill(trainer);
            return new Outcome.GivenUp();
        }
        return new Outcome.Forked(trainer, lease.partition());
    }

    private static Outcome refused(FailureKind kind, String reason) {
        return new Outcome.Refused(new TrainerEvent.Failed(kind, reason));
    }
}
