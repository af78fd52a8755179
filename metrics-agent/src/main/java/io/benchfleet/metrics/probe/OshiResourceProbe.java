package io.benchfleet.metrics.probe;

import io.benchfleet.metrics.probe.TreeProcessReader.TreeProcess;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.Sensors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The probe for real process trees: the host through OSHI, and each process of the tree on Linux from one read of
 * its {@code /proc/<pid>/stat} line, elsewhere through OSHI too ({@link TreeProcessReader}). OSHI reads and parses
 * some five {@code /proc} files per process to build an {@code OSProcess}, every sample, for the trainer and each
 * descendant: on a 2-core VM with 10 slots the agent took about 21 % of the node's CPU, most of it there. The stat
 * line alone cut a read of an 11-process tree from about 960 to 190 µs of CPU, and the agent's own use at 10 Hz
 * watching one process (bench/metrics-overhead) from 1.02 to 0.79 % of a core.
 * <p>
 * CPU % is the CPU time the tree's processes gained between two reads over the wall time between them, not
 * OSHI's since-start average. Listing a process's descendants scans all of {@code /proc} (about 1.8 ms of CPU with
 * ten trainers on a 2-core VM), so the tree is listed at the first read and then every {@link #TREE_RELIST}; a
 * trainer JVM rarely forks, and a child found late counts from the read that finds it. Not at {@link #begin}: the
 * worker node begins watching a trainer the moment it started it, before it could have forked anything, so a
 * listing there found nothing and cost as much as a whole second of sampling. OSHI caches the host's memory and
 * sensor figures for 300 ms ({@code oshi.util.memoizer.expiration}), so at 100 ms intervals those repeat, and trees
 * read within 300 ms of each other share one read of the host; the CPU ticks are read at every sample
 * ({@link HostCoreTicks}).
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

    private final TreeProcessReader processes;
    private final CentralProcessor processor;
    private final Supplier<long[][]> coreTicks;
    private final GlobalMemory memory;
    private final Sensors sensors;
    private final boolean temperatureSensor;
    private final Map<Long, Tree> trees = new ConcurrentHashMap<>();
    private SlowFigures slowFigures = new SlowFigures(Optional.empty(), Optional.empty(), Long.MIN_VALUE);

    /** Host figures that change slowly, and when they were read. */
    private record SlowFigures(Optional<Double> loadAverage, Optional<Double> frequencyMhz, long readNanos) {
    }

    /** What the next read of one watched tree is measured against. */
    private static final class Tree {
        final long rootStartTime;
        /** The tree's processes at the previous read, by pid. */
        Map<Long, TreeProcess> members;
        List<Long> descendants = List.of();
        /** Empty until the first read lists them. */
        Optional<Long> descendantsListedNanos = Optional.empty();
        long readNanos;
        long[][] coreTicks;

        Tree(long rootStartTime) {
            this.rootStartTime = rootStartTime;
        }
    }

    public OshiResourceProbe() {
        this(TreeProcessReader.forThisHost(new SystemInfo().getOperatingSystem()));
    }

    OshiResourceProbe(TreeProcessReader processes) {
        SystemInfo systemInfo = new SystemInfo();
        this.processes = processes;
        this.processor = systemInfo.getHardware().getProcessor();
        this.coreTicks = HostCoreTicks.forThisHost(systemInfo.getOperatingSystem(), processor);
        this.memory = systemInfo.getHardware().getMemory();
        this.sensors = systemInfo.getHardware().getSensors();
        this.temperatureSensor = readTemperature().isPresent();
    }

    @Override
    public boolean begin(long pid) {
        Optional<TreeProcess> root = processes.read(pid);
        root.ifPresent(process -> {
            Tree tree = new Tree(process.startTime());
            tree.members = members(pid, process, tree);
            tree.readNanos = System.nanoTime();
            tree.coreTicks = coreTicks.get();
            trees.put(pid, tree);
        });
        return root.isPresent();
    }

    @Override
    public Optional<ResourceReading> read(long pid) {
        Tree tree = trees.get(pid);
        Optional<TreeProcess> root = processes.read(pid)
                .filter(p -> tree != null && p.startTime() == tree.rootStartTime);
        if (root.isEmpty()) {
            return Optional.empty();
        }
        long now = System.nanoTime();
        if (tree.descendantsListedNanos.map(listed -> now - listed >= TREE_RELIST.toNanos()).orElse(true)) {
            listDescendants(pid, tree, now);
        }
        Map<Long, TreeProcess> members = members(pid, root.get(), tree);
        double windowMillis = (now - tree.readNanos) / 1e6;
        long cpuMillis = members.entrySet().stream()
                .mapToLong(member -> cpuMillisSince(member.getKey(), member.getValue(), tree.members)).sum();
        double processCpu = windowMillis > 0 ? PERCENT * cpuMillis / windowMillis : 0.0;
        long[][] coreTicks = this.coreTicks.get();
        double hostCpu = PERCENT * CpuTicks.busyShare(CpuTicks.total(tree.coreTicks), CpuTicks.total(coreTicks));
        List<Double> cores = new ArrayList<>(coreTicks.length);
        for (int core = 0; core < coreTicks.length && core < tree.coreTicks.length; core++) {
            cores.add(PERCENT * CpuTicks.busyShare(tree.coreTicks[core], coreTicks[core]));
        }
        tree.members = members;
        tree.readNanos = now;
        tree.coreTicks = coreTicks;
        SlowFigures slow = slowFigures(now);
        long available = memory.getAvailable();
        var processTree = new ResourceReading.ProcessTree(processCpu,
                members.values().stream().mapToLong(TreeProcess::rssBytes).sum(),
                processCpu / processor.getLogicalProcessorCount(),
                members.values().stream().mapToInt(TreeProcess::threads).sum());
        var host = new ResourceReading.Host(hostCpu, memory.getTotal() - available, available, slow.loadAverage(),
                cores, temperatureSensor ? readTemperature() : Optional.empty(), slow.frequencyMhz());
        return Optional.of(new ResourceReading(processTree, host));
    }

    @Override
    public void end(long pid) {
        trees.remove(pid);
    }

    private static void listDescendants(long pid, Tree tree, long now) {
        tree.descendants = ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants)
                .map(ProcessHandle::pid).toList();
        tree.descendantsListedNanos = Optional.of(now);
    }

    /** The root and those of its listed descendants that still run, by pid. */
    private Map<Long, TreeProcess> members(long pid, TreeProcess root, Tree tree) {
        Map<Long, TreeProcess> members = new LinkedHashMap<>();
        members.put(pid, root);
        tree.descendants.forEach(descendant -> processes.read(descendant)
                .ifPresent(process -> members.put(descendant, process)));
        return members;
    }

    /**
     * A process not in the previous read (new, or found late) counts from now on; the start time tells a reused
     * pid from the same process.
     */
    private static long cpuMillisSince(long pid, TreeProcess process, Map<Long, TreeProcess> previous) {
        TreeProcess before = previous.get(pid);
        if (before == null || before.startTime() != process.startTime()) {
            return 0;
        }
        return Math.max(0, process.cpuMillis() - before.cpuMillis());
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
