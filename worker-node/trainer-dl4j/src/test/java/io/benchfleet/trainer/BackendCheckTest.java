package io.benchfleet.trainer;

import io.benchfleet.protocol.sweep.Device;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackendCheckTest {

    @Test
    void aGpuTaskOnTheCpuBackendIsAFailureNeverAResult() {
        assertThat(BackendCheck.problem(Device.GPU, "CPU, oneDNN, OpenBLAS Haswell kernels"))
                .hasValueSatisfying(problem -> assertThat(problem).startsWith("a gpu task got ND4J's CPU, oneDNN"));
    }

    @Test
    void eachDeviceOnItsOwnBackendIsFine() {
        assertThat(BackendCheck.problem(Device.GPU, "CUDA")).isEmpty();
        assertThat(BackendCheck.problem(Device.CPU, "CPU, oneDNN")).isEmpty();
    }

    @Test
    void aCpuTaskOnCudaIsRefusedToo() {
        assertThat(BackendCheck.problem(Device.CPU, "CUDA")).contains("a cpu task got ND4J's CUDA backend; expected CPU");
    }
}
