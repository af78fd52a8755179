package io.benchfleet.coordinator.queue;

import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.protocol.cluster.GpuDevice;
import io.benchfleet.protocol.cluster.HostInfo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AttemptDeviceTest {

    private static final HostInfo GPU_HOST = new HostInfo("gpu-1", "Linux", "Intel Xeon Platinum 8480+", 16, 128L << 30,
            "17", List.of(new GpuDevice(0, "NVIDIA H200", 143_771L << 20, "580.159.04", "9.0", "13.0"),
            new GpuDevice(1, "NVIDIA H100 80GB HBM3", 81_559L << 20, "580.159.04", "9.0", "13.0")));

    @Test
    void aGpuSlotIsItsGpuWithDriverAndCudaVersions() {
        assertThat(AttemptDevice.of(Optional.of(GPU_HOST), SlotName.gpu(1)))
                .isEqualTo(new AttemptDevice("NVIDIA H100 80GB HBM3", "580.159.04", "13.0"));
    }

    @Test
    void aCpuSlotIsTheMachinesCpuAndCores() {
        assertThat(AttemptDevice.of(Optional.of(GPU_HOST), SlotName.cpu()))
                .isEqualTo(new AttemptDevice("Intel Xeon Platinum 8480+, 16 cores", "", ""));
    }

    @Test
    void aWorkerNodeThatDidNotRegisterNamesNoDevice() {
        assertThat(AttemptDevice.of(Optional.empty(), SlotName.gpu(0))).isEqualTo(AttemptDevice.NONE);
    }
}
