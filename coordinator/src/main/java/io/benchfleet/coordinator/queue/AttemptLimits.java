package io.benchfleet.coordinator.queue;

import java.time.Duration;

/**
 * How far a sweep lets a task go: {@code retry.max-attempts} and {@code task-timeout} of the sweep file.
 *
 * @param maxAttempts tries a task may have in one run of the coordinator before it fails for good; only
 *                    failures that may be the infrastructure's or one node's use up more than one (running out
 *                    of memory two at most), and an attempt handed back or on a node without the data uses up none
 * @param taskTimeout how long one attempt's trainer may run before it is killed
 */
public record AttemptLimits(int maxAttempts, Duration taskTimeout) {

    /** Three tries ride out a crashed machine and a flaky one; two hours covers S3's largest CNN on a CPU. */
    public static final AttemptLimits DEFAULT = new AttemptLimits(3, Duration.ofHours(2));

    public AttemptLimits {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        if (taskTimeout.isNegative() || taskTimeout.isZero()) {
            throw new IllegalArgumentException("taskTimeout must be positive: " + taskTimeout);
        }
    }
}
