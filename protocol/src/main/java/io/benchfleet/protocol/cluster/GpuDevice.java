package io.benchfleet.protocol.cluster;

import static io.benchfleet.protocol.cluster.Components.required;

/**
 * One GPU of a worker node's machine, as its driver names it; its index is its {@code gpu:N} slot.
 *
 * @param computeCapability e.g. {@code 9.0}; empty where the driver's nvidia-smi cannot tell
 * @param cudaVersion       the newest CUDA version the driver runs, as nvidia-smi reports it; empty when it did not say
 */
public record GpuDevice(int index, String name, long memoryBytes, String driverVersion, String computeCapability,
                        String cudaVersion) {
    public GpuDevice {
        required(name, "a GPU's name");
        required(driverVersion, "a GPU's driver version");
        required(computeCapability, "a GPU's compute capability");
        required(cudaVersion, "a GPU's CUDA version");
    }
}
