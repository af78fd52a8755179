package io.benchfleet.report;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resource use of one {@link GroupSummary} group, over the final attempts of its succeeded tasks
 * (its repetitions and folds): per measure the mean trace with its band, the peak, when it came, the steady state
 * and the range, and the seconds and windows the GPUs sat idle.
 *
 * @param gpuIdleSeconds  seconds per repetition with GPU utilisation at zero; empty without GPU samples
 * @param gpuZeroWindows  each repetition's windows with GPU utilisation at zero ({@link Trace#zeroWindows()}), by
 *                        the repetition's label; empty without GPU samples
 */
record GroupResources(int repetitions, Map<TracedMeasure, MeasureProfile> measures, Optional<Statistic> gpuIdleSeconds,
                      Map<String, List<ZeroWindow>> gpuZeroWindows) {

    /** Enough points for any chart, and a report.json that stays small for hour-long tasks. */
    static final int MAX_POINTS = 500;
    /** A repetition's own trace is drawn beside others in one chart; fewer points keep report.html small. */
    static final int MAX_REPETITION_POINTS = 200;

    /** One succeeded task's traces, named as the report's per-repetition charts show it, e.g. {@code rep 2, fold 3}. */
    record RepetitionTraces(String label, Map<TracedMeasure, Trace> traces) {

        /** Each trace cut to its samples up to {@code limit} seconds; a measure sampled only later goes. */
        RepetitionTraces until(double limit) {
            Map<TracedMeasure, Trace> cut = new EnumMap<>(TracedMeasure.class);
            traces.forEach((measure, trace) -> trace.until(limit).ifPresent(early -> cut.put(measure, early)));
            return new RepetitionTraces(label, cut);
        }
    }

    /**
     * @param peak        each repetition's highest sample: {n, mean, std} over repetitions
     * @param peakSeconds each repetition's seconds since its start at that sample: {n, mean, std}
     * @param steadyState each repetition's mean between 20 % and 90 % of its sampled time (after start-up and the
     *                    first epoch's warm-up, before the final evaluation and exit): {n, mean, std}
     * @param lowest      the lowest sample of any repetition
     * @param highest     the highest sample of any repetition
     * @param byRepetition each repetition's own trace by its label, at most {@link #MAX_REPETITION_POINTS} points
     */
    record MeasureProfile(Optional<MeanTrace> trace, Optional<Statistic> peak, Optional<Statistic> peakSeconds,
                          Optional<Statistic> steadyState, double lowest, double highest,
                          Map<String, Trace> byRepetition) {
    }

    /** @param repetitions the traces of each succeeded task's final attempt, e.g. from {@link AttemptTraces} */
    static GroupResources of(List<RepetitionTraces> repetitions) {
        Map<TracedMeasure, MeasureProfile> measures = new EnumMap<>(TracedMeasure.class);
        for (TracedMeasure measure : TracedMeasure.values()) {
            Map<String, Trace> byRepetition = new LinkedHashMap<>();
            List<Trace> traces = new ArrayList<>();
            for (RepetitionTraces repetition : repetitions) {
                Optional.ofNullable(repetition.traces().get(measure)).ifPresent(trace -> {
                    traces.add(trace);
                    byRepetition.put(unique(repetition.label(), byRepetition), trace.resampled(MAX_REPETITION_POINTS));
                });
            }
            if (!traces.isEmpty()) {
                measures.put(measure, new MeasureProfile(MeanTrace.of(traces, MAX_POINTS),
                        Statistic.of(traces.stream().map(trace -> Optional.of(trace.peak()))),
                        Statistic.of(traces.stream().map(trace -> Optional.of(trace.timeOfPeak()))),
                        Statistic.of(traces.stream().map(trace -> Optional.of(trace.steadyStateMean()))),
                        traces.stream().mapToDouble(Trace::lowest).min().orElseThrow(),
                        traces.stream().mapToDouble(Trace::peak).max().orElseThrow(),
                        byRepetition));
            }
        }
        Optional<Statistic> idle = Statistic.of(repetitions.stream().map(r -> Optional.ofNullable(
                r.traces().get(TracedMeasure.GPU_UTIL_PERCENT)).map(Trace::secondsAtZero)));
        Map<String, List<ZeroWindow>> zeroWindows = new LinkedHashMap<>();
        for (RepetitionTraces repetition : repetitions) {
            Optional.ofNullable(repetition.traces().get(TracedMeasure.GPU_UTIL_PERCENT)).ifPresent(trace ->
                    zeroWindows.put(unique(repetition.label(), zeroWindows), trace.zeroWindows()));
        }
        return new GroupResources(repetitions.size(), measures, idle, zeroWindows);
    }

    /**
     * Tasks that differ only in an axis the label leaves out (a train fraction in a results.db older than its column,
     * where the fractions share a group) get a number each.
     */
    private static String unique(String label, Map<String, ?> taken) {
        String unique = label;
        for (int n = 2; taken.containsKey(unique); n++) {
            unique = label + " #" + n;
        }
        return unique;
    }
}
