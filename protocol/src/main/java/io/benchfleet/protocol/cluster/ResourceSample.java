package io.benchfleet.protocol.cluster;

/**
 * One reading of the metrics agent for one attempt. Times are seconds since the attempt started, so
 * traces of repetitions line up.
 *
 * @param processCpuPercent the trainer process tree's CPU use since the previous sample, 100 = one core
 * @param hostCpuPercent    the whole host's CPU use since the previous sample, 100 = all cores busy
 */
public record ResourceSample(double secondsSinceStart, double processCpuPercent, long processRssBytes,
                             double hostCpuPercent, long hostUsedBytes) {
}
