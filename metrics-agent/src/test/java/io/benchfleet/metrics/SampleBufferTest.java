package io.benchfleet.metrics;

import io.benchfleet.protocol.cluster.ResourceSample;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SampleBufferTest {

    private static ResourceSample at(double seconds) {
        return new ResourceSample(seconds, 100.0, 1L, 50.0, 2L);
    }

    @Test
    void drainsSamplesInTheOrderTheyWereTaken() {
        SampleBuffer buffer = new SampleBuffer(4);
        buffer.add(at(1));
        buffer.add(at(2));

        SampleBuffer.Drained drained = buffer.drain();

        assertThat(drained.samples()).containsExactly(at(1), at(2));
        assertThat(drained.dropped()).isZero();
    }

    @Test
    void dropsTheOldestSamplesWhenFullAndCountsThem() {
        SampleBuffer buffer = new SampleBuffer(2);
        for (int second = 1; second <= 5; second++) {
            buffer.add(at(second));
        }

        SampleBuffer.Drained drained = buffer.drain();

        assertThat(drained.samples()).containsExactly(at(4), at(5));
        assertThat(drained.dropped()).isEqualTo(3);
    }

    @Test
    void drainingEmptiesTheBufferAndResetsTheDropCount() {
        SampleBuffer buffer = new SampleBuffer(1);
        buffer.add(at(1));
        buffer.add(at(2));
        buffer.drain();

        SampleBuffer.Drained next = buffer.drain();

        assertThat(next.samples()).isEmpty();
        assertThat(next.dropped()).isZero();
    }

    @Test
    void rejectsACapacityBelowOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SampleBuffer(0)).withMessageContaining("was 0");
    }
}
