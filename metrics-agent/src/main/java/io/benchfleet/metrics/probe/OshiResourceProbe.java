package io.benchfleet.metrics.probe;

import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The probe for real processes, through OSHI. Each read is a few small {@code /proc} reads on Linux.
 * <p>
 * OSHI caches the host's tick counters and memory figures for 300 ms ({@code oshi.util.memoizer.expiration}),
 * so host CPU read at shorter intervals repeats or reads 0; the agent's intervals are a second or more.
 */
public final class OshiResourceProbe implements ResourceProbe {

    /** {@link OSProcess#getProcessCpuLoadBetweenTicks} returns 1.0 for one full core; samples use 100. */
    private static final double PERCENT = 100.0;

    private final OperatingSystem os;
    private final CentralProcessor processor;
    private final GlobalMemory memory;
    private final Map<Long, Snapshot> previous = new ConcurrentHashMap<>();

    private record Snapshot(OSProcess process, long[] hostTicks) {
    }

    public OshiResourceProbe() {
        SystemInfo systemInfo = new SystemInfo();
        this.os = systemInfo.getOperatingSystem();
        this.processor = systemInfo.getHardware().getProcessor();
        this.memory = systemInfo.getHardware().getMemory();
    }

    @Override
    public boolean begin(long pid) {
        Optional<OSProcess> process = find(pid);
        process.ifPresent(p -> previous.put(pid, new Snapshot(p, processor.getSystemCpuLoadTicks())));
        return process.isPresent();
    }

    @Override
    public Optional<ResourceReading> read(long pid) {
        Optional<Snapshot> before = Optional.ofNullable(previous.get(pid));
        Optional<OSProcess> found = find(pid).filter(p -> isSameProcess(p, before));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        OSProcess process = found.get();
        long[] hostTicks = processor.getSystemCpuLoadTicks();
        previous.put(pid, new Snapshot(process, hostTicks));
        // Without a baseline (read before begin) OSHI reports the process's CPU since it started (it takes
        // null for that), and zero ticks as the host baseline make the host's figure the average since boot.
        double processCpu = process.getProcessCpuLoadBetweenTicks(before.map(Snapshot::process).orElse(null));
        double hostCpu = processor.getSystemCpuLoadBetweenTicks(
                before.map(Snapshot::hostTicks).orElseGet(() -> new long[hostTicks.length]));
        return Optional.of(new ResourceReading(processCpu * PERCENT, process.getResidentSetSize(),
                hostCpu * PERCENT, memory.getTotal() - memory.getAvailable()));
    }

    @Override
    public void end(long pid) {
        previous.remove(pid);
    }

    private Optional<OSProcess> find(long pid) {
        // An exited child that its parent has not reaped yet is a zombie: it no longer runs.
        return Optional.ofNullable(os.getProcess(Math.toIntExact(pid)))
                .filter(p -> p.getState() != OSProcess.State.ZOMBIE);
    }

    /** The kernel reuses pids: a process with another start time is a stranger, ours has exited. */
    private static boolean isSameProcess(OSProcess process, Optional<Snapshot> before) {
        return before.map(s -> s.process().getStartTime() == process.getStartTime()).orElse(true);
    }
}
