package io.benchfleet.metrics.gpu;

import io.benchfleet.protocol.cluster.GpuSample;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * GPUs at a steady {@link #WATTS} whose energy total grows by {@link #JOULES_PER_READ} at every read, so a test
 * can tell energy since an attempt's start from the probe's running total.
 */
public final class FakeGpuProbe implements GpuProbe {

    public static final double WATTS = 300.0;
    public static final double JOULES_PER_READ = 30.0;

    private final AtomicInteger reads = new AtomicInteger();
    private volatile boolean closed;

    @Override
    public List<GpuSample> latest(List<Integer> indices) {
        double total = JOULES_PER_READ * reads.incrementAndGet();
        return indices.stream()
                .map(index -> new GpuSample(index, Optional.of(99.0), Optional.of(1L << 30), Optional.of(16L << 30),
                        Optional.of(WATTS), Optional.of(70.0), Optional.of(1800.0), Optional.of(total)))
                .toList();
    }

    @Override
    public void close() {
        closed = true;
    }

    public boolean isClosed() {
        return closed;
    }
}
