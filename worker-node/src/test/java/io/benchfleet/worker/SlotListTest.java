package io.benchfleet.worker;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlotListTest {

    @Test
    void oneCpuSlotIsTheDefaultAndStaysAsGiven() {
        assertThat(SlotList.parse(List.of("cpu"))).containsExactly("cpu");
    }

    @Test
    void cpuTimesNExpandsToNumberedSlots() {
        assertThat(SlotList.parse(List.of("cpu*3"))).containsExactly("cpu:0", "cpu:1", "cpu:2");
    }

    @Test
    void numberedSlotsAreTakenAsGiven() {
        assertThat(SlotList.parse(List.of("cpu:0", "cpu:7"))).containsExactly("cpu:0", "cpu:7");
    }

    @Test
    void refusesASlotGivenTwice() {
        assertThatThrownBy(() -> SlotList.parse(List.of("cpu*2", "cpu:1")))
                .hasMessage("--slots: 'cpu:1' is given twice");
    }

    @Test
    void refusesWhatIsNotASlot() {
        for (String bad : List.of("gpu", "cpu*0", "cpu*x", "cpu:", "tpu:0")) {
            assertThatThrownBy(() -> SlotList.parse(List.of(bad)))
                    .hasMessage("--slots: '" + bad + "' is not a slot; expected cpu, cpu:N or cpu*N (N cpu slots, N >= 1)");
        }
    }
}
