package io.benchfleet.report;

import java.util.Optional;

/**
 * How the report reads what was measured, beyond which groups it compares.
 *
 * @param traceWindowSeconds where present, every trace is cut to its samples in the first this many seconds since
 *                           the attempt started, before the repetitions are averaged and the peak, steady state and
 *                           GPU idle windows computed: S1 sampled each run for 70 s
 */
public record ReportOptions(Optional<Double> traceWindowSeconds) {

    /** Every trace as it was sampled. */
    public static final ReportOptions DEFAULT = new ReportOptions(Optional.empty());

    /** @throws IllegalArgumentException if the window is not a positive number of seconds */
    public ReportOptions {
        traceWindowSeconds.filter(seconds -> !(seconds > 0) || seconds.isInfinite()).ifPresent(seconds -> {
            throw new IllegalArgumentException("trace window " + seconds + " s: expected a positive number of seconds");
        });
    }

    public static ReportOptions traceWindow(double seconds) {
        return new ReportOptions(Optional.of(seconds));
    }

    /** E.g. {@code 70 s}, for the report's text. */
    Optional<String> traceWindowText() {
        return traceWindowSeconds.map(seconds -> SweepFileNumber.of(seconds) + " s");
    }
}
