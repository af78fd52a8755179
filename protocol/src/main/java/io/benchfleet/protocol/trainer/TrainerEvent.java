package io.benchfleet.protocol.trainer;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a trainer tells its worker node, one JSON object per stdout line, in this order:
 * {@code started}, one {@code epoch} per epoch, then {@code finished} or {@code failed}.
 * The worker node forwards them to the coordinator as they come. They refuse nulls when made: they arrive from
 * trainer processes and from other nodes, and whoever reads a field later must not be the one to find it missing.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TrainerEvent.Started.class, name = "started"),
        @JsonSubTypes.Type(value = TrainerEvent.Epoch.class, name = "epoch"),
        @JsonSubTypes.Type(value = TrainerEvent.Finished.class, name = "finished"),
        @JsonSubTypes.Type(value = TrainerEvent.Failed.class, name = "failed")})
public sealed interface TrainerEvent {

    /** Whether the attempt is over after this event. */
    @JsonIgnore
    default boolean isFinal() {
        return false;
    }

    /**
     * Data loaded and network built; training is about to begin.
     *
     * @param protocolVersion the trainer protocol version the trainer speaks ({@link TrainerTask#PROTOCOL_VERSION})
     * @param framework       the framework the trainer trains with, e.g. {@code pytorch}
     * @param frameworkVersion its version, e.g. {@code 1.13.1}
     * @param backend         what the framework runs on, e.g. {@code CPU} or {@code CUDA 12.1}; empty when a
     *                        trainer does not say
     * @param layerHelpers    DL4J only: the accelerated implementation each layer really got, e.g.
     *                        {@code 0:ConvolutionLayer=MKLDNNConvHelper}; a silent fallback costs 6x
     * @param startupSeconds  from trainer process start to this event
     * @param partitionSha256 the hash of the data partition the worker node handed the trainer; the worker node
     *                        fills it in, a trainer leaves it out
     */
    record Started(int protocolVersion, String framework, String frameworkVersion, long pid, int threads,
                   String backend, List<String> layerHelpers, long parameters, int trainSamples, int testSamples,
                   double startupSeconds, String partitionSha256) implements TrainerEvent {
        public Started {
            Objects.requireNonNull(framework, "framework");
            Objects.requireNonNull(frameworkVersion, "frameworkVersion");
            backend = Objects.requireNonNullElse(backend, "");
            layerHelpers = List.copyOf(Objects.requireNonNullElse(layerHelpers, List.of()));
            partitionSha256 = Objects.requireNonNullElse(partitionSha256, "");
        }

        /** This event as the worker node forwards it: with the hash of the partition it handed the trainer. */
        public Started withPartition(String sha256) {
            return new Started(protocolVersion, framework, frameworkVersion, pid, threads, backend, layerHelpers,
                    parameters, trainSamples, testSamples, startupSeconds, sha256);
        }
    }

    /**
     * One epoch done. Seconds and throughput cover training only, not the evaluation after it.
     *
     * @param trainLoss     mean minibatch loss over the epoch, as Keras reports it
     * @param trainAccuracy accuracy on (up to 10,000 samples of) the training part after the epoch
     * @param heapBytes     JVM trainers only: heap in use; 0 when a trainer has none
     * @param rssBytes      the trainer process's resident set size after the epoch
     * @param offHeapBytes  DL4J only: memory ND4J holds outside the JVM heap; 0 otherwise
     * @param gpuMemBytes   on a GPU, the memory in use on the trainer's GPU after the epoch; empty on a CPU, and left
     *                      out of the line there
     */
    record Epoch(int epoch, double seconds, double samplesPerSecond, double trainLoss, double trainAccuracy,
                 double testLoss, double testAccuracy, long heapBytes, long rssBytes, long offHeapBytes,
                 @JsonSerialize(using = GpuMemoryJson.Writer.class)
                 @JsonDeserialize(using = GpuMemoryJson.Reader.class)
                 @JsonInclude(JsonInclude.Include.NON_EMPTY)
                 Optional<Long> gpuMemBytes)
            implements TrainerEvent {
        public Epoch {
            Objects.requireNonNull(gpuMemBytes, "gpuMemBytes");
            gpuMemBytes.filter(bytes -> bytes < 0).ifPresent(bytes -> {
                throw new IllegalArgumentException(GpuMemoryJson.EXPECTED + "; got " + bytes);
            });
        }

        /** An epoch on a CPU, which has no GPU memory. */
        public Epoch(int epoch, double seconds, double samplesPerSecond, double trainLoss, double trainAccuracy,
                     double testLoss, double testAccuracy, long heapBytes, long rssBytes, long offHeapBytes) {
            this(epoch, seconds, samplesPerSecond, trainLoss, trainAccuracy, testLoss, testAccuracy, heapBytes,
                    rssBytes, offHeapBytes, Optional.empty());
        }
    }

    /** @param trainSeconds sum of the epochs' training time */
    record Finished(double trainSeconds, double samplesPerSecond, double testAccuracy, double testLoss)
            implements TrainerEvent {
        @Override
        public boolean isFinal() {
            return true;
        }
    }

    record Failed(FailureKind kind, String message) implements TrainerEvent {
        public Failed {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public boolean isFinal() {
            return true;
        }
    }

    /**
     * Why an attempt failed. The coordinator retries the infrastructure failures (CRASHED, TIMED_OUT,
     * WORKER_LOST, HANDED_BACK, DATA_UNAVAILABLE elsewhere, OUT_OF_MEMORY once), never the deterministic
     * ones: the same task would fail the same way. A trainer may report only the kinds {@link #byTrainer()}
     * says; the others are decided by the worker node or the coordinator.
     */
    enum FailureKind {
        /** The task cannot run as given: corrupt data, an impossible configuration. */
        BAD_INPUT,
        /** The loss became NaN or infinite. */
        DIVERGED,
        /** The trainer process died or broke its event stream. */
        CRASHED,
        /** Anything else that went wrong inside the trainer. */
        ERROR,
        /** The trainer ran longer than the sweep's task-timeout and was killed. */
        TIMED_OUT,
        /** The worker node running the attempt left the cluster without reporting its end (killed, cut off). */
        WORKER_LOST,
        /** The worker node was stopped and gave the attempt back unfinished. */
        HANDED_BACK,
        /** The coordinator stopped while the attempt ran; found by resume. */
        COORDINATOR_STOPPED,
        /** No worker node in the cluster offered a slot of the task's device (run --fail-unschedulable). */
        UNSCHEDULABLE,
        /** The trainer ran out of memory (heap or native); the message names the numbers. */
        OUT_OF_MEMORY,
        /** This node has no readable copy of the task's data: another node may have one. */
        DATA_UNAVAILABLE;

        private static final Set<FailureKind> BY_TRAINER =
                EnumSet.of(BAD_INPUT, DIVERGED, ERROR, OUT_OF_MEMORY, DATA_UNAVAILABLE);

        /** The kinds a trainer may report about its own attempt. */
        public static Set<FailureKind> byTrainer() {
            return BY_TRAINER;
        }
    }
}
