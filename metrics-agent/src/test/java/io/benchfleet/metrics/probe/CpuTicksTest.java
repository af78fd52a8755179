package io.benchfleet.metrics.probe;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CpuTicksTest {

    // user, nice, system, idle, iowait, irq, softirq, steal: OSHI's TickType order
    private static final long[] BEFORE = {100, 0, 50, 800, 50, 0, 0, 0};

    @Test
    void countsIdleAndIoWaitAsNotBusy() {
        long[] after = {160, 0, 70, 900, 70, 0, 0, 0};

        // 80 busy of 200 ticks
        assertThat(CpuTicks.busyShare(BEFORE, after)).isCloseTo(0.4, within(1e-12));
    }

    @Test
    void sumsTheCoresIntoTheHost() {
        long[][] cores = {{1, 2, 3, 4, 5, 6, 7, 8}, {10, 20, 30, 40, 50, 60, 70, 80}};

        assertThat(CpuTicks.total(cores)).containsExactly(11, 22, 33, 44, 55, 66, 77, 88);
    }

    @Test
    void readsNoTicksAsIdle() {
        assertThat(CpuTicks.busyShare(BEFORE, BEFORE)).isZero();
    }
}
