package io.benchfleet.metrics;

import io.benchfleet.protocol.cluster.ResourceSample;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SampleBufferTest {

    private static ResourceSample at(double seconds) {
        return ResourceSample.builder(seconds)
                .processCpuPercent(100.0).processRssBytes(1L).processHostCpuPercent(50.0).processThreads(10)
                .hostCpuPercent(50.0).hostUsedBytes(2L).hostAvailableBytes(3L).hostCoreCpuPercent(List.of(50.0, 50.0))
                .build();
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

        assertThat(drained.samples()).extracting(ResourceSample::secondsSinceStart).containsExactly(4.0, 5.0);
        assertThat(drained.dropped()).isEqualTo(3);
    }

    @Test
    void stampsEachSampleWithTheDropsOfTheWholeAttemptSoFar() {
        SampleBuffer buffer = new SampleBuffer(2);
        for (int second = 1; second <= 4; second++) {
            buffer.add(at(second));
        }
        buffer.drain();
        buffer.add(at(5));
        buffer.add(at(6));
        buffer.add(at(7));

        SampleBuffer.Drained drained = buffer.drain();

        assertThat(drained.dropped()).isEqualTo(1);
        // The newest sample is never dropped, so the last one received always carries the total.
        assertThat(drained.samples()).extracting(ResourceSample::samplesDropped).containsExactly(2L, 3L);
    }

    @Test
    void neverBlocksNorGrowsBeyondItsCapacity() {
        SampleBuffer buffer = new SampleBuffer(8);
        for (int second = 1; second <= 100_000; second++) {
            buffer.add(at(second));
        }

        SampleBuffer.Drained drained = buffer.drain();

        assertThat(drained.samples()).hasSize(8);
        assertThat(drained.dropped()).isEqualTo(100_000 - 8);
        assertThat(drained.samples().get(7).secondsSinceStart()).isEqualTo(100_000.0);
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
