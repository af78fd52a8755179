package io.benchfleet.metrics.probe;

import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.Sensors;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The probe for real process trees, through OSHI. Each read is a few small {@code /proc} reads per process of
 * the tree on Linux.
 * <p>
 * CPU % is the CPU time the tree's processes gained between two reads over the wall time between them, not
 * OSHI's since-start average. Listing a process's descendants scans all of {@code /proc}, so the tree is
 * listed again only every {@link #TREE_RELIST}; a trainer JVM rarely forks, and a child found late counts from
 * the read that finds it. OSHI caches the host's memory and sensor figures for 300 ms
 * ({@code oshi.util.memoizer.expiration}), so at 100 ms intervals those repeat.
 * <p>
 * Some OSHI reads cost far more than the rest, which matters at 10 Hz (bench/metrics-overhead): where a host has
 * no temperature sensor in sysfs (most VMs) OSHI starts {@code vcgencmd} at every attempt to find one, so a host
 * without one at start is never asked again; without cpufreq in sysfs the frequency comes from parsing all of
 * {@code /proc/cpuinfo}, so it and the load average (a one-minute mean anyway) are read at most every
 * {@link #SLOW_FIGURES_REREAD}; and the host's ticks are the sum of the cores' ticks, one {@code /proc/stat} read
 * per sample instead of four.
 */
public final class OshiResourceProbe implements ResourceProbe {

    static final Duration TREE_RELIST = Duration.ofSeconds(5);
    static final Duration SLOW_FIGURES_REREAD = Duration.ofSeconds(1);
    private static final double PERCENT = 100.0;
    private static final double HZ_PER_MHZ = 1e6;

    private final OperatingSystem os;
    private final CentralProcessor processor;
    private final GlobalMemory memory;
    private final Sensors sensors;
    private final boolean temperatureSensor;
    private final Map<Long, Tree> trees = new ConcurrentHashMap<>();
    private SlowFigures slowFigures = new SlowFigures(Optional.empty(), Optional.empty(), Long.MIN_VALUE);

    /** A process's CPU time at the previous read; the start time tells a reused pid from the same process. */
    private record Member(long startTime, long cpuMillis) {
    }

    /** Host figures that change slowly, and when they were read. */
    private record SlowFigures(Optional<Double> loadAverage, Optional<Double> frequencyMhz, long readNanos) {
    }

    /** What the next read of one watched tree is measured against. */
    private static final class Tree {
        final long rootStartTime;
        Map<Long, Member> members;
        List<Long> descendants;
        long descendantsListedNanos;
        long readNanos;
        long[][] coreTicks;

        Tree(long rootStartTime) {
            this.rootStartTime = rootStartTime;
        }
    }

    public OshiResourceProbe() {
        SystemInfo systemInfo = new SystemInfo();
        this.os = systemInfo.getOperatingSystem();
        this.processor = systemInfo.getHardware().getProcessor();
        this.memory = systemInfo.getHardware().getMemory();
        this.sensors = systemInfo.getHardware().getSensors();
        this.temperatureSensor = readTemperature().isPresent();
    }

    @Override
    public boolean begin(long pid) {
        Optional<OSProcess> root = find(pid);
        root.ifPresent(process -> {
            Tree tree = new Tree(process.getStartTime());
            listDescendants(pid, tree, System.nanoTime());
            tree.members = snapshot(members(process, tree));
            tree.readNanos = System.nanoTime();
            tree.coreTicks = processor.getProcessorCpuLoadTicks();
            trees.put(pid, tree);
        });
        return root.isPresent();
    }

    @Override
    public Optional<ResourceReading> read(long pid) {
        Tree tree = trees.get(pid);
        Optional<OSProcess> root = find(pid).filter(p -> tree != null && p.getStartTime() == tree.rootStartTime);
        if (root.isEmpty()) {
            return Optional.empty();
        }
        long now = System.nanoTime();
        if (now - tree.descendantsListedNanos >= TREE_RELIST.toNanos()) {
            listDescendants(pid, tree, now);
        }
        List<OSProcess> members = members(root.get(), tree);
        double windowMillis = (now - tree.readNanos) / 1e6;
        long cpuMillis = members.stream().mapToLong(p -> cpuMillisSince(p, tree.members)).sum();
        double processCpu = windowMillis > 0 ? PERCENT * cpuMillis / windowMillis : 0.0;
        long[][] coreTicks = processor.getProcessorCpuLoadTicks();
        double hostCpu = PERCENT * CpuTicks.busyShare(CpuTicks.total(tree.coreTicks), CpuTicks.total(coreTicks));
        List<Double> cores = new ArrayList<>(coreTicks.length);
        for (int core = 0; core < coreTicks.length && core < tree.coreTicks.length; core++) {
            cores.add(PERCENT * CpuTicks.busyShare(tree.coreTicks[core], coreTicks[core]));
        }
        tree.members = snapshot(members);
        tree.readNanos = now;
        tree.coreTicks = coreTicks;
        SlowFigures slow = slowFigures(now);
        long available = memory.getAvailable();
        var processTree = new ResourceReading.ProcessTree(processCpu,
                members.stream().mapToLong(OSProcess::getResidentMemory).sum(),
                processCpu / processor.getLogicalProcessorCount(),
                members.stream().mapToInt(OSProcess::getThreadCount).sum());
        var host = new ResourceReading.Host(hostCpu, memory.getTotal() - available, available, slow.loadAverage(),
                cores, temperatureSensor ? readTemperature() : Optional.empty(), slow.frequencyMhz());
        return Optional.of(new ResourceReading(processTree, host));
    }

    @Override
    public void end(long pid) {
        trees.remove(pid);
    }

    private Optional<OSProcess> find(long pid) {
        // An exited child that its parent has not reaped yet is a zombie: it no longer runs.
        return Optional.ofNullable(os.getProcess(Math.toIntExact(pid)))
                .filter(p -> p.getState() != OSProcess.State.ZOMBIE);
    }

    private static void listDescendants(long pid, Tree tree, long now) {
        tree.descendants = ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants)
                .map(ProcessHandle::pid).toList();
        tree.descendantsListedNanos = now;
    }

    private List<OSProcess> members(OSProcess root, Tree tree) {
        return Stream.concat(Stream.of(root), tree.descendants.stream().map(this::find)
                        .flatMap(Optional::stream))
                .toList();
    }

    private static Map<Long, Member> snapshot(List<OSProcess> members) {
        Map<Long, Member> snapshot = new HashMap<>();
        members.forEach(p -> snapshot.put((long) p.getProcessID(),
                new Member(p.getStartTime(), p.getKernelTime() + p.getUserTime())));
        return snapshot;
    }

    /** A process not in the previous snapshot (new, or found late) counts from now on. */
    private static long cpuMillisSince(OSProcess process, Map<Long, Member> previous) {
        Member before = previous.get((long) process.getProcessID());
        if (before == null || before.startTime() != process.getStartTime()) {
            return 0;
        }
        return Math.max(0, process.getKernelTime() + process.getUserTime() - before.cpuMillis());
    }

    private SlowFigures slowFigures(long now) {
        if (slowFigures.readNanos() == Long.MIN_VALUE || now - slowFigures.readNanos() >= SLOW_FIGURES_REREAD.toNanos()) {
            double load = processor.getSystemLoadAverage(1)[0];
            var known = Arrays.stream(processor.getCurrentFreq()).filter(hz -> hz > 0).summaryStatistics();
            slowFigures = new SlowFigures(load >= 0 ? Optional.of(load) : Optional.empty(),
                    known.getCount() > 0 ? Optional.of(known.getAverage() / HZ_PER_MHZ) : Optional.empty(), now);
        }
        return slowFigures;
    }

    /** OSHI reads 0 or NaN where no sensor is exposed, as in most VMs. */
    private Optional<Double> readTemperature() {
        double celsius = sensors.getCpuTemperature();
        return celsius > 0 && Double.isFinite(celsius) ? Optional.of(celsius) : Optional.empty();
    }
}
