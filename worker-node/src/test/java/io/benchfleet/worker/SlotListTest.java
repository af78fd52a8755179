package io.benchfleet.worker;

import io.benchfleet.protocol.cluster.GpuDevice;
import io.benchfleet.protocol.cluster.SlotName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlotListTest {

    private static final List<GpuDevice> TWO_GPUS = List.of(
            new GpuDevice(0, "NVIDIA H200", 143_771L << 20, "580.159.04", "9.0", "13.0"),
            new GpuDevice(1, "NVIDIA H200", 143_771L << 20, "580.159.04", "9.0", "13.0"));
    private static final Function<GpuDevice, Optional<String>> ANY_GPU = gpu -> Optional.empty();
    private static final Function<GpuDevice, Optional<String>> NO_CUDA_TRAINER =
            gpu -> Optional.of("gpu:" + gpu.index() + ": no CUDA trainer");
    private static final SlotList CPU_ONLY = new SlotList(List.of(), ANY_GPU);
    private static final SlotList WITH_CUDA = new SlotList(TWO_GPUS, ANY_GPU);

    @Test
    void oneCpuSlotIsTheDefaultWithoutGpus() {
        assertThat(names(CPU_ONLY.defaults())).containsExactly("cpu");
    }

    @Test
    void everyGpuFoundIsASlotBesideTheCpuByDefault() {
        assertThat(names(WITH_CUDA.defaults())).containsExactly("cpu", "gpu:0", "gpu:1");
    }

    @Test
    void gpusTheTrainerCannotUseAreLeftOutByDefaultWithTheReason() {
        var slots = new SlotList(TWO_GPUS, gpu -> gpu.index() == 0 ? Optional.of("gpu:0 is too new") : Optional.empty());

        assertThat(names(slots.defaults())).containsExactly("cpu", "gpu:1");
        assertThat(slots.leftOut()).containsExactly("gpu:0 is too new");
        assertThat(names(slots.parse(List.of("gpu")))).containsExactly("gpu:1");
    }

    @Test
    void cpuTimesNExpandsToNumberedSlots() {
        assertThat(names(CPU_ONLY.parse(List.of("cpu*3")))).containsExactly("cpu:0", "cpu:1", "cpu:2");
    }

    @Test
    void numberedSlotsAreTakenAsGiven() {
        assertThat(names(WITH_CUDA.parse(List.of("cpu:0", "cpu:7", "gpu:1")))).containsExactly("cpu:0", "cpu:7", "gpu:1");
    }

    @Test
    void gpuAloneMeansEveryGpuFound() {
        assertThat(names(WITH_CUDA.parse(List.of("gpu")))).containsExactly("gpu:0", "gpu:1");
    }

    @Test
    void refusesAGpuTheMachineDoesNotHave() {
        assertThatThrownBy(() -> WITH_CUDA.parse(List.of("gpu:2")))
                .hasMessage("--slots: 'gpu:2' names a GPU this machine does not have; nvidia-smi found"
                        + " gpu:0 NVIDIA H200, gpu:1 NVIDIA H200");
        assertThatThrownBy(() -> new SlotList(List.of(), ANY_GPU).parse(List.of("gpu")))
                .hasMessage("--slots: 'gpu': no GPU this node can train on; nvidia-smi found none");
    }

    @Test
    void refusesGpuSlotsTheTrainerCannotUseWithTheReason() {
        var slots = new SlotList(TWO_GPUS, NO_CUDA_TRAINER);

        assertThatThrownBy(() -> slots.parse(List.of("gpu:0"))).hasMessage("--slots: 'gpu:0' cannot be used: gpu:0: no CUDA trainer");
        assertThatThrownBy(() -> slots.parse(List.of("gpu"))).hasMessage("--slots: 'gpu': no GPU this node can train on;"
                + " gpu:0: no CUDA trainer; gpu:1: no CUDA trainer");
        assertThat(names(slots.defaults())).containsExactly("cpu");
    }

    @Test
    void refusesASlotGivenTwice() {
        assertThatThrownBy(() -> WITH_CUDA.parse(List.of("cpu*2", "cpu:1")))
                .hasMessage("--slots: 'cpu:1' is given twice");
        assertThatThrownBy(() -> WITH_CUDA.parse(List.of("gpu", "gpu:0")))
                .hasMessage("--slots: 'gpu:0' is given twice");
    }

    @Test
    void refusesWhatIsNotASlot() {
        for (String bad : List.of("cpu*0", "cpu*x", "cpu:", "gpu:", "gpu*2", "tpu:0")) {
            assertThatThrownBy(() -> CPU_ONLY.parse(List.of(bad)))
                    .hasMessage("--slots: '" + bad + "' is not a slot; expected cpu, cpu:N, cpu*N (N cpu slots, N >= 1),"
                            + " gpu:N (GPU N) or gpu (every GPU)");
        }
    }

    private static List<String> names(List<SlotName> slots) {
        return slots.stream().map(SlotName::toString).toList();
    }
}
