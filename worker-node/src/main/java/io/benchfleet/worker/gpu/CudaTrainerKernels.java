package io.benchfleet.worker.gpu;

import io.benchfleet.protocol.cluster.GpuDevice;

import java.util.List;
import java.util.Optional;

/**
 * Which GPUs the CUDA trainer can run on. libnd4jcuda.so of nd4j-cuda-11.6 1.0.0-M2.1 carries machine code
 * (SASS) for compute capabilities 3.7, 5.0, 5.2, 6.0, 6.1, 7.0, 7.5, 8.0 and 8.6 and no PTX (read from its 228
 * fat binaries, 2026-11-28), so the driver has nothing to compile for a newer GPU: every kernel launch on a
 * Hopper (9.0) or Blackwell GPU would fail. Machine code for X.y runs on X.z with z >= y, so 8.9 (Ada) is
 * covered by 8.6.
 */
public final class CudaTrainerKernels {

    private static final List<Capability> MACHINE_CODE = List.of(new Capability(3, 7), new Capability(5, 0),
            new Capability(5, 2), new Capability(6, 0), new Capability(6, 1), new Capability(7, 0), new Capability(7, 5),
            new Capability(8, 0), new Capability(8, 6));

    private record Capability(int major, int minor) {
        boolean runsOn(Capability device) {
            return device.major == major && device.minor >= minor;
        }
    }

    private CudaTrainerKernels() {
    }

    /** Why the CUDA trainer cannot use {@code gpu}; empty when it can, or when the driver did not say its capability. */
    public static Optional<String> missingFor(GpuDevice gpu) {
        String[] parts = gpu.computeCapability().split("\\.");
        if (parts.length != 2) {
            return Optional.empty();
        }
        try {
            var device = new Capability(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            return MACHINE_CODE.stream().anyMatch(code -> code.runsOn(device)) ? Optional.empty()
                    : Optional.of("gpu:" + gpu.index() + " " + gpu.name() + " has compute capability "
                    + gpu.computeCapability() + "; the CUDA trainer (nd4j-cuda 1.0.0-M2.1) has kernels for 3.7 to 8.x only");
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
