package io.benchfleet.metrics.probe;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import oshi.SystemInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/** Measures real child processes, so each test takes a window of {@link #WINDOW}. */
class OshiResourceProbeTest {

    /** OSHI's process CPU counters tick every 10 ms; 1.5 s keeps the rounding error under 2 %. */
    private static final Duration WINDOW = Duration.ofMillis(1500);

    private static OshiResourceProbe probe;
    /** The probe as it was before the Linux fast path, to compare with. */
    private static OshiResourceProbe throughOshi;
    private final List<Process> children = new ArrayList<>();

    @BeforeAll
    static void createProbe() {
        probe = new OshiResourceProbe();
        throughOshi = new OshiResourceProbe(new TreeProcessReader.ThroughOshi(new SystemInfo().getOperatingSystem()));
    }

    @AfterEach
    void killChildren() throws InterruptedException {
        for (Process child : children) {
            child.descendants().forEach(ProcessHandle::destroyForcibly);
            child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private Process start(String... command) throws IOException {
        Process child = new ProcessBuilder(command).start();
        children.add(child);
        return child;
    }

    private static Duration treeCpuTime(Process parent) {
        return parent.descendants().map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(cpuTime(parent), Duration::plus);
    }

    private static Duration cpuTime(Process child) {
        return child.info().totalCpuDuration().orElseThrow();
    }

    @Test
    void readsABusyLoopAsOneFullCore() throws Exception {
        Process busy = start("sh", "-c", "while :; do :; done");
        long startNanos = System.nanoTime();
        Duration cpuBefore = cpuTime(busy);
        assertThat(probe.begin(busy.pid())).isTrue();

        Thread.sleep(WINDOW.toMillis());
        ResourceReading reading = probe.read(busy.pid()).orElseThrow();
        double kernelPercent = 100.0 * cpuTime(busy).minus(cpuBefore).toNanos() / (System.nanoTime() - startNanos);

        // On a crowded host the loop gets less than a core and one core cannot be told from all of them.
        assumeThat(kernelPercent).as("CPU share the kernel gave the loop").isGreaterThan(60.0);
        assertThat(reading.processTree().cpuPercent()).isBetween(60.0, 140.0).isCloseTo(kernelPercent, within(15.0));
        assertThat(reading.processTree().rssBytes()).isPositive();
        assertThat(reading.host().cpuPercent()).isBetween(0.0, 100.0);
        assertThat(reading.host().usedBytes()).isPositive();
        assertThat(reading.host().availableBytes()).isPositive();
        assertThat(reading.processTree().threads()).isGreaterThanOrEqualTo(1);
        assertThat(reading.host().coreCpuPercent()).hasSize(Runtime.getRuntime().availableProcessors())
                .allSatisfy(core -> assertThat(core).isBetween(0.0, 100.0));
        assertThat(reading.processTree().hostCpuPercent())
                .isCloseTo(reading.processTree().cpuPercent() / Runtime.getRuntime().availableProcessors(), within(1e-9));
    }

    @Test
    void readsTheHostBusyAtEverySampleOfATenthOfASecondWhileALoopSpins() throws Exception {
        Process busy = start("sh", "-c", "while :; do :; done");
        assertThat(probe.begin(busy.pid())).isTrue();
        List<Double> hostCpu = new ArrayList<>();
        for (int sample = 0; sample < 6; sample++) {
            Thread.sleep(100);
            hostCpu.add(probe.read(busy.pid()).orElseThrow().host().cpuPercent());
        }

        // A spinning loop keeps at least one core busy in every tenth of a second; OSHI's cached ticks read 0 %
        // in two samples out of three.
        assertThat(hostCpu).allSatisfy(percent -> assertThat(percent).isPositive());
    }

    @Test
    void countsTheCpuOfTheWholeProcessTree() throws Exception {
        Process parent = start("sh", "-c", "sh -c 'while :; do :; done' & wait");
        // Until the shell has forked its child there is no tree to list.
        Thread.sleep(300);
        assertThat(probe.begin(parent.pid())).isTrue();

        ResourceReading reading = readsTheTreeAsTheKernelDoesOverAWindow(parent);

        assertThat(reading.processTree().threads()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void findsAChildForkedAfterTheWatchBeganAtTheFirstRead() throws Exception {
        // The shell forks its busy child only once told to, after the watch began.
        Process parent = start("sh", "-c", "read go; sh -c 'while :; do :; done' & wait");
        assertThat(probe.begin(parent.pid())).isTrue();
        parent.getOutputStream().write("go\n".getBytes(StandardCharsets.US_ASCII));
        parent.getOutputStream().flush();
        await().atMost(Duration.ofSeconds(5)).until(() -> parent.descendants().findAny().isPresent());

        // Listed only at begin and then every TREE_RELIST, the child stayed unseen, and at 0 %, for 5 s.
        readsTheTreeAsTheKernelDoesOverAWindow(parent);
    }

    /**
     * Reads the watched tree of {@code parent}, whose child spins, once (the first read lists the tree; the child
     * counts from there), then again a {@link #WINDOW} later: the tree's CPU % over the window is what the kernel
     * gave it, where the kernel gave the loop enough to tell.
     */
    private static ResourceReading readsTheTreeAsTheKernelDoesOverAWindow(Process parent) throws InterruptedException {
        probe.read(parent.pid()).orElseThrow();
        long startNanos = System.nanoTime();
        Duration treeCpuBefore = treeCpuTime(parent);
        Thread.sleep(WINDOW.toMillis());
        ResourceReading reading = probe.read(parent.pid()).orElseThrow();
        double kernelPercent = 100.0 * treeCpuTime(parent).minus(treeCpuBefore).toNanos() / (System.nanoTime() - startNanos);

        assumeThat(kernelPercent).as("CPU share the kernel gave the child's loop").isGreaterThan(60.0);
        assertThat(reading.processTree().cpuPercent()).isCloseTo(kernelPercent, within(15.0));
        return reading;
    }

    @Test
    void readsASleepingProcessAsNearlyIdle() throws Exception {
        Process sleeping = start("sleep", "30");
        assertThat(probe.begin(sleeping.pid())).isTrue();

        Thread.sleep(WINDOW.toMillis());
        ResourceReading reading = probe.read(sleeping.pid()).orElseThrow();

        assertThat(reading.processTree().cpuPercent()).isBetween(0.0, 20.0);
        assertThat(reading.processTree().rssBytes()).isPositive();
    }

    @Test
    void readsNothingOnceTheProcessHasExited() throws Exception {
        Process sleeping = start("sleep", "30");
        assertThat(probe.begin(sleeping.pid())).isTrue();

        sleeping.destroyForcibly().waitFor(5, TimeUnit.SECONDS);

        assertThat(probe.read(sleeping.pid())).isEmpty();
        probe.end(sleeping.pid());
    }

    @Test
    void readsTheTestJvmAsOshiDoes() throws Exception {
        long self = ProcessHandle.current().pid();
        assertThat(throughOshi.begin(self)).isTrue();
        assertThat(probe.begin(self)).isTrue();

        Thread.sleep(WINDOW.toMillis());
        ResourceReading.ProcessTree oshi = throughOshi.read(self).orElseThrow().processTree();
        ResourceReading.ProcessTree fast = probe.read(self).orElseThrow().processTree();
        // The JVM starts and ends threads (compilers, GC) and grows and shrinks its heap: bracket the fast read.
        ResourceReading.ProcessTree oshiAfter = throughOshi.read(self).orElseThrow().processTree();
        probe.end(self);
        throughOshi.end(self);

        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(fast.cpuPercent()).isBetween(0.0, 100.0 * cores + 15.0).isCloseTo(oshi.cpuPercent(), within(15.0));
        long rssTolerance = TreeProcessReaderTest.rssTolerance(Math.max(oshi.rssBytes(), oshiAfter.rssBytes()));
        assertThat(fast.rssBytes()).isBetween(Math.min(oshi.rssBytes(), oshiAfter.rssBytes()) - rssTolerance,
                Math.max(oshi.rssBytes(), oshiAfter.rssBytes()) + rssTolerance);
        assertThat(fast.threads()).isBetween(Math.min(oshi.threads(), oshiAfter.threads()),
                Math.max(oshi.threads(), oshiAfter.threads()));
    }

    @Test
    void readsAForkedChildAsOshiDoes() throws Exception {
        Process sleeping = start("sleep", "30");
        assertThat(probe.begin(sleeping.pid())).isTrue();
        assertThat(throughOshi.begin(sleeping.pid())).isTrue();

        Thread.sleep(WINDOW.toMillis());
        ResourceReading.ProcessTree fast = probe.read(sleeping.pid()).orElseThrow().processTree();
        ResourceReading.ProcessTree oshi = throughOshi.read(sleeping.pid()).orElseThrow().processTree();

        assertThat(fast.cpuPercent()).isBetween(0.0, 5.0);
        assertThat(oshi.cpuPercent()).isBetween(0.0, 5.0);
        assertThat(fast.rssBytes()).isCloseTo(oshi.rssBytes(),
                within(TreeProcessReaderTest.rssTolerance(oshi.rssBytes())));
        assertThat(fast.threads()).isEqualTo(oshi.threads()).isEqualTo(1);
    }
}
