package io.benchfleet.coordinator.report;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resource use of one {@link GroupSummary} group, over the final attempts of its succeeded tasks
 * (its repetitions and folds): per measure the mean trace with its band, the peak and the steady state, and the
 * seconds the GPUs sat idle.
 *
 * @param gpuIdleSeconds seconds per repetition with GPU utilisation at zero; empty without GPU samples
 */
record GroupResources(int repetitions, Map<TracedMeasure, MeasureProfile> measures, Optional<Statistic> gpuIdleSeconds) {

    /** Enough points for any chart, and a report.json that stays small for hour-long tasks. */
    static final int MAX_POINTS = 500;

    /**
     * @param peak        each repetition's highest sample: {n, mean, std} over repetitions
     * @param steadyState each repetition's mean between 20 % and 90 % of its sampled time (after start-up and the
     *                    first epoch's warm-up, before the final evaluation and exit): {n, mean, std}
     */
    record MeasureProfile(Optional<MeanTrace> trace, Optional<Statistic> peak, Optional<Statistic> steadyState) {
    }

    /** @param repetitions the traces of each succeeded task's final attempt, e.g. from {@link AttemptTraces} */
    static GroupResources of(List<Map<TracedMeasure, Trace>> repetitions) {
        Map<TracedMeasure, MeasureProfile> measures = new EnumMap<>(TracedMeasure.class);
        for (TracedMeasure measure : TracedMeasure.values()) {
            List<Trace> traces = repetitions.stream().flatMap(r -> Optional.ofNullable(r.get(measure)).stream()).toList();
            if (!traces.isEmpty()) {
                measures.put(measure, new MeasureProfile(MeanTrace.of(traces, MAX_POINTS),
                        Statistic.of(traces.stream().map(trace -> Optional.of(trace.peak()))),
                        Statistic.of(traces.stream().map(trace -> Optional.of(trace.steadyStateMean())))));
            }
        }
        Optional<Statistic> idle = Statistic.of(repetitions.stream()
                .map(r -> Optional.ofNullable(r.get(TracedMeasure.GPU_UTIL_PERCENT)).map(Trace::secondsAtZero)));
        return new GroupResources(repetitions.size(), measures, idle);
    }
}
