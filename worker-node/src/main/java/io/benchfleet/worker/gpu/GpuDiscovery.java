package io.benchfleet.worker.gpu;

import io.benchfleet.protocol.cluster.GpuDevice;

import java.util.List;

/** Finds this machine's GPUs when a worker node starts; none on a machine without NVIDIA GPUs. */
public interface GpuDiscovery {

    List<GpuDevice> discover();
}
