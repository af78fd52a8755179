package io.benchfleet.trainer;

import org.bytedeco.javacpp.Pointer;
import oshi.SystemInfo;
import oshi.software.os.OperatingSystem;

import java.lang.management.ManagementFactory;

/** The trainer's own memory, read at the end of each epoch. */
final class ResourceReadings {

    private final OperatingSystem os = new SystemInfo().getOperatingSystem();

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

    static double jvmUptimeSeconds() {
        return ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
    }
}
