package io.benchfleet.metrics.probe;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A probe over made-up processes. Each reading's RSS is the pid, so a test can tell whose sample it holds.
 * Thread-safe: the test thread ends processes while the agent reads.
 */
public final class FakeResourceProbe implements ResourceProbe {

    public static final double PROCESS_CPU_PERCENT = 100.0;
    public static final double HOST_CPU_PERCENT = 50.0;
    public static final long HOST_USED_BYTES = 4L << 30;
    public static final int THREADS = 12;

    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private final Set<Long> ended = ConcurrentHashMap.newKeySet();
    private final Set<Long> read = ConcurrentHashMap.newKeySet();

    public FakeResourceProbe(long... runningPids) {
        for (long pid : runningPids) {
            running.add(pid);
        }
    }

    /** The process exits. */
    public void exit(long pid) {
        running.remove(pid);
    }

    /** Whether the agent called {@link #read} for {@code pid}: it has taken a sample of it. */
    public boolean wasRead(long pid) {
        return read.contains(pid);
    }

    /** Whether the agent called {@link #end} for {@code pid}. */
    public boolean wasEnded(long pid) {
        return ended.contains(pid);
    }

    @Override
    public boolean begin(long pid) {
        return running.contains(pid);
    }

    @Override
    public Optional<ResourceReading> read(long pid) {
        read.add(pid);
        return running.contains(pid)
                ? Optional.of(new ResourceReading(
                        new ResourceReading.ProcessTree(PROCESS_CPU_PERCENT, pid, PROCESS_CPU_PERCENT / 2, THREADS),
                        new ResourceReading.Host(HOST_CPU_PERCENT, HOST_USED_BYTES, HOST_USED_BYTES, Optional.empty(),
                                List.of(HOST_CPU_PERCENT, HOST_CPU_PERCENT), Optional.empty(), Optional.empty())))
                : Optional.empty();
    }

    @Override
    public void end(long pid) {
        ended.add(pid);
    }
}
