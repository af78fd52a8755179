package io.benchfleet.worker.gpu;

/** One GPU of this machine, as the driver names it; its index is its {@code gpu:N} slot. */
public record GpuDevice(int index, String name, long memoryBytes, String driverVersion) {
}
