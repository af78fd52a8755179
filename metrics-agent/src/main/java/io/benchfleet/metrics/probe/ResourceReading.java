package io.benchfleet.metrics.probe;

/**
 * What a {@link ResourceProbe} reads for one process and its host, without the time of the attempt.
 *
 * @param processCpuPercent the process's CPU use over the reading's window, 100 = one full core
 * @param hostCpuPercent    the host's CPU use over the same window, 100 = all cores busy
 */
public record ResourceReading(double processCpuPercent, long processRssBytes, double hostCpuPercent,
                              long hostUsedBytes) {
}
