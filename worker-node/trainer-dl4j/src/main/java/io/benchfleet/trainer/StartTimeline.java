package io.benchfleet.trainer;

import java.util.Locale;
import java.util.StringJoiner;

/** When each step of a trainer's start ended, in seconds of JVM uptime: one log line that shows where a start goes. */
final class StartTimeline {

    private final StringJoiner steps = new StringJoiner(", ");

    void mark(String step) {
        steps.add(String.format(Locale.ROOT, "%s %.3f", step, ResourceReadings.jvmUptimeSeconds()));
    }

    @Override
    public String toString() {
        return steps.toString();
    }
}
