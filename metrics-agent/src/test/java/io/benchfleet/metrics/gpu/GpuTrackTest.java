package io.benchfleet.metrics.gpu;

import io.benchfleet.protocol.cluster.GpuSample;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GpuTrackTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static GpuSample drawing(Optional<Double> watts) {
        return new GpuSample(0, Optional.of(50.0), Optional.empty(), Optional.empty(), watts, Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    @Test
    void integratesPowerByTheTrapezoidRule() {
        GpuTrack track = GpuTrack.first(drawing(Optional.of(100.0)), T0)
                .next(drawing(Optional.of(300.0)), T0.plusMillis(500))
                .next(drawing(Optional.of(300.0)), T0.plusMillis(1500));

        // (100 + 300) / 2 * 0.5 s + 300 * 1 s
        assertThat(track.latest().energyJoules().orElseThrow()).isCloseTo(400.0, within(1e-9));
        assertThat(track.at()).isEqualTo(T0.plusMillis(1500));
    }

    @Test
    void aReadingWithoutPowerAddsNothing() {
        GpuTrack track = GpuTrack.first(drawing(Optional.of(100.0)), T0)
                .next(drawing(Optional.empty()), T0.plusSeconds(1))
                .next(drawing(Optional.of(100.0)), T0.plusSeconds(2));

        assertThat(track.latest().energyJoules()).contains(0.0);
    }
}
