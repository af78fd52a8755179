package io.benchfleet.worker.gpu;

import io.benchfleet.protocol.cluster.GpuDevice;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CudaTrainerKernelsTest {

    private static GpuDevice gpu(String name, String capability) {
        return new GpuDevice(0, name, 16L << 30, "580.159.04", capability, "13.0");
    }

    @Test
    void theStudiesGpusAndAmpereAndAdaHaveKernels() {
        for (GpuDevice gpu : new GpuDevice[] {gpu("GeForce 840M", "5.0"), gpu("Tesla T4", "7.5"),
                gpu("NVIDIA A100-SXM4-40GB", "8.0"), gpu("NVIDIA GeForce RTX 3060 Ti", "8.6"),
                gpu("NVIDIA GeForce RTX 4090", "8.9")}) {
            assertThat(CudaTrainerKernels.missingFor(gpu)).as(gpu.name()).isEmpty();
        }
    }

    @Test
    void hopperHasNone() {
        assertThat(CudaTrainerKernels.missingFor(gpu("NVIDIA H200", "9.0"))).hasValue("gpu:0 NVIDIA H200 has compute"
                + " capability 9.0; the CUDA trainer (nd4j-cuda 1.0.0-M2.1) has kernels for 3.7 to 8.x only");
    }

    @Test
    void olderThanTheOldestKernelHasNone() {
        assertThat(CudaTrainerKernels.missingFor(gpu("Tesla K20", "3.5"))).isPresent();
    }

    @Test
    void anUnknownCapabilityIsGivenTheBenefitOfTheDoubt() {
        assertThat(CudaTrainerKernels.missingFor(gpu("Tesla T4", ""))).isEmpty();
    }
}
