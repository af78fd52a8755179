package io.benchfleet.metrics;

import io.benchfleet.protocol.cluster.GpuSample;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the probes' running energy totals into energy since one attempt started. The first total seen is the
 * baseline: normally the one read at the attempt's start, later if a counter had no reading yet then.
 */
final class EnergyBaselines {

    private Optional<Double> cpu = Optional.empty();
    private final Map<Integer, Double> gpus = new HashMap<>();

    Optional<Double> cpuSinceStart(Optional<Double> total) {
        if (cpu.isEmpty()) {
            cpu = total;
        }
        return total.flatMap(joules -> cpu.map(base -> joules - base));
    }

    GpuSample gpuSinceStart(GpuSample reading) {
        return reading.withEnergyJoules(reading.energyJoules()
                .map(joules -> joules - gpus.computeIfAbsent(reading.index(), index -> joules)));
    }
}
