package io.benchfleet.report;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.mapping;
import static java.util.stream.Collectors.toList;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * The comparisons the studies drew by hand, computed over the succeeded tasks: ratios against the
 * sweep's baseline with a Welch t-test, S2's scalability table, S3's time and memory against
 * training-set size; and the study's own figures beside ours, where the sweep file gives them.
 *
 * @param kFoldTimes S4's time of every k-fold group, all folds together, beside its hold-out counterparts
 */
public record StudyTables(
        Optional<Baseline> baseline,
        List<BaselineComparison> comparisons,
        List<ScalabilityStep> scalability,
        List<TrainSizeEffect> trainSizes,
        Optional<ReferenceTable> reference,
        List<KFoldTime> kFoldTimes) {

    /** The measures compared against the baseline, named as in results.csv. */
    static final Map<String, Function<RecordedAttempt, Optional<Double>>> MEASURES = measures();

    /** @param kFoldTimes {@link KFoldTime#of} the tasks, which the reference table uses too */
    static StudyTables of(List<TaskResult> tasks, Optional<Baseline> baseline, Optional<ReferenceTable> reference,
                          List<KFoldTime> kFoldTimes) {
        Map<GroupKey, List<RecordedAttempt>> groups = tasks.stream()
                .filter(result -> result.status() == TaskStatus.SUCCEEDED)
                .collect(groupingBy(result -> GroupKey.of(result.task()), LinkedHashMap::new,
                        mapping(result -> result.finalAttempt().orElseThrow(), toList())));
        return new StudyTables(baseline,
                baseline.map(b -> comparisons(groups, b)).orElse(List.of()),
                scalability(groups, ShownAxes.of(groups.keySet())),
                trainSizes(groups),
                reference,
                kFoldTimes);
    }

    private static Map<String, Function<RecordedAttempt, Optional<Double>>> measures() {
        Map<String, Function<RecordedAttempt, Optional<Double>>> measures = new LinkedHashMap<>();
        measures.put("train_seconds", RecordedAttempt::trainSeconds);
        measures.put("samples_per_second", RecordedAttempt::samplesPerSecond);
        measures.put("test_accuracy", RecordedAttempt::testAccuracy);
        measures.put("peak_rss_bytes", attempt -> attempt.peakRssBytes().map(Long::doubleValue));
        measures.put("energy_joules", RecordedAttempt::energyJoules);
        return Collections.unmodifiableMap(measures);
    }

    private static List<BaselineComparison> comparisons(Map<GroupKey, List<RecordedAttempt>> groups,
                                                        Baseline baseline) {
        List<BaselineComparison> comparisons = new ArrayList<>();
        groups.forEach((key, attempts) -> {
            Optional<GroupKey> found = baseline.counterpartIn(key, groups.keySet());
            if (found.isEmpty() || found.get().equals(key)) {
                return;
            }
            GroupKey counterpart = found.get();
            List<BaselineComparison.Ratio> ratios = new ArrayList<>();
            MEASURES.forEach((name, measure) -> ratio(name, values(attempts, measure),
                    values(groups.get(counterpart), measure)).ifPresent(ratios::add));
            comparisons.add(new BaselineComparison(key, counterpart, ratios));
        });
        return comparisons;
    }

    private static Optional<BaselineComparison.Ratio> ratio(String measure, double[] group, double[] baseline) {
        if (group.length == 0 || baseline.length == 0 || StatUtils.mean(baseline) == 0) {
            return Optional.empty();
        }
        return Optional.of(new BaselineComparison.Ratio(measure, StatUtils.mean(group) / StatUtils.mean(baseline),
                welchPValue(group, baseline)));
    }

    // Commons Math's tTest(double[], double[]) is Welch's test (no equal-variance assumption). It needs two
    // values a side, and gives NaN when neither side varies.
    private static Optional<Double> welchPValue(double[] group, double[] baseline) {
        if (group.length < 2 || baseline.length < 2) {
            return Optional.empty();
        }
        double p = new TTest().tTest(group, baseline);
        return Double.isNaN(p) ? Optional.empty() : Optional.of(p);
    }

    /**
     * Every pair of architectures in the sweep's order on the same dataset, device, split, framework, fraction and
     * values of the hyperparameter axes (architectures' own epochs and batch sizes are not such values).
     */
    private static List<ScalabilityStep> scalability(Map<GroupKey, List<RecordedAttempt>> groups, ShownAxes shown) {
        Map<List<Object>, List<GroupKey>> bySetting = groups.keySet().stream()
                .collect(groupingBy(key -> List.of(key.dataset(), key.device(), key.split(), key.framework(),
                        key.trainFraction(), shown.hyperparameterNames(key)), LinkedHashMap::new, toList()));
        List<ScalabilityStep> steps = new ArrayList<>();
        for (List<GroupKey> keys : bySetting.values()) {
            for (int i = 0; i < keys.size(); i++) {
                for (int j = i + 1; j < keys.size(); j++) {
                    steps.add(step(keys.get(i), groups.get(keys.get(i)), keys.get(j), groups.get(keys.get(j))));
                }
            }
        }
        return steps;
    }

    private static ScalabilityStep step(GroupKey from, List<RecordedAttempt> fromAttempts, GroupKey to,
                                        List<RecordedAttempt> toAttempts) {
        Function<RecordedAttempt, Optional<Double>> params = attempt -> attempt.params().map(Long::doubleValue);
        DeviceMemory memory = DeviceMemory.on(from.device());
        return new ScalabilityStep(from, to,
                multiplier(fromAttempts, toAttempts, params),
                multiplier(fromAttempts, toAttempts, RecordedAttempt::trainSeconds),
                multiplier(fromAttempts, toAttempts, attempt -> memory.peak(attempt).map(Long::doubleValue)));
    }

    private static Optional<Double> multiplier(List<RecordedAttempt> from, List<RecordedAttempt> to,
                                               Function<RecordedAttempt, Optional<Double>> measure) {
        double[] before = values(from, measure);
        double[] after = values(to, measure);
        if (before.length == 0 || after.length == 0 || StatUtils.mean(before) == 0) {
            return Optional.empty();
        }
        return Optional.of(StatUtils.mean(after) / StatUtils.mean(before));
    }

    /**
     * Only series that trained on more than one training-set size, elsewhere the table says nothing. A series is a
     * group on every train fraction; its rows go by size, and by group where an older file's groups do not
     * tell the fractions apart.
     */
    private static List<TrainSizeEffect> trainSizes(Map<GroupKey, List<RecordedAttempt>> groups) {
        Map<List<String>, TreeMap<Long, Map<GroupKey, List<RecordedAttempt>>>> bySeries = new LinkedHashMap<>();
        groups.forEach((key, attempts) -> attempts.stream().filter(attempt -> attempt.trainSamples().isPresent())
                .forEach(attempt -> bySeries
                        .computeIfAbsent(List.of(key.dataset(), key.architecture(), key.device(), key.split(),
                                key.framework()), series -> new TreeMap<>())
                        .computeIfAbsent(attempt.trainSamples().orElseThrow(), size -> new LinkedHashMap<>())
                        .computeIfAbsent(key, group -> new ArrayList<>())
                        .add(attempt)));
        List<TrainSizeEffect> effects = new ArrayList<>();
        bySeries.values().stream().filter(bySize -> bySize.size() > 1).forEach(bySize -> bySize.forEach(
                (size, byGroup) -> byGroup.forEach((key, sized) -> effects.add(new TrainSizeEffect(key, size,
                        Statistic.of(sized.stream().map(RecordedAttempt::trainSeconds)),
                        Statistic.of(sized.stream().map(MEASURES.get("peak_rss_bytes"))))))));
        return effects;
    }

    private static double[] values(List<RecordedAttempt> attempts,
                                   Function<RecordedAttempt, Optional<Double>> measure) {
        return attempts.stream().map(measure).flatMap(Optional::stream).mapToDouble(Double::doubleValue).toArray();
    }
}
