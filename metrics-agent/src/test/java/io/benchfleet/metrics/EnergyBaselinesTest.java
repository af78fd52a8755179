package io.benchfleet.metrics;

import io.benchfleet.protocol.cluster.GpuSample;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class EnergyBaselinesTest {

    private static GpuSample gpu(int index, double totalJoules) {
        return new GpuSample(index, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(totalJoules));
    }

    @Test
    void countsFromTheFirstTotalSeen() {
        EnergyBaselines baselines = new EnergyBaselines();

        assertThat(baselines.cpuSinceStart(Optional.empty())).isEmpty();
        assertThat(baselines.cpuSinceStart(Optional.of(500.0))).contains(0.0);
        assertThat(baselines.cpuSinceStart(Optional.of(520.0))).contains(20.0);
        assertThat(baselines.cpuSinceStart(Optional.empty())).isEmpty();
    }

    @Test
    void keepsABaselinePerGpu() {
        EnergyBaselines baselines = new EnergyBaselines();
        baselines.gpuSinceStart(gpu(0, 100.0));
        baselines.gpuSinceStart(gpu(1, 7000.0));

        assertThat(baselines.gpuSinceStart(gpu(0, 160.0)).energyJoules()).contains(60.0);
        assertThat(baselines.gpuSinceStart(gpu(1, 7010.0)).energyJoules()).contains(10.0);
    }
}
