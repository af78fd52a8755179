package io.benchfleet.trainer;

import org.bytedeco.javacpp.Pointer;
import oshi.SystemInfo;
import oshi.software.os.OperatingSystem;

import java.lang.management.ManagementFactory;
import java.util.Optional;

/** The trainer's own memory, read at the end of each epoch; made once ND4J's backend is up. */
final class ResourceReadings {

    private final OperatingSystem os = new SystemInfo().getOperatingSystem();
    private final Optional<GpuMemory> gpu = GpuMemory.ofBackend();

    long heapBytes() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    long rssBytes() {
        return os.getCurrentProcess().getResidentMemory();
    }

    /** Bytes ND4J holds outside the JVM heap, through JavaCPP. */
    long offHeapBytes() {
        return Pointer.totalBytes();
    }

    /** Memory in use on the GPU the trainer trains on; empty on the CPU backend. */
    Optional<Long> gpuMemBytes() {
        return gpu.map(GpuMemory::usedBytes);
    }

    static double jvmUptimeSeconds() {
        return ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
    }
}
