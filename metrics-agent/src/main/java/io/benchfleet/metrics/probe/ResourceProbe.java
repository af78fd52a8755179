package io.benchfleet.metrics.probe;

import java.util.Optional;

/**
 * Reads CPU and memory of a process tree and of the host it runs on. CPU use is a rate, so every reading
 * covers the window since the previous reading of the same process (or since {@link #begin}); the probe keeps
 * the counters it needs for that per process.
 */
public interface ResourceProbe {

    /**
     * Takes the counters the first {@link #read} of {@code pid} is measured against.
     *
     * @return false when there is no such process
     */
    boolean begin(long pid);

    /**
     * CPU since the previous read or {@link #begin} of {@code pid} and its descendants, and memory now; empty
     * once the process is gone.
     */
    Optional<ResourceReading> read(long pid);

    /** Forgets the counters kept for {@code pid}. */
    void end(long pid);
}
