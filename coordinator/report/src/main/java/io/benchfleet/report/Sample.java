package io.benchfleet.report;

import java.util.Optional;

/**
 * One metrics-agent sample of an attempt: one row of samples.csv. The GPU values are empty on CPU
 * slots; a host with several GPUs gives one sample per GPU and instant.
 *
 * @param inRun          the task it belongs to and the run directory it was read from
 * @param attempt        the attempt's number; empty if the sample names an attempt the database lacks
 * @param samplesDropped the attempt's samples dropped before this one
 */
public record Sample(
        TaskInRun inRun,
        Optional<Integer> attempt,
        double secondsSinceStart,
        TrainerProcess process,
        Host host,
        Gpu gpu,
        Optional<Long> samplesDropped) {

    /**
     * The trainer process tree.
     *
     * @param hostCpuPercent its CPU as a share of the whole host, where {@code cpuPercent} counts one core as 100
     */
    public record TrainerProcess(
            Optional<Double> cpuPercent,
            Optional<Long> rssBytes,
            Optional<Double> hostCpuPercent,
            Optional<Integer> threads) {
    }

    /**
     * The machine the trainer runs on.
     *
     * @param coreCpuPercent  each logical core's use, space-separated
     * @param cpuEnergyJoules the host's CPU package energy since the attempt started
     */
    public record Host(
            Optional<Double> cpuPercent,
            Optional<Long> usedBytes,
            Optional<Long> availableBytes,
            Optional<Double> loadAverage,
            Optional<String> coreCpuPercent,
            Optional<Double> cpuTemperatureCelsius,
            Optional<Double> cpuFrequencyMhz,
            Optional<Double> cpuEnergyJoules) {
    }

    /**
     * One GPU of the attempt's slot.
     *
     * @param energyJoules this GPU's energy since the attempt started
     */
    public record Gpu(
            Optional<Integer> index,
            Optional<Double> utilPercent,
            Optional<Long> memUsedBytes,
            Optional<Long> memTotalBytes,
            Optional<Double> powerWatts,
            Optional<Double> temperatureCelsius,
            Optional<Double> smClockMhz,
            Optional<Double> energyJoules) {
    }
}
