package io.benchfleet.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * The mean of several repetitions' traces of one measure on a common time grid, with the spread per grid point:
 * S1's averaged trace, with the band it lacked. The grid spans the time every repetition covers (from the latest
 * first sample to the earliest last one), so every point is the mean of all repetitions; its step is the
 * repetitions' median sample spacing, coarsened so that the grid has at most {@code maxPoints} points. Each
 * repetition's value at a grid point is interpolated linearly between its two nearest samples.
 *
 * @param std the sample standard deviation per point; empty for a single repetition
 */
record MeanTrace(int repetitions, double stepSeconds, List<Double> seconds, List<Double> mean,
                 Optional<List<Double>> std, List<Double> min, List<Double> max) {

    /** Empty when the traces share no stretch of time with two samples' spacing in it. */
    static Optional<MeanTrace> of(List<Trace> traces, int maxPoints) {
        if (traces.isEmpty()) {
            return Optional.empty();
        }
        double start = traces.stream().mapToDouble(Trace::start).max().orElseThrow();
        double end = traces.stream().mapToDouble(Trace::end).min().orElseThrow();
        double spacing = median(traces.stream().mapToDouble(Trace::medianSpacing).filter(gap -> gap > 0).toArray());
        if (!(spacing > 0) || end <= start) {
            return Optional.empty();
        }
        double step = Math.max(spacing, (end - start) / (maxPoints - 1));
        List<Double> seconds = new ArrayList<>();
        List<Double> mean = new ArrayList<>();
        List<Double> std = new ArrayList<>();
        List<Double> min = new ArrayList<>();
        List<Double> max = new ArrayList<>();
        // Counting points, not adding steps, keeps rounding from losing the last point.
        long points = (long) Math.floor((end - start) / step + 1e-9) + 1;
        for (long k = 0; k < points; k++) {
            double time = Math.min(start + k * step, end);
            SummaryStatistics at = new SummaryStatistics();
            traces.forEach(trace -> at.addValue(trace.valueAt(time)));
            seconds.add(time);
            mean.add(at.getMean());
            std.add(at.getStandardDeviation());
            min.add(at.getMin());
            max.add(at.getMax());
        }
        return Optional.of(new MeanTrace(traces.size(), step, seconds, mean,
                traces.size() > 1 ? Optional.of(std) : Optional.empty(), min, max));
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        Arrays.sort(values);
        return values[values.length / 2];
    }
}
