package io.benchfleet.protocol.cluster;

import io.benchfleet.protocol.sweep.Device;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlotNameTest {

    @Test
    void aGpuSlotUsesItsGpuAndACpuSlotNone() {
        assertThat(SlotName.gpu(3).gpus()).containsExactly(3);
        assertThat(SlotName.cpu().gpus()).isEmpty();
        assertThat(SlotName.cpu(2).gpus()).isEmpty();
    }

    @Test
    void parsesTheNamesItPrints() {
        for (SlotName slot : new SlotName[]{SlotName.cpu(), SlotName.cpu(12), SlotName.gpu(0)}) {
            assertThat(SlotName.parse(slot.toString())).contains(slot);
        }
        assertThat(SlotName.parse("gpu:1").orElseThrow().device()).isEqualTo(Device.GPU);
    }

    @Test
    void refusesWhatIsNotASlotName() {
        assertThat(SlotName.parse("gpu")).isEmpty();
        assertThat(SlotName.parse("gpu:x")).isEmpty();
        assertThat(SlotName.parse("tpu:0")).isEmpty();
        assertThat(SlotName.parse("cpu:-1")).isEmpty();
        assertThat(SlotName.parse("")).isEmpty();
    }

    @Test
    void aGpuSlotWithoutItsGpuCannotBeMade() {
        assertThatThrownBy(() -> new SlotName(Device.GPU, java.util.Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gpu:N");
    }
}
