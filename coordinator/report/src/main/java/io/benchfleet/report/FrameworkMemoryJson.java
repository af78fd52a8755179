package io.benchfleet.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@link FrameworkMemory} part of report.json; {@link ReportJson} documents the field names. */
final class FrameworkMemoryJson {

    private FrameworkMemoryJson() {
    }

    static List<Map<String, Object>> of(List<FrameworkMemory> tables) {
        return tables.stream().map(FrameworkMemoryJson::table).toList();
    }

    private static Map<String, Object> table(FrameworkMemory table) {
        GroupKey setting = table.setting();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("dataset", setting.dataset());
        fields.put("architecture", setting.architecture());
        fields.put("device", setting.device());
        fields.put("split", setting.split());
        fields.put("train_fraction", setting.trainFraction());
        ReportJson.putHyperparameters(fields, setting.hyperparameters());
        fields.put("memory", table.memory().peakColumn());
        fields.put("reference", table.reference());
        fields.put("frameworks", table.rows().stream().map(row -> {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("framework", row.framework());
            values.put("memory_bytes", ReportJson.statistic(row.memoryBytes()));
            values.put("ratio", row.ratio().orElse(null));
            return values;
        }).toList());
        return fields;
    }
}
