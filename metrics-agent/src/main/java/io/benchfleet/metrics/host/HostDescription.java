package io.benchfleet.metrics.host;

import io.benchfleet.protocol.cluster.HostInfo;
import oshi.SystemInfo;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.software.os.OperatingSystem;

import java.util.List;

/** Describes the machine this JVM runs on, as a worker node announces it. */
public final class HostDescription {

    private HostDescription() {
    }

    public static HostInfo ofThisMachine() {
        SystemInfo systemInfo = new SystemInfo();
        OperatingSystem os = systemInfo.getOperatingSystem();
        HardwareAbstractionLayer hardware = systemInfo.getHardware();
        return new HostInfo(
                os.getNetworkParams().getHostName(),
                os.getFamily() + " " + os.getVersionInfo(),
                hardware.getProcessor().getProcessorIdentifier().getName().trim(),
                hardware.getProcessor().getLogicalProcessorCount(),
                hardware.getMemory().getTotal(),
                System.getProperty("java.vm.name") + " " + Runtime.version(),
                List.of());
    }
}
