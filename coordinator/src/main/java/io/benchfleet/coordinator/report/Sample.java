package io.benchfleet.coordinator.report;

import java.util.Optional;

/**
 * One metrics-agent sample of an attempt: one row of samples.csv. The GPU values are empty on CPU
 * slots; a host with several GPUs gives one sample per GPU and instant.
 *
 * @param run the name of the run directory it was read from, as in {@link TaskResult#run()}
 * @param attempt the attempt's number; empty if the sample names an attempt the database lacks
 * @param hostCoreCpuPercent each logical core's use, space-separated
 * @param cpuEnergyJoules    the host's CPU package energy since the attempt started
 * @param gpuEnergyJoules    this GPU's energy since the attempt started
 * @param samplesDropped     the attempt's samples dropped before this one
 */
public record Sample(
        String run,
        String taskId,
        Optional<Integer> attempt,
        double secondsSinceStart,
        Optional<Double> processCpuPercent,
        Optional<Long> processRssBytes,
        Optional<Double> hostCpuPercent,
        Optional<Long> hostUsedBytes,
        Optional<Integer> gpuIndex,
        Optional<Double> gpuUtilPercent,
        Optional<Long> gpuMemUsedBytes,
        Optional<Double> gpuPowerWatts,
        Optional<Double> processHostCpuPercent,
        Optional<Integer> processThreads,
        Optional<Long> hostAvailableBytes,
        Optional<Double> hostLoadAverage,
        Optional<String> hostCoreCpuPercent,
        Optional<Double> cpuTemperatureCelsius,
        Optional<Double> cpuFrequencyMhz,
        Optional<Double> cpuEnergyJoules,
        Optional<Long> gpuMemTotalBytes,
        Optional<Double> gpuTemperatureCelsius,
        Optional<Double> gpuSmClockMhz,
        Optional<Double> gpuEnergyJoules,
        Optional<Long> samplesDropped) {
}
