package io.benchfleet.metrics.probe;

import java.util.List;
import java.util.Optional;

/** What a {@link ResourceProbe} reads for one process tree and its host, without the time of the attempt. */
public record ResourceReading(ProcessTree processTree, Host host) {

    /**
     * The watched process and its descendants.
     *
     * @param cpuPercent     CPU use over the reading's window, 100 = one full core
     * @param hostCpuPercent the same use as a share of the host, 100 = all cores busy
     */
    public record ProcessTree(double cpuPercent, long rssBytes, double hostCpuPercent, int threads) {
    }

    /**
     * The machine the process tree runs on.
     *
     * @param cpuPercent     CPU use over the reading's window, 100 = all cores busy
     * @param coreCpuPercent each logical core's use over the window, 100 = that core busy
     */
    public record Host(double cpuPercent, long usedBytes, long availableBytes, Optional<Double> loadAverage,
                       List<Double> coreCpuPercent, Optional<Double> cpuTemperatureCelsius,
                       Optional<Double> cpuFrequencyMhz) {

        public Host {
            coreCpuPercent = List.copyOf(coreCpuPercent);
        }
    }
}
