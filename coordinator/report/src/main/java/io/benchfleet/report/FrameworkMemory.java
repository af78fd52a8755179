package io.benchfleet.report;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.mapping;
import static java.util.stream.Collectors.toList;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * S2's memory coefficient between frameworks, for groups that differ in their framework alone (same dataset,
 * architecture, device, split, train fraction and hyperparameters): each framework's mean peak memory, the one that
 * counts on the device ({@link DeviceMemory}), and its ratio to the reference framework's. Peaks rather than the
 * trainers' per-epoch figures: on a GPU the metrics agent measures every framework the same way, where each trainer
 * would count its own.
 *
 * @param setting   the axes every row shares; its framework is empty
 * @param reference the framework the ratios divide by: the baseline's where the sweep's report.baseline names a
 *                  framework, else the report's first framework in the setting
 * @param rows      one per framework, in the report's order
 */
record FrameworkMemory(GroupKey setting, DeviceMemory memory, String reference, List<Row> rows) {

    /**
     * @param memoryBytes the group's succeeded tasks' peaks; empty where none was measured
     * @param ratio       the mean over the reference's mean; empty without both, or where the reference lacks it
     */
    record Row(String framework, Optional<Statistic> memoryBytes, Optional<Double> ratio) {
    }

    /** One per setting that has two frameworks or more; none where the report does not compare frameworks. */
    static List<FrameworkMemory> of(RunSummary summary) {
        ShownAxes shown = summary.shownAxes();
        if (!shown.comparesFrameworks()) {
            return List.of();
        }
        Optional<String> baseline = summary.tables().baseline()
                .flatMap(named -> Optional.ofNullable(named.axes().get("framework")));
        Map<GroupKey, List<RecordedAttempt>> groups = summary.tasks().stream()
                .filter(result -> result.status() == TaskStatus.SUCCEEDED)
                .collect(groupingBy(result -> GroupKey.of(result.task()), LinkedHashMap::new,
                        mapping(result -> result.finalAttempt().orElseThrow(), toList())));
        Map<GroupKey, Map<String, List<RecordedAttempt>>> bySetting = new LinkedHashMap<>();
        groups.forEach((key, attempts) -> bySetting
                .computeIfAbsent(withoutFramework(key), setting -> new LinkedHashMap<>())
                .put(key.framework(), attempts));
        List<FrameworkMemory> tables = new ArrayList<>();
        bySetting.forEach((setting, byFramework) -> {
            if (byFramework.size() > 1) {
                List<String> frameworks = shown.frameworks().stream().filter(byFramework::containsKey).toList();
                tables.add(table(setting, frameworks, byFramework, baseline.orElse(frameworks.get(0))));
            }
        });
        return tables;
    }

    private static FrameworkMemory table(GroupKey setting, List<String> frameworks,
                                         Map<String, List<RecordedAttempt>> byFramework, String reference) {
        DeviceMemory memory = DeviceMemory.on(setting.device());
        Map<String, Optional<Statistic>> peaks = new LinkedHashMap<>();
        frameworks.forEach(framework -> peaks.put(framework, Statistic.of(byFramework.get(framework).stream()
                .map(attempt -> memory.peak(attempt).map(Long::doubleValue)))));
        Optional<Double> referenceMean = peaks.getOrDefault(reference, Optional.empty()).map(Statistic::mean)
                .filter(mean -> mean > 0);
        List<Row> rows = frameworks.stream().map(framework -> new Row(framework, peaks.get(framework),
                peaks.get(framework).flatMap(peak -> referenceMean.map(mean -> peak.mean() / mean)))).toList();
        return new FrameworkMemory(setting, memory, reference, rows);
    }

    /** The setting a group belongs to: its key with the framework blanked out. */
    private static GroupKey withoutFramework(GroupKey key) {
        return new GroupKey(key.dataset(), key.architecture(), key.device(), key.split(), "", key.trainFraction(),
                key.hyperparameters());
    }
}
