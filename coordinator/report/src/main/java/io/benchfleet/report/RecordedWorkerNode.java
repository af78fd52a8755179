package io.benchfleet.report;

import java.util.List;

/**
 * A worker node that joined the sweep, with the machine it ran on, as recorded in the {@code workers} table.
 *
 * @param gpus its GPUs as the environment table shows them, e.g. {@code gpu:0 NVIDIA H200, 140.4 GiB, driver
 *             580.159.04, CUDA 13.0}; empty on a machine without any
 * @param frameworks the frameworks it offered, with their versions and devices; empty in a results.db older than
 *                   the framework axis, whose worker nodes ran DL4J alone
 */
public record RecordedWorkerNode(
        String id,
        String hostname,
        String os,
        String cpuModel,
        int logicalCores,
        long memoryBytes,
        String jvm,
        List<String> slots,
        String gpus,
        String joinedAt,
        List<OfferedFramework> frameworks) {
}
