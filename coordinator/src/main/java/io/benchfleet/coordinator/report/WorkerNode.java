package io.benchfleet.coordinator.report;

import java.util.List;

/** A worker node that joined the sweep, with the machine it ran on. */
public record WorkerNode(
        String id,
        String hostname,
        String os,
        String cpuModel,
        int logicalCores,
        long memoryBytes,
        String jvm,
        List<String> slots,
        String joinedAt) {
}
