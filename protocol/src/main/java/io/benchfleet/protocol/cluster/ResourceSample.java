package io.benchfleet.protocol.cluster;

import java.util.List;
import java.util.Optional;

import static io.benchfleet.protocol.cluster.Components.listOf;
import static io.benchfleet.protocol.cluster.Components.optionalOf;

/**
 * One reading of the metrics agent for one attempt. Times are seconds since the attempt started, so
 * traces of repetitions line up. Build one with {@link #builder}: fifteen positional numbers are too easy to swap.
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
        optionalOf(hostLoadAverage, Double.class, "a sample's load average");
        hostCoreCpuPercent = listOf(hostCoreCpuPercent, Double.class, "a sample's per-core CPU use");
        optionalOf(cpuTemperatureCelsius, Double.class, "a sample's CPU temperature");
        optionalOf(cpuFrequencyMhz, Double.class, "a sample's CPU frequency");
        optionalOf(cpuEnergyJoules, Double.class, "a sample's CPU energy");
        gpus = listOf(gpus, GpuSample.class, "a sample's GPUs");
    }

    /** A sample taken {@code secondsSinceStart} into its attempt; measures left unset are zero, or empty. */
    public static Builder builder(double secondsSinceStart) {
        return new Builder(secondsSinceStart);
    }

    public ResourceSample withSamplesDropped(long dropped) {
        return new ResourceSample(secondsSinceStart, processCpuPercent, processRssBytes, hostCpuPercent,
                hostUsedBytes, processHostCpuPercent, processThreads, hostAvailableBytes, hostLoadAverage,
                hostCoreCpuPercent, cpuTemperatureCelsius, cpuFrequencyMhz, cpuEnergyJoules, gpus, dropped);
    }

    /** Names every measure where it is set; see the record's components for what each one means. */
    public static final class Builder {

        private final double secondsSinceStart;
        private double processCpuPercent;
        private long processRssBytes;
        private double processHostCpuPercent;
        private int processThreads;
        private double hostCpuPercent;
        private long hostUsedBytes;
        private long hostAvailableBytes;
        private Optional<Double> hostLoadAverage = Optional.empty();
        private List<Double> hostCoreCpuPercent = List.of();
        private Optional<Double> cpuTemperatureCelsius = Optional.empty();
        private Optional<Double> cpuFrequencyMhz = Optional.empty();
        private Optional<Double> cpuEnergyJoules = Optional.empty();
        private List<GpuSample> gpus = List.of();
        private long samplesDropped;

        private Builder(double secondsSinceStart) {
            this.secondsSinceStart = secondsSinceStart;
        }

        public Builder processCpuPercent(double percent) {
            this.processCpuPercent = percent;
            return this;
        }

        public Builder processRssBytes(long bytes) {
            this.processRssBytes = bytes;
            return this;
        }

        public Builder processHostCpuPercent(double percent) {
            this.processHostCpuPercent = percent;
            return this;
        }

        public Builder processThreads(int threads) {
            this.processThreads = threads;
            return this;
        }

        public Builder hostCpuPercent(double percent) {
            this.hostCpuPercent = percent;
            return this;
        }

        public Builder hostUsedBytes(long bytes) {
            this.hostUsedBytes = bytes;
            return this;
        }

        public Builder hostAvailableBytes(long bytes) {
            this.hostAvailableBytes = bytes;
            return this;
        }

        public Builder hostLoadAverage(Optional<Double> loadAverage) {
            this.hostLoadAverage = loadAverage;
            return this;
        }

        public Builder hostCoreCpuPercent(List<Double> percentPerCore) {
            this.hostCoreCpuPercent = percentPerCore;
            return this;
        }

        public Builder cpuTemperatureCelsius(Optional<Double> celsius) {
            this.cpuTemperatureCelsius = celsius;
            return this;
        }

        public Builder cpuFrequencyMhz(Optional<Double> mhz) {
            this.cpuFrequencyMhz = mhz;
            return this;
        }

        public Builder cpuEnergyJoules(Optional<Double> joules) {
            this.cpuEnergyJoules = joules;
            return this;
        }

        public Builder gpus(List<GpuSample> gpus) {
            this.gpus = gpus;
            return this;
        }

        public Builder samplesDropped(long dropped) {
            this.samplesDropped = dropped;
            return this;
        }

        public ResourceSample build() {
            return new ResourceSample(secondsSinceStart, processCpuPercent, processRssBytes, hostCpuPercent,
                    hostUsedBytes, processHostCpuPercent, processThreads, hostAvailableBytes, hostLoadAverage,
                    hostCoreCpuPercent, cpuTemperatureCelsius, cpuFrequencyMhz, cpuEnergyJoules, gpus, samplesDropped);
        }
    }
}
