package io.benchfleet.metrics.probe;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

/** Measures real child processes, so each test takes a window of {@link #WINDOW}. */
class OshiResourceProbeTest {

    /** OSHI's process CPU counters tick every 10 ms; 1.5 s keeps the rounding error under 2 %. */
    private static final Duration WINDOW = Duration.ofMillis(1500);

    private static OshiResourceProbe probe;
    private final List<Process> children = new ArrayList<>();

    @BeforeAll
    static void createProbe() {
        probe = new OshiResourceProbe();
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
    void countsTheCpuOfTheWholeProcessTree() throws Exception {
        Process parent = start("sh", "-c", "sh -c 'while :; do :; done' & wait");
        // Until the shell has forked its child there is no tree to list.
        Thread.sleep(300);
        long startNanos = System.nanoTime();
        Duration treeCpuBefore = treeCpuTime(parent);
        assertThat(probe.begin(parent.pid())).isTrue();

        Thread.sleep(WINDOW.toMillis());
        ResourceReading reading = probe.read(parent.pid()).orElseThrow();
        double kernelPercent = 100.0 * treeCpuTime(parent).minus(treeCpuBefore).toNanos() / (System.nanoTime() - startNanos);

        assumeThat(kernelPercent).as("CPU share the kernel gave the child's loop").isGreaterThan(60.0);
        assertThat(reading.processTree().cpuPercent()).isCloseTo(kernelPercent, within(15.0));
        assertThat(reading.processTree().threads()).isGreaterThanOrEqualTo(2);
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
}
