package io.benchfleet.protocol.cluster;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlotGpusTest {

    @Test
    void aGpuSlotUsesItsGpuAndACpuSlotNone() {
        assertThat(SlotGpus.of("gpu:3")).containsExactly(3);
        assertThat(SlotGpus.of("cpu")).isEmpty();
        assertThat(SlotGpus.of("gpu:x")).isEmpty();
    }
}
