package io.benchfleet.protocol.cluster;

import java.util.Optional;

import static io.benchfleet.protocol.cluster.Components.optionalOf;

/**
 * One GPU's reading within a {@link ResourceSample}. Every measure is optional: drivers answer
 * "[N/A]" or "[Not Supported]" for some of them (power on many consumer boards, utilisation under MIG).
 *
 * @param index             the GPU's index as the driver numbers it ({@code gpu:0} is index 0)
 * @param utilPercent       the share of the last sample period in which a kernel ran, 0-100
 * @param energyJoules      energy drawn since the attempt started, the integral of the power readings
 */
public record GpuSample(int index, Optional<Double> utilPercent, Optional<Long> memUsedBytes,
                        Optional<Long> memTotalBytes, Optional<Double> powerWatts,
                        Optional<Double> temperatureCelsius, Optional<Double> smClockMhz,
                        Optional<Double> energyJoules) {

    public GpuSample {
        optionalOf(utilPercent, Double.class, "a GPU sample's utilisation");
        optionalOf(memUsedBytes, Long.class, "a GPU sample's memory used");
        optionalOf(memTotalBytes, Long.class, "a GPU sample's memory total");
        optionalOf(powerWatts, Double.class, "a GPU sample's power");
        optionalOf(temperatureCelsius, Double.class, "a GPU sample's temperature");
        optionalOf(smClockMhz, Double.class, "a GPU sample's SM clock");
        optionalOf(energyJoules, Double.class, "a GPU sample's energy");
    }

    public GpuSample withEnergyJoules(Optional<Double> joules) {
        return new GpuSample(index, utilPercent, memUsedBytes, memTotalBytes, powerWatts, temperatureCelsius,
                smClockMhz, joules);
    }
}
