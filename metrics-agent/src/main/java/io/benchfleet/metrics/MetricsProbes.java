package io.benchfleet.metrics;

import io.benchfleet.metrics.energy.EnergyMeter;
import io.benchfleet.metrics.energy.RaplEnergyMeter;
import io.benchfleet.metrics.gpu.GpuProbe;
import io.benchfleet.metrics.gpu.NvidiaSmiGpuProbe;
import io.benchfleet.metrics.probe.OshiResourceProbe;
import io.benchfleet.metrics.probe.ResourceProbe;
import io.benchfleet.protocol.cluster.SlotName;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

/** Everything the metrics agent reads: processes and host, GPUs, CPU energy. The agent closes it when it stops. */
public record MetricsProbes(ResourceProbe resources, GpuProbe gpus, EnergyMeter cpuEnergy) implements AutoCloseable {

    /** The finest interval the agent samples at, so a GPU reading is never older than one sample. */
    static final Duration GPU_STREAM_PERIOD = Duration.ofMillis(100);

    /**
     * The probes of this machine for a worker node offering {@code slots}: {@code nvidiaSmi} (normally found on
     * the PATH) streams only when a slot is a GPU, and every probe that the host does not support reads nothing
     * instead of failing.
     */
    public static MetricsProbes ofThisHost(List<SlotName> slots, String nvidiaSmi) {
        GpuProbe gpus = slots.stream().anyMatch(slot -> !slot.gpus().isEmpty())
                ? NvidiaSmiGpuProbe.start(nvidiaSmi, GPU_STREAM_PERIOD, InstantSource.system())
                : GpuProbe.NONE;
        return new MetricsProbes(new OshiResourceProbe(), gpus, RaplEnergyMeter.open(RaplEnergyMeter.POWERCAP));
    }

    @Override
    public void close() {
        gpus.close();
    }
}
