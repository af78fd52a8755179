package io.benchfleet.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * S4's table of one device and split, each cell one group (its train time and test accuracy). Rows are datasets
 * and columns architectures; a report that compares frameworks has instead a row per dataset and architecture
 * and a column per framework, as S4 set its frameworks side by side, each dataset with its own network.
 *
 * @param setting     e.g. {@code device cpu, split standard}, with the framework and train fraction where the report
 *                    names them and they are not the columns
 * @param byFramework whether the columns are frameworks rather than architectures
 * @param rowHeaders  what each row's labels are: dataset, or dataset and architecture
 * @param columns     the architectures or frameworks, in the order their groups first appear
 * @param rows        in the order their groups first appear
 */
record StudyMatrix(String setting, boolean byFramework, List<String> rowHeaders, List<String> columns, List<Row> rows) {

    /** @param cells one per column; empty where the sweep had no such group */
    record Row(List<String> labels, List<Optional<GroupSummary>> cells) {
    }

    static List<StudyMatrix> of(List<GroupSummary> groups, ShownAxes shown) {
        boolean byFramework = shown.comparesFrameworks();
        Map<String, List<GroupSummary>> bySetting = new LinkedHashMap<>();
        groups.forEach(group -> bySetting.computeIfAbsent(setting(group.key(), shown),
                setting -> new ArrayList<>()).add(group));
        List<StudyMatrix> matrices = new ArrayList<>();
        bySetting.forEach((setting, settingGroups) -> matrices.add(byFramework
                ? matrix(setting, true, List.of("dataset", "architecture"), settingGroups,
                        key -> List.of(key.dataset(), key.architecture()), GroupKey::framework)
                : matrix(setting, false, List.of("dataset"), settingGroups,
                        key -> List.of(key.dataset()), GroupKey::architecture)));
        return matrices;
    }

    /**
     * E.g. {@code device cpu, split standard}: what the groups of one table share, with the framework where the
     * report names it and does not compare frameworks, the train fraction and hyperparameters where it names them.
     */
    static String setting(GroupKey key, ShownAxes shown) {
        List<String> parts = new ArrayList<>(List.of("device " + key.device(), "split " + key.split()));
        if (shown.framework() && !shown.comparesFrameworks()) {
            parts.add("framework " + key.framework());
        }
        if (shown.trainFraction()) {
            parts.add("train fraction " + SweepFileNumber.of(key.trainFraction()));
        }
        parts.addAll(shown.hyperparameterNames(key));
        return String.join(", ", parts);
    }

    private static StudyMatrix matrix(String setting, boolean byFramework, List<String> rowHeaders,
                                      List<GroupSummary> groups, Function<GroupKey, List<String>> rowOf,
                                      Function<GroupKey, String> columnOf) {
        Set<List<String>> rowLabels = new LinkedHashSet<>();
        Set<String> columns = new LinkedHashSet<>();
        Map<List<String>, GroupSummary> byCell = new LinkedHashMap<>();
        for (GroupSummary group : groups) {
            List<String> row = rowOf.apply(group.key());
            String column = columnOf.apply(group.key());
            rowLabels.add(row);
            columns.add(column);
            byCell.put(cell(row, column), group);
        }
        List<Row> rows = rowLabels.stream().map(labels -> new Row(labels, columns.stream()
                .map(column -> Optional.ofNullable(byCell.get(cell(labels, column)))).toList())).toList();
        return new StudyMatrix(setting, byFramework, rowHeaders, List.copyOf(columns), rows);
    }

    private static List<String> cell(List<String> row, String column) {
        List<String> cell = new ArrayList<>(row);
        cell.add(column);
        return cell;
    }
}
