package io.benchfleet.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * S1's resource figures: the groups of one chart setting side by side, one line per group in each measure's chart.
 * A setting is a dataset, device and split with the values of the axes the report names, but the compared one: the
 * framework where the report compares frameworks, else the architecture. Each line is named by what tells its group
 * from the setting's others: the framework (with the architecture where the setting has several), else the
 * architecture.
 *
 * @param setting  e.g. {@code mnist, device cpu, split holdout-0.3}, or {@code ..., framework dl4j, batch 32}
 * @param compared {@code framework} or {@code architecture}
 * @param lines    one per group of the setting, in the order the groups first appear
 */
record ResourceComparison(String setting, String compared, List<Line> lines) {

    /** @param group the group's index among the report's groups and their {@link GroupResources} */
    record Line(String label, int group) {
    }

    static List<ResourceComparison> of(List<GroupSummary> groups, ShownAxes shown) {
        boolean byFramework = shown.comparesFrameworks();
        Map<String, List<Integer>> bySetting = new LinkedHashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            GroupKey key = groups.get(i).key();
            bySetting.computeIfAbsent(key.dataset() + ", " + StudyMatrix.setting(key, shown), setting -> new ArrayList<>())
                    .add(i);
        }
        List<ResourceComparison> comparisons = new ArrayList<>();
        bySetting.forEach((setting, members) -> {
            List<GroupKey> keys = members.stream().map(i -> groups.get(i).key()).toList();
            boolean severalArchitectures = keys.stream().map(GroupKey::architecture).distinct().count() > 1;
            List<String> labels = unique(keys.stream().map(key -> !byFramework ? key.architecture()
                    : severalArchitectures ? key.architecture() + ", " + key.framework() : key.framework()).toList());
            List<Line> lines = new ArrayList<>();
            for (int k = 0; k < members.size(); k++) {
                lines.add(new Line(labels.get(k), members.get(k)));
            }
            comparisons.add(new ResourceComparison(setting, byFramework ? "framework" : "architecture", lines));
        });
        return comparisons;
    }

    /** The measure's chart: each line's mean trace, in the measure's unit; no series where no group has one. */
    XYSeriesCollection chart(ComparedMeasure measure, List<GroupResources> resources) {
        XYSeriesCollection chart = new XYSeriesCollection();
        for (Line line : lines) {
            meanTrace(line, measure, resources).ifPresent(trace -> {
                XYSeries series = new XYSeries(line.label(), false);
                for (int k = 0; k < trace.seconds().size(); k++) {
                    series.add(trace.seconds().get(k).doubleValue(), trace.mean().get(k) * measure.scale);
                }
                chart.addSeries(series);
            });
        }
        return chart;
    }

    /** The measures some group of the setting has a mean trace of, in {@link ComparedMeasure}'s order. */
    List<ComparedMeasure> measures(List<GroupResources> resources) {
        return Arrays.stream(ComparedMeasure.values())
                .filter(measure -> lines.stream().anyMatch(line -> meanTrace(line, measure, resources).isPresent()))
                .toList();
    }

    private static Optional<MeanTrace> meanTrace(Line line, ComparedMeasure measure, List<GroupResources> resources) {
        return Optional.ofNullable(resources.get(line.group()).measures().get(measure.traced))
                .flatMap(GroupResources.MeasureProfile::trace);
    }

    /**
     * Groups that differ only in values the report does not name (two hyperparameters changed together) would
     * share a label, and a chart's lines need their own names: the later ones get a number.
     */
    private static List<String> unique(List<String> labels) {
        Map<String, Integer> seen = new HashMap<>();
        return labels.stream().map(label -> {
            int n = seen.merge(label, 1, Integer::sum);
            return n == 1 ? label : label + " #" + n;
        }).toList();
    }
}
