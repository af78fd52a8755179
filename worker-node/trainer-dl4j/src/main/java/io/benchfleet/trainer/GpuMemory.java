package io.benchfleet.trainer;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

import java.util.Optional;

/**
 * The memory in use on the GPU that ND4J's CUDA backend trains on: the device's total less its free memory, as the
 * CUDA driver counts them (cudaMemGetInfo, what nvidia-smi shows). That is the process's whole footprint on its GPU,
 * ND4J's workspaces and caches and the CUDA context included, which ND4J's own allocation count leaves out; the slot's
 * GPU is the trainer's alone ({@code CUDA_VISIBLE_DEVICES}). NativeOps is the backend-neutral interface the CPU
 * backend implements too, so no CUDA class is loaded on a CPU; one call per epoch.
 */
final class GpuMemory {

    private final NativeOps device;
    private final int index;
    private final long totalBytes;

    private GpuMemory(NativeOps device, int index) {
        this.device = device;
        this.index = index;
        this.totalBytes = device.getDeviceTotalMemory(index);
    }

    /** The GPU of the calling thread, which trains; empty on ND4J's CPU backend. */
    static Optional<GpuMemory> ofBackend() {
        if (Nd4j.getEnvironment().isCPU()) {
            return Optional.empty();
        }
        return Optional.of(new GpuMemory(NativeOpsHolder.getInstance().getDeviceNativeOps(),
                Nd4j.getAffinityManager().getDeviceForCurrentThread()));
    }

    long usedBytes() {
        return totalBytes - device.getDeviceFreeMemory(index);
    }
}
