package io.benchfleet.protocol.cluster;

import java.util.List;

/** The machine a worker node runs on, as environment.json and the report show it; {@code gpus} empty on a CPU-only one. */
public record HostInfo(String hostname, String os, String cpuModel, int logicalCores, long memoryBytes,
                       String jvm, List<GpuDevice> gpus) {
    public HostInfo {
        gpus = List.copyOf(gpus);
    }

    public HostInfo withGpus(List<GpuDevice> found) {
        return new HostInfo(hostname, os, cpuModel, logicalCores, memoryBytes, jvm, found);
    }
}
