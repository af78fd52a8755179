package io.benchfleet.protocol.cluster;

import java.util.List;

import static io.benchfleet.protocol.cluster.Components.listOf;
import static io.benchfleet.protocol.cluster.Components.required;

/** The machine a worker node runs on, as environment.json and the report show it; {@code gpus} empty on a CPU-only one. */
public record HostInfo(String hostname, String os, String cpuModel, int logicalCores, long memoryBytes,
                       String jvm, List<GpuDevice> gpus) {
    public HostInfo {
        required(hostname, "a host's name");
        required(os, "a host's OS");
        required(cpuModel, "a host's CPU model");
        required(jvm, "a host's JVM");
        gpus = listOf(gpus, GpuDevice.class, "a host's GPUs");
    }

    public HostInfo withGpus(List<GpuDevice> found) {
        return new HostInfo(hostname, os, cpuModel, logicalCores, memoryBytes, jvm, found);
    }
}
