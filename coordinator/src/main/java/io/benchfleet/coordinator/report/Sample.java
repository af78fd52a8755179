package io.benchfleet.coordinator.report;

import java.util.Optional;

/**
 * One metrics-agent sample of an attempt: one row of samples.csv. The GPU values are empty on CPU
 * slots; a host with several GPUs gives one sample per GPU and instant.
 *
 * @param attempt the attempt's number; empty if the sample names an attempt the database lacks
 */
public record Sample(
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
        Optional<Double> gpuPowerWatts) {
}
