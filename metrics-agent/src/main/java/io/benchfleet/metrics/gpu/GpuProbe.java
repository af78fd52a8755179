package io.benchfleet.metrics.gpu;

import io.benchfleet.protocol.cluster.GpuSample;

import java.util.List;

/**
 * The latest readings of a host's GPUs. Reads must be cheap, since the agent reads at every sample: an
 * implementation keeps the readings up to date on its own and hands out the latest ones.
 */
public interface GpuProbe extends AutoCloseable {

    /** A host without GPUs, or whose GPUs cannot be read: every read is empty. */
    GpuProbe NONE = new GpuProbe() {
        @Override
        public List<GpuSample> latest(List<Integer> indices) {
            return List.of();
        }

        @Override
        public void close() {
        }
    };

    /**
     * The fresh readings of the GPUs {@code indices}, in that order; a GPU without a fresh reading is left out.
     * {@link GpuSample#energyJoules()} counts from when the probe started.
     */
    List<GpuSample> latest(List<Integer> indices);

    /** Stops whatever keeps the readings up to date. */
    @Override
    void close();
}
