package io.benchfleet.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Optional;

/**
 * One measure of one attempt over time: the samples' values at their seconds since the attempt started, in time
 * order. Between two samples the value is taken to change linearly.
 */
final class Trace {

    /** Steady state leaves out start-up, data loading and the first epoch's warm-up ... */
    static final double STEADY_FROM = 0.2;
    /** ... and the final evaluation and exit. */
    static final double STEADY_UNTIL = 0.9;

    private final double[] seconds;
    private final double[] values;

    Trace(double[] seconds, double[] values) {
        if (seconds.length != values.length || seconds.length == 0) {
            throw new IllegalArgumentException("a trace needs as many times as values, and one at least");
        }
        this.seconds = seconds.clone();
        this.values = values.clone();
    }

    double start() {
        return seconds[0];
    }

    double end() {
        return seconds[seconds.length - 1];
    }

    int size() {
        return seconds.length;
    }

    double peak() {
        return Arrays.stream(values).max().orElseThrow();
    }

    /** The seconds of the highest sample; of the first, where several share it. */
    double timeOfPeak() {
        int at = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[at]) {
                at = i;
            }
        }
        return seconds[at];
    }

    double lowest() {
        return Arrays.stream(values).min().orElseThrow();
    }

    /** The samples up to {@code limit} seconds since the attempt started; empty where none is that early. */
    Optional<Trace> until(double limit) {
        int kept = 0;
        while (kept < seconds.length && seconds[kept] <= limit) {
            kept++;
        }
        return kept == 0 ? Optional.empty()
                : Optional.of(new Trace(Arrays.copyOf(seconds, kept), Arrays.copyOf(values, kept)));
    }

    /** At most {@code points} samples, evenly spaced over the same time, or this trace where it has no more. */
    Trace resampled(int points) {
        if (seconds.length <= points) {
            return this;
        }
        double step = (end() - start()) / (points - 1);
        double[] times = new double[points];
        double[] resampledValues = new double[points];
        for (int i = 0; i < points; i++) {
            times[i] = i == points - 1 ? end() : start() + i * step;
            resampledValues[i] = valueAt(times[i]);
        }
        return new Trace(times, resampledValues);
    }

    double[] seconds() {
        return seconds.clone();
    }

    double[] values() {
        return values.clone();
    }

    /** The median time between samples; 0 for a single sample. */
    double medianSpacing() {
        if (seconds.length < 2) {
            return 0;
        }
        double[] gaps = new double[seconds.length - 1];
        for (int i = 1; i < seconds.length; i++) {
            gaps[i - 1] = seconds[i] - seconds[i - 1];
        }
        Arrays.sort(gaps);
        return gaps[gaps.length / 2];
    }

    /** The value at {@code time}, interpolated linearly; {@code time} must lie within the trace. */
    double valueAt(double time) {
        int at = Arrays.binarySearch(seconds, time);
        if (at >= 0) {
            return values[at];
        }
        int after = -at - 1;
        if (after == 0 || after == seconds.length) {
            throw new IllegalArgumentException(time + " s lies outside the trace's " + start() + "-" + end() + " s");
        }
        double share = (time - seconds[after - 1]) / (seconds[after] - seconds[after - 1]);
        return values[after - 1] + share * (values[after] - values[after - 1]);
    }

    /**
     * The mean of the samples between {@link #STEADY_FROM} and {@link #STEADY_UNTIL} of the trace's span; the
     * mean of all samples where that window holds none.
     */
    double steadyStateMean() {
        double from = start() + STEADY_FROM * (end() - start());
        double until = start() + STEADY_UNTIL * (end() - start());
        var steady = new DoubleSummaryStatistics();
        for (int i = 0; i < seconds.length; i++) {
            if (seconds[i] >= from && seconds[i] <= until) {
                steady.accept(values[i]);
            }
        }
        return steady.getCount() > 0 ? steady.getAverage() : Arrays.stream(values).average().orElseThrow();
    }

    /**
     * Seconds in which the value was zero. A sample covers the time since the previous one (nvidia-smi's
     * utilisation is the share of its own last period), the first one the time since the attempt started.
     */
    double secondsAtZero() {
        double total = 0;
        for (int i = 0; i < seconds.length; i++) {
            if (values[i] == 0) {
                total += seconds[i] - (i == 0 ? 0 : seconds[i - 1]);
            }
        }
        return total;
    }

    /**
     * The stretches in which the value sat at zero, as {@link #secondsAtZero()} counts them: consecutive zero
     * samples make one window, from the sample before the first of them (the attempt's start for the first
     * sample) to the last of them. The windows' lengths add up to {@link #secondsAtZero()}.
     */
    List<ZeroWindow> zeroWindows() {
        List<ZeroWindow> windows = new ArrayList<>();
        int i = 0;
        while (i < seconds.length) {
            if (values[i] != 0) {
                i++;
                continue;
            }
            double start = i == 0 ? 0 : seconds[i - 1];
            while (i < seconds.length && values[i] == 0) {
                i++;
            }
            // A zero sample at the attempt's very start covers no time.
            if (seconds[i - 1] > start) {
                windows.add(new ZeroWindow(start, seconds[i - 1]));
            }
        }
        return windows;
    }
}
