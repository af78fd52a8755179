package io.benchfleet.coordinator.queue;

import java.util.Map;
import java.util.Set;

/**
 * What an earlier run of the same run directory left in results.db: what {@code resume} must not
 * run again, and where attempt numbering goes on.
 *
 * @param succeededTasks ids of tasks that have a succeeded attempt
 * @param lastAttempt    task id to the highest attempt number it was given
 */
public record RunHistory(Set<String> succeededTasks, Map<String, Integer> lastAttempt) {

    public static final RunHistory NONE = new RunHistory(Set.of(), Map.of());

    public RunHistory {
        succeededTasks = Set.copyOf(succeededTasks);
        lastAttempt = Map.copyOf(lastAttempt);
    }
}
