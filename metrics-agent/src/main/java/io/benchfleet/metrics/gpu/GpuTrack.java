package io.benchfleet.metrics.gpu;

import io.benchfleet.protocol.cluster.GpuSample;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One GPU's latest reading and the energy it drew since the first, by the trapezoid rule over consecutive
 * power readings. A reading without power adds nothing: the energy then under-counts rather than guesses.
 *
 * @param latest the latest reading, its energy the running total
 * @param at     when it was read
 */
record GpuTrack(GpuSample latest, Instant at) {

    static GpuTrack first(GpuSample reading, Instant at) {
        return new GpuTrack(reading.withEnergyJoules(Optional.of(0.0)), at);
    }

    GpuTrack next(GpuSample reading, Instant readAt) {
        double seconds = Duration.between(at, readAt).toNanos() / 1e9;
        double added = latest.powerWatts().isPresent() && reading.powerWatts().isPresent() && seconds > 0
                ? (latest.powerWatts().get() + reading.powerWatts().get()) / 2 * seconds
                : 0.0;
        double total = latest.energyJoules().orElse(0.0) + added;
        return new GpuTrack(reading.withEnergyJoules(Optional.of(total)), readAt);
    }
}
