package io.benchfleet.metrics.probe;

import oshi.hardware.CentralProcessor;
import oshi.software.os.OperatingSystem;
import oshi.util.driver.linux.proc.CpuStat;

import java.util.function.Supplier;

/**
 * Each core's CPU ticks, for the host's and each core's CPU % between two samples. OSHI's
 * {@link CentralProcessor#getProcessorCpuLoadTicks()} is cached for 300 ms, so at 100 ms intervals two reads out of
 * three saw the ticks of the read before and gave 0 %; on Linux {@code /proc/stat} is read at every sample instead,
 * through the driver OSHI's own figure comes from (the same tick order).
 */
final class HostCoreTicks {

    private HostCoreTicks() {
    }

    static Supplier<long[][]> forThisHost(OperatingSystem os, CentralProcessor processor) {
        if (LinuxProc.of(os).isPresent()) {
            int cores = processor.getLogicalProcessorCount();
            return () -> CpuStat.getProcessorCpuLoadTicks(cores);
        }
        return processor::getProcessorCpuLoadTicks;
    }
}
