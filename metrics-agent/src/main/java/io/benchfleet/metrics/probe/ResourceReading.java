package io.benchfleet.metrics.probe;

import java.util.List;
import java.util.Optional;

/**
 * What a {@link ResourceProbe} reads for one process tree and its host, without the time of the attempt.
 *
 * @param processCpuPercent     the process tree's CPU use over the reading's window, 100 = one full core
 * @param hostCpuPercent        the host's CPU use over the same window, 100 = all cores busy
 * @param processHostCpuPercent the process tree's CPU use as a share of the host, 100 = all cores busy
 * @param hostCoreCpuPercent    each logical core's use over the window, 100 = that core busy
 */
public record ResourceReading(double processCpuPercent, long processRssBytes, double hostCpuPercent,
                              long hostUsedBytes, double processHostCpuPercent, int processThreads,
                              long hostAvailableBytes, Optional<Double> hostLoadAverage,
                              List<Double> hostCoreCpuPercent, Optional<Double> cpuTemperatureCelsius,
                              Optional<Double> cpuFrequencyMhz) {

    public ResourceReading {
        hostCoreCpuPercent = List.copyOf(hostCoreCpuPercent);
    }
}
