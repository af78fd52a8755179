package io.benchfleet.protocol.cluster;

import java.util.List;
import java.util.Optional;

/**
 * One reading of the metrics agent for one attempt. Times are seconds since the attempt started, so
 * traces of repetitions line up.
 *
 * @param processCpuPercent     the trainer process tree's CPU use since the previous sample, 100 = one core
 * @param hostCpuPercent        the whole host's CPU use since the previous sample, 100 = all cores busy
 * @param processHostCpuPercent the process tree's CPU use as a share of the host, 100 = all cores busy
 * @param processThreads        threads of the process tree
 * @param hostLoadAverage       the one-minute load average; empty where the OS has none
 * @param hostCoreCpuPercent    each logical core's use since the previous sample, 100 = that core busy
 * @param cpuTemperatureCelsius empty where the host exposes no sensor (most VMs)
 * @param cpuEnergyJoules       CPU package energy (RAPL, all packages) since the attempt started; empty where
 *                              the host does not expose it or does not let this user read it
 * @param gpus                  the GPUs of the attempt's slot; empty for cpu slots
 * @param samplesDropped        samples of this attempt the agent dropped so far, before this one, because the
 *                              coordinator did not take them fast enough
 */
public record ResourceSample(double secondsSinceStart, double processCpuPercent, long processRssBytes,
                             double hostCpuPercent, long hostUsedBytes, double processHostCpuPercent,
                             int processThreads, long hostAvailableBytes, Optional<Double> hostLoadAverage,
                             List<Double> hostCoreCpuPercent, Optional<Double> cpuTemperatureCelsius,
                             Optional<Double> cpuFrequencyMhz, Optional<Double> cpuEnergyJoules,
                             List<GpuSample> gpus, long samplesDropped) {

    public ResourceSample {
        hostCoreCpuPercent = List.copyOf(hostCoreCpuPercent);
        gpus = List.copyOf(gpus);
    }

    public ResourceSample withSamplesDropped(long dropped) {
        return new ResourceSample(secondsSinceStart, processCpuPercent, processRssBytes, hostCpuPercent,
                hostUsedBytes, processHostCpuPercent, processThreads, hostAvailableBytes, hostLoadAverage,
                hostCoreCpuPercent, cpuTemperatureCelsius, cpuFrequencyMhz, cpuEnergyJoules, gpus, dropped);
    }
}
