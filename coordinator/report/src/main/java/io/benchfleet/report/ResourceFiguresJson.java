package io.benchfleet.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * report.json's fields of S1's resource figures: the trace window and which groups {@link ResourceComparison} sets
 * side by side, at the top (the lines' traces are the groups' own, under their resources), and a group's range and
 * GPU zero windows.
 */
final class ResourceFiguresJson {

    private ResourceFiguresJson() {
    }

    static void addTo(Map<String, Object> document, RunSummary summary, List<GroupResources> resources,
                      ReportOptions options) {
        document.put("trace_window_seconds", options.traceWindowSeconds().orElse(null));
        document.put("resources_compared", ResourceComparison.of(summary.groups(), summary.shownAxes()).stream()
                .map(comparison -> comparison(comparison, summary.groups(), resources)).toList());
    }

    private static Map<String, Object> comparison(ResourceComparison comparison, List<GroupSummary> groups,
                                                  List<GroupResources> resources) {
        GroupKey first = groups.get(comparison.lines().get(0).group()).key();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("setting", comparison.setting());
        fields.put("dataset", first.dataset());
        fields.put("device", first.device());
        fields.put("split", first.split());
        fields.put("compared", comparison.compared());
        fields.put("lines", comparison.lines().stream().map(line -> {
            GroupKey key = groups.get(line.group()).key();
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("label", line.label());
            values.put("group", line.group());
            values.put("architecture", key.architecture());
            values.put("framework", key.framework());
            return values;
        }).toList());
        fields.put("measures", comparison.measures(resources).stream().map(measure -> measure.traced.column()).toList());
        return fields;
    }

    static Map<String, Object> range(GroupResources.MeasureProfile profile) {
        Map<String, Object> range = new LinkedHashMap<>();
        range.put("min", profile.lowest());
        range.put("max", profile.highest());
        return range;
    }

    /** Each repetition's windows as {start, end} by its label; null without GPU samples. */
    static Map<String, Object> zeroWindows(GroupResources resources) {
        if (resources.gpuZeroWindows().isEmpty()) {
            return null;
        }
        Map<String, Object> byRepetition = new LinkedHashMap<>();
        resources.gpuZeroWindows().forEach((repetition, windows) -> byRepetition.put(repetition,
                windows.stream().map(window -> {
                    Map<String, Object> fields = new LinkedHashMap<>();
                    fields.put("start", window.start());
                    fields.put("end", window.end());
                    return fields;
                }).toList()));
        return byRepetition;
    }
}
