package io.benchfleet.metrics.probe;

import io.benchfleet.metrics.probe.TreeProcessReader.TreeProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import oshi.SystemInfo;
import oshi.hardware.HardwareAbstractionLayer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/** The Linux fast path against OSHI's reading of the same processes; runs only where there is {@code /proc}. */
class TreeProcessReaderTest {

    private static final TreeProcessReader OSHI = new TreeProcessReader.ThroughOshi(
            new SystemInfo().getOperatingSystem());
    private static TreeProcessReader procStat;
    private final List<Process> children = new ArrayList<>();

    @BeforeAll
    static void onlyWithProc() {
        assumeThat(Files.isReadable(Path.of("/proc/self/stat"))).as("a host with /proc").isTrue();
        procStat = TreeProcessReader.forThisHost(new SystemInfo().getOperatingSystem());
    }

    @AfterEach
    void killChildren() throws InterruptedException {
        for (Process child : children) {
            child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private Process start(String... command) throws IOException {
        Process child = new ProcessBuilder(command).start();
        children.add(child);
        return child;
    }

    @Test
    void readsTheStatLineWithTheKernelsTicksAndPageSize() throws Exception {
        assertThat(procStat).isEqualTo(new TreeProcessReader.FromProcStat(getconf("CLK_TCK"), getconf("PAGESIZE")));
    }

    @Test
    void readsTheTestJvmAsOshiDoes() {
        long self = ProcessHandle.current().pid();
        // The JVM starts and ends threads (compilers, GC) and grows and shrinks its heap: bracket the fast read.
        TreeProcess before = OSHI.read(self).orElseThrow();
        TreeProcess fast = procStat.read(self).orElseThrow();
        TreeProcess after = OSHI.read(self).orElseThrow();

        assertThat(fast.threads()).isBetween(Math.min(before.threads(), after.threads()),
                Math.max(before.threads(), after.threads()));
        long rssTolerance = rssTolerance(Math.max(before.rssBytes(), after.rssBytes()));
        assertThat(fast.rssBytes()).isBetween(Math.min(before.rssBytes(), after.rssBytes()) - rssTolerance,
                Math.max(before.rssBytes(), after.rssBytes()) + rssTolerance);
        // CPU time counts in ticks of 10 ms.
        assertThat(fast.cpuMillis()).isBetween(before.cpuMillis() - 10, after.cpuMillis() + 10);
        assertThat(procStat.read(self).orElseThrow().startTime()).isEqualTo(fast.startTime());
    }

    @Test
    void readsAForkedChildAsOshiDoes() throws Exception {
        Process sleeping = start("sleep", "30");
        // Until the child has exec'd sleep it is a copy of this JVM.
        await().atMost(Duration.ofSeconds(5)).until(() -> sleeping.info().command().orElse("").endsWith("sleep"));

        TreeProcess oshi = OSHI.read(sleeping.pid()).orElseThrow();
        TreeProcess fast = procStat.read(sleeping.pid()).orElseThrow();

        assertThat(fast.threads()).isEqualTo(oshi.threads()).isEqualTo(1);
        assertThat(fast.rssBytes()).isCloseTo(oshi.rssBytes(), within(rssTolerance(oshi.rssBytes())));
        assertThat(fast.cpuMillis()).isCloseTo(oshi.cpuMillis(), within(10L));
        assertThat(fast.startTime()).as("tells the child from the JVM")
                .isNotEqualTo(procStat.read(ProcessHandle.current().pid()).orElseThrow().startTime());
    }

    @Test
    void readsNothingOfAZombie() throws Exception {
        // The shell forks a child that exits at once and becomes sleep, which never reaps it.
        Process parent = start("sh", "-c", "sleep 0 & exec sleep 30");
        long zombie = await().atMost(Duration.ofSeconds(5)).until(() -> parent.children()
                        .map(ProcessHandle::pid)
                        .filter(pid -> ProcessStat.read(pid).map(ProcessStat::zombie).orElse(false))
                        .findFirst().orElse(-1L),
                pid -> pid > 0);

        assertThat(procStat.read(zombie)).isEmpty();
        assertThat(OSHI.read(zombie)).isEmpty();
        assertThat(procStat.read(parent.pid())).isPresent();
    }

    /**
     * How far the fast path's RSS of a process may be from OSHI's: 3 %, for what changes between the reads, and what
     * the kernel has not yet counted: it counts resident pages per CPU and adds them to the total that the stat line
     * shows in batches of max(32, 2 × CPUs) pages, where statm, which OSHI reads, may show the exact sum.
     */
    static long rssTolerance(long rssBytes) {
        HardwareAbstractionLayer hardware = new SystemInfo().getHardware();
        long cpus = hardware.getProcessor().getLogicalProcessorCount();
        return rssBytes * 3 / 100 + cpus * Math.max(32, 2 * cpus) * hardware.getMemory().getPageSize();
    }

    private static long getconf(String name) throws Exception {
        Process getconf = new ProcessBuilder("getconf", name).start();
        String value = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assumeThat(getconf.waitFor()).as("getconf " + name).isZero();
        return Long.parseLong(value);
    }
}
