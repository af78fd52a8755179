package io.benchfleet.protocol.cluster;

/** The machine a worker node runs on, as environment.json and the report show it. */
public record HostInfo(String hostname, String os, String cpuModel, int logicalCores, long memoryBytes,
                       String jvm) {
}
