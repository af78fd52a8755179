package io.benchfleet.report;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@link StudyTables} part of report.json; {@link ReportJson} documents the field names. */
final class StudyTablesJson {

    private StudyTablesJson() {
    }

    static void addTo(Map<String, Object> document, StudyTables tables) {
        document.put("baseline", tables.baseline().map(Baseline::axes).orElse(null));
        document.put("comparisons", tables.comparisons().stream().map(StudyTablesJson::comparison).toList());
        document.put("scalability", tables.scalability().stream().map(StudyTablesJson::step).toList());
        document.put("train_sizes", tables.trainSizes().stream().map(StudyTablesJson::trainSize).toList());
    }

    private static Map<String, Object> comparison(BaselineComparison comparison) {
        Map<String, Object> fields = group(comparison.group());
        fields.put("baseline", group(comparison.baseline()));
        Map<String, Object> ratios = new LinkedHashMap<>();
        comparison.ratios().forEach(ratio -> {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("ratio", ratio.ratio());
            values.put("p_value", ratio.pValue().orElse(null));
            ratios.put(ratio.measure(), values);
        });
        fields.put("ratios", ratios);
        return fields;
    }

    private static Map<String, Object> step(ScalabilityStep step) {
        GroupKey from = step.from();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("dataset", from.dataset());
        fields.put("device", from.device());
        fields.put("split", from.split());
        fields.put("framework", from.framework());
        fields.put("train_fraction", from.trainFraction());
        fields.put("from", from.architecture());
        fields.put("to", step.to().architecture());
        fields.put("params_multiplier", step.paramsMultiplier().orElse(null));
        fields.put("time_multiplier", step.timeMultiplier().orElse(null));
        fields.put("memory_multiplier", step.memoryMultiplier().orElse(null));
        return fields;
    }

    private static Map<String, Object> trainSize(TrainSizeEffect effect) {
        Map<String, Object> fields = group(effect.group());
        fields.put("train_samples", effect.trainSamples());
        fields.put("train_seconds", ReportJson.statistic(effect.trainSeconds()));
        fields.put("peak_rss_bytes", ReportJson.statistic(effect.peakRssBytes()));
        return fields;
    }

    private static Map<String, Object> group(GroupKey key) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("dataset", key.dataset());
        fields.put("architecture", key.architecture());
        fields.put("device", key.device());
        fields.put("split", key.split());
        fields.put("framework", key.framework());
        fields.put("train_fraction", key.trainFraction());
        ReportJson.putHyperparameters(fields, key.hyperparameters());
        return fields;
    }
}
