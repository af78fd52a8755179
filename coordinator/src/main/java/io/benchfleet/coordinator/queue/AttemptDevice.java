package io.benchfleet.coordinator.queue;

import io.benchfleet.protocol.cluster.SlotName;
import io.benchfleet.protocol.cluster.GpuDevice;
import io.benchfleet.protocol.cluster.HostInfo;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The hardware an attempt trains on, as results.csv names it: the GPU of a {@code gpu:N} slot with its
 * driver and CUDA versions, or the CPU of a cpu slot's machine, e.g. {@code AMD EPYC 7B13, 2 cores}.
 */
public record AttemptDevice(String name, String driverVersion, String cudaVersion) {

    /** For an attempt no worker node ran. */
    public static final AttemptDevice NONE = new AttemptDevice("", "", "");

    /** @param host the worker node's machine, where it registered; empty when it has not (yet) */
    public static AttemptDevice of(Optional<HostInfo> host, SlotName slot) {
        if (host.isEmpty()) {
            return NONE;
        }
        List<Integer> indices = slot.gpus();
        if (indices.isEmpty()) {
            return new AttemptDevice(host.get().cpuModel() + ", " + host.get().logicalCores() + " cores", "", "");
        }
        List<GpuDevice> gpus = host.get().gpus().stream().filter(gpu -> indices.contains(gpu.index())).toList();
        return new AttemptDevice(joined(gpus, GpuDevice::name), joined(gpus, GpuDevice::driverVersion),
                joined(gpus, GpuDevice::cudaVersion));
    }

    private static String joined(List<GpuDevice> gpus, Function<GpuDevice, String> field) {
        return gpus.stream().map(field).distinct().collect(Collectors.joining(" + "));
    }
}
