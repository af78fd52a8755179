package io.benchfleet.metrics.probe;

import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

import java.util.Optional;

/** Reads one process of a trainer's process tree at a sample: through OSHI, or on Linux from its stat line alone. */
sealed interface TreeProcessReader {

    /**
     * One process of the tree at one read.
     *
     * @param startTime when the process started, in a unit of the reader's own: it only tells a reused pid apart
     * @param cpuMillis user and kernel CPU time since the process started
     */
    record TreeProcess(long startTime, long cpuMillis, long rssBytes, int threads) {
    }

    /** The process {@code pid} now; empty when there is none or it is a zombie, which no longer runs. */
    Optional<TreeProcess> read(long pid);

    /**
     * Where there is {@code /proc}, a process's stat line holds all the probe needs; OSHI reads and parses several
     * files per process to fill an {@link OSProcess}, which dominated the agent's CPU use.
     */
    static TreeProcessReader forThisHost(OperatingSystem os) {
        return LinuxProc.of(os).<TreeProcessReader>map(linux -> new FromProcStat(linux.getHz(), linux.getPageSize()))
                .orElseGet(() -> new ThroughOshi(os));
    }

    /** Where there is no {@code /proc} (macOS, Windows). */
    record ThroughOshi(OperatingSystem os) implements TreeProcessReader {
        @Override
        public Optional<TreeProcess> read(long pid) {
            return Optional.ofNullable(os.getProcess(Math.toIntExact(pid)))
                    .filter(p -> p.getState() != OSProcess.State.ZOMBIE)
                    .map(p -> new TreeProcess(p.getStartTime(), p.getKernelTime() + p.getUserTime(),
                            p.getResidentMemory(), p.getThreadCount()));
        }
    }

    /** @param ticksPerSecond the kernel's clock ticks per second ({@code getconf CLK_TCK}) */
    record FromProcStat(long ticksPerSecond, long pageSize) implements TreeProcessReader {
        private static final long MILLIS_PER_SECOND = 1000;

        @Override
        public Optional<TreeProcess> read(long pid) {
            return ProcessStat.read(pid)
                    .filter(stat -> !stat.zombie())
                    .map(stat -> new TreeProcess(stat.startTicks(),
                            (stat.userTicks() + stat.systemTicks()) * MILLIS_PER_SECOND / ticksPerSecond,
                            stat.rssPages() * pageSize, stat.threads()));
        }
    }
}
