package io.benchfleet.report;

import static java.util.stream.Collectors.groupingBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Loss and accuracy per epoch for the charts: one curve per group of a dataset and split, named by its
 * architecture, device and the axes the report names (framework, train fraction), each point the mean over the
 * group's succeeded tasks (repetitions and folds).
 */
final class EpochCurves {

    private final Map<TaskInRun, GroupKey> groupByTask;
    private final Map<TaskInRun, List<RecordedEpoch>> epochsByTask;
    private final ShownAxes shown;

    EpochCurves(List<TaskResult> tasks, List<RecordedEpoch> epochs, ShownAxes shown) {
        this.groupByTask = new LinkedHashMap<>();
        tasks.stream().filter(result -> result.status() == TaskStatus.SUCCEEDED)
                .forEach(result -> groupByTask.put(result.inRun(), GroupKey.of(result.task())));
        this.epochsByTask = epochs.stream().collect(groupingBy(RecordedEpoch::inRun));
        this.shown = shown;
    }

    /** "dataset, split" to the curves of its groups; empty when no epoch reported the measure. */
    Map<String, XYSeriesCollection> curves(Function<RecordedEpoch, Optional<Double>> measure) {
        return curves((group, epoch) -> measure.apply(epoch));
    }

    /** As {@link #curves(Function)}, of a measure that depends on the group, such as the memory of its device. */
    Map<String, XYSeriesCollection> curves(BiFunction<GroupKey, RecordedEpoch, Optional<Double>> measure) {
        Map<String, Map<String, TreeMap<Integer, SummaryStatistics>>> byChart = new LinkedHashMap<>();
        groupByTask.forEach((task, group) -> {
            for (RecordedEpoch epoch : epochsByTask.getOrDefault(task, List.of())) {
                measure.apply(group, epoch).ifPresent(value -> byChart
                        .computeIfAbsent(group.dataset() + ", " + group.split(), chart -> new LinkedHashMap<>())
                        .computeIfAbsent(seriesName(group), series -> new TreeMap<>())
                        .computeIfAbsent(epoch.epoch(), e -> new SummaryStatistics())
                        .addValue(value));
            }
        });
        Map<String, XYSeriesCollection> charts = new LinkedHashMap<>();
        byChart.forEach((chart, seriesByName) -> {
            XYSeriesCollection collection = new XYSeriesCollection();
            seriesByName.forEach((name, points) -> {
                XYSeries series = new XYSeries(name);
                points.forEach((epoch, values) -> series.add(epoch.doubleValue(), values.getMean()));
                collection.addSeries(series);
            });
            charts.put(chart, collection);
        });
        return charts;
    }

    /** E.g. {@code mlp-small on cpu}, {@code mlp-small on cpu, pytorch, train fraction 0.1}. */
    private String seriesName(GroupKey group) {
        List<String> names = new ArrayList<>(List.of(group.architecture() + " on " + group.device()));
        names.addAll(shown.suffixes(group));
        return String.join(", ", names);
    }
}
