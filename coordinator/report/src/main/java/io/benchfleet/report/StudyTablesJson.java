package io.benchfleet.report;

import java.util.LinkedHashMap;
import java.util.List;
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
        document.put("reference", tables.reference().map(StudyTablesJson::reference).orElse(null));
        document.put("k_fold_times", tables.kFoldTimes().stream().map(StudyTablesJson::kFoldTime).toList());
    }

    private static Map<String, Object> kFoldTime(KFoldTime time) {
        Map<String, Object> fields = group(time.group());
        fields.put("folds", time.folds());
        fields.put("total_seconds", ReportJson.statistic(time.totalSeconds()));
        fields.put("fold_seconds", ReportJson.statistic(time.foldSeconds()));
        fields.put("holdouts", time.holdouts().stream().map(holdout -> {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("split", holdout.holdout().split());
            values.put("holdout_seconds", ReportJson.statistic(holdout.holdoutSeconds()));
            values.put("ratio", holdout.ratio().orElse(null));
            return values;
        }).toList());
        return fields;
    }

    private static Map<String, Object> reference(ReferenceTable table) {
        StudyReference study = table.reference();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("study", study.study());
        fields.put("hardware", study.hardware());
        fields.put("our_hardware", table.ourHardware());
        fields.put("ambiguities", study.ambiguities());
        fields.put("contradictions", study.contradictions());
        fields.put("groups", study.groups().stream().map(group -> referenceGroup(group, table.matched().stream()
                .filter(row -> row.study() == group).toList())).toList());
        return fields;
    }

    private static Map<String, Object> referenceGroup(ReferenceGroup group, List<ReferenceTable.Row> matches) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("dataset", group.dataset());
        fields.put("architecture", group.architecture());
        fields.put("device", group.device().orElse(null));
        fields.put("split", group.split().orElse(null));
        fields.put("train_fraction", group.trainFraction().orElse(null));
        fields.put("framework", group.framework());
        fields.put("source", group.source());
        fields.put("note", group.note().orElse(null));
        Map<String, Object> figures = new LinkedHashMap<>();
        group.figures().forEach((measure, values) -> figures.put(measure.column(), values.stream().map(figure -> {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("value", figure.value());
            value.put("source", group.sourceOf(figure));
            return value;
        }).toList()));
        fields.put("figures", figures);
        fields.put("disagreeing", group.figures().keySet().stream().filter(group::disagrees)
                .map(ReferenceMeasure::column).toList());
        fields.put("ours", matches.stream().map(StudyTablesJson::ours).toList());
        return fields;
    }

    private static Map<String, Object> ours(ReferenceTable.Row row) {
        GroupSummary ours = row.ours().orElseThrow();
        Map<String, Object> fields = group(ours.key());
        fields.put("hardware", ours.hardware());
        Map<String, Object> figures = new LinkedHashMap<>();
        row.study().figures().keySet().forEach(measure -> {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("value", row.ours(measure).orElse(null));
            values.put("ratios", row.ratios(measure).stream().map(ratio -> ratio.orElse(null)).toList());
            figures.put(measure.column(), values);
        });
        fields.put("figures", figures);
        return fields;
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
        fields.put("memory", DeviceMemory.on(from.device()).peakColumn());
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
