package io.benchfleet.report;

import static org.apache.commons.text.StringEscapeUtils.escapeHtml4;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** The tables of report.html that reproduce the studies' own: matrices, baseline ratios, S2's and S3's tables. */
final class StudyTablesHtml {

    private static final double MIB = 1024.0 * 1024.0;
    private static final String TRAIN_TIME = "train time (s), mean ± std [95 % CI]";
    private static final String TEST_ACCURACY = "test accuracy, mean ± std";

    private StudyTablesHtml() {
    }

    /**
     * S4's layout per (device, split): with architectures in the columns, one table per measure; with frameworks,
     * one table whose columns pair each framework's train time and test accuracy, as S4 printed them. On a k-fold
     * split the time of all folds comes first, S4's figure, then the time per fold and, where the report has the
     * same training on a hold-out split, the ratio of the two protocols' times.
     */
    static void matrices(StringBuilder html, List<StudyMatrix> matrices, List<KFoldTime> kFoldTimes) {
        html.append("<h2 id=\"matrices\">Per device and split</h2>\n");
        if (!kFoldTimes.isEmpty()) {
            html.append("<p>k-fold splits: all folds = per repetition the sum of its folds' train times, then the ")
                    .append("mean over the repetitions (those with a fold that did not succeed left out); per fold = ")
                    .append("the mean over every fold; k-fold / hold-out = the mean time of all folds over the mean ")
                    .append("train time of the same training on the hold-out split.</p>\n");
        }
        Map<GroupKey, KFoldTime> byGroup = KFoldTime.byGroup(kFoldTimes);
        for (StudyMatrix matrix : matrices) {
            List<KFoldTime> folds = kFoldTimes(matrix, byGroup);
            if (matrix.byFramework()) {
                frameworkMatrix(html, matrix, folds.isEmpty() ? List.of() : kFoldTimeColumns(folds, byGroup), byGroup);
            } else if (folds.isEmpty()) {
                matrix(html, TRAIN_TIME + ", " + matrix.setting(), matrix, StudyTablesHtml::trainTime);
                matrix(html, TEST_ACCURACY + ", " + matrix.setting(), matrix, StudyTablesHtml::testAccuracy);
            } else {
                kFoldTimeColumns(folds, byGroup).forEach(column -> matrix(html,
                        column.header() + ", " + matrix.setting(), matrix, column.cell()));
                matrix(html, TEST_ACCURACY + ", " + matrix.setting(), matrix, StudyTablesHtml::testAccuracy);
            }
        }
    }

    /** A time of a group: a table of its own, or a column beside each framework's accuracy. */
    private record TimeColumn(String header, String shortHeader, Function<GroupSummary, String> cell) {
    }

    private static List<TimeColumn> kFoldTimeColumns(List<KFoldTime> folds, Map<GroupKey, KFoldTime> byGroup) {
        Function<GroupSummary, Optional<KFoldTime>> time = group -> Optional.ofNullable(byGroup.get(group.key()));
        List<TimeColumn> columns = new ArrayList<>(List.of(
                new TimeColumn("train time of all " + folds.get(0).folds() + " folds (s), mean ± std [95 % CI]",
                        "all " + folds.get(0).folds() + " folds (s)", group -> time.apply(group)
                        .map(kFold -> HtmlReport.withInterval(kFold.totalSeconds(), "%.2f")).orElse("")),
                new TimeColumn("train time per fold (s), mean ± std [95 % CI]", "per fold (s)",
                        StudyTablesHtml::trainTime)));
        if (folds.stream().anyMatch(kFold -> !kFold.holdouts().isEmpty())) {
            columns.add(new TimeColumn("k-fold / hold-out train time", "k-fold / hold-out time",
                    group -> time.apply(group).map(StudyTablesHtml::holdoutRatios).orElse("")));
        }
        return columns;
    }

    /** E.g. {@code 9.53}, or {@code 9.53 (holdout-0.3); 7.10 (holdout-0.2)} beside several hold-out splits. */
    private static String holdoutRatios(KFoldTime kFold) {
        List<KFoldTime.HoldoutRatio> holdouts = kFold.holdouts();
        return String.join("; ", holdouts.stream()
                .map(holdout -> holdout.ratio().map(r -> number("%.2f", r)).orElse("-")
                        + (holdouts.size() > 1 ? " (" + holdout.holdout().split() + ")" : ""))
                .toList());
    }

    private static List<KFoldTime> kFoldTimes(StudyMatrix matrix, Map<GroupKey, KFoldTime> byGroup) {
        return matrix.rows().stream().flatMap(row -> row.cells().stream()).flatMap(Optional::stream)
                .map(group -> byGroup.get(group.key())).filter(Objects::nonNull).toList();
    }

    private static void matrix(StringBuilder html, String title, StudyMatrix matrix,
                               Function<GroupSummary, String> cell) {
        html.append("<h3>").append(escapeHtml4(title)).append("</h3>\n<table>\n");
        List<String> headers = new ArrayList<>(matrix.rowHeaders());
        headers.addAll(matrix.columns());
        HtmlReport.headerRow(html, headers);
        for (StudyMatrix.Row row : matrix.rows()) {
            html.append("<tr>");
            row.labels().forEach(label -> HtmlReport.textCell(html, label));
            row.cells().forEach(group -> HtmlReport.numberCell(html, group.map(cell).orElse("")));
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    /**
     * @param kFold   the time columns of a k-fold split, in place of the one train time; none on other splits
     * @param byGroup the k-fold times, for the time each framework took in all (S1's "X % slower")
     */
    private static void frameworkMatrix(StringBuilder html, StudyMatrix matrix, List<TimeColumn> kFold,
                                        Map<GroupKey, KFoldTime> byGroup) {
        List<TimeColumn> times = kFold.isEmpty()
                ? List.of(new TimeColumn(TRAIN_TIME, "train time (s)", StudyTablesHtml::trainTime))
                : kFold;
        String timeTitle = kFold.isEmpty() ? TRAIN_TIME
                : "train time of all folds and per fold (s), mean ± std [95 % CI],";
        html.append("<h3>").append(escapeHtml4(timeTitle + " and " + TEST_ACCURACY + ", " + matrix.setting()))
                .append("</h3>\n<table>\n<tr>");
        matrix.rowHeaders().forEach(header -> html.append("<th rowspan=\"2\">").append(escapeHtml4(header))
                .append("</th>"));
        matrix.columns().forEach(framework -> html.append("<th colspan=\"").append(times.size() + 1).append("\">")
                .append(escapeHtml4(framework)).append("</th>"));
        html.append("<th rowspan=\"2\">").append(escapeHtml4("train time against " + matrix.columns().get(0)))
                .append("</th>");
        html.append("</tr>\n<tr>");
        matrix.columns().forEach(framework -> {
            times.forEach(time -> html.append("<th>").append(escapeHtml4(time.shortHeader())).append("</th>"));
            html.append("<th>test accuracy</th>");
        });
        html.append("</tr>\n");
        for (StudyMatrix.Row row : matrix.rows()) {
            html.append("<tr>");
            row.labels().forEach(label -> HtmlReport.textCell(html, label));
            row.cells().forEach(group -> {
                times.forEach(time -> HtmlReport.numberCell(html, group.map(time.cell()).orElse("")));
                HtmlReport.numberCell(html, group.map(StudyTablesHtml::testAccuracy).orElse(""));
            });
            HtmlReport.textCell(html, againstFirst(row, matrix.columns(), byGroup));
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    /**
     * S1's comparison, e.g. {@code pytorch 25.0 % faster}: each other framework's mean train time (all folds on a
     * k-fold split) against the first framework's. Slower: by the share of the first's time it took longer; faster:
     * by the share of the first's time it took less, as S1 put Keras against Axon.
     */
    private static String againstFirst(StudyMatrix.Row row, List<String> frameworks,
                                       Map<GroupKey, KFoldTime> byGroup) {
        Optional<Double> first = row.cells().get(0).flatMap(group -> KFoldTime.studyTime(group, byGroup))
                .map(Statistic::mean).filter(mean -> mean > 0);
        List<String> differences = new ArrayList<>();
        for (int column = 1; column < frameworks.size(); column++) {
            String framework = frameworks.get(column);
            row.cells().get(column).flatMap(group -> KFoldTime.studyTime(group, byGroup)).map(Statistic::mean)
                    .flatMap(time -> first.map(reference -> time / reference))
                    .ifPresent(ratio -> differences.add(framework + " " + (ratio >= 1
                            ? number("%.1f %% slower", 100 * (ratio - 1))
                            : number("%.1f %% faster", 100 * (1 - ratio)))));
        }
        return String.join("; ", differences);
    }

    private static String trainTime(GroupSummary group) {
        return HtmlReport.withInterval(group.statistics().trainSeconds(), "%.2f");
    }

    private static String testAccuracy(GroupSummary group) {
        return HtmlReport.meanAndStd(group.statistics().testAccuracy(), "%.4f");
    }

    static void comparisons(StringBuilder html, StudyTables tables, ShownAxes shown) {
        if (tables.baseline().isEmpty()) {
            return;
        }
        html.append("<h2 id=\"baseline\">Against the baseline (")
                .append(escapeHtml4(tables.baseline().get().describe())).append(")</h2>\n")
                .append("<p>Ratio = the group's mean / the baseline's mean; p = Welch's two-sided t-test ")
                .append("(unequal variances), blank with fewer than two values a side.</p>\n<table>\n");
        List<String> headers = groupHeaders(shown);
        headers.add("baseline");
        StudyTables.MEASURES.keySet().forEach(measure -> {
            headers.add(measure + " ratio");
            headers.add("p");
        });
        HtmlReport.headerRow(html, headers);
        for (BaselineComparison comparison : tables.comparisons()) {
            html.append("<tr>");
            groupCells(html, comparison.group(), shown);
            HtmlReport.textCell(html, counterpart(comparison.baseline(), shown));
            for (String measure : StudyTables.MEASURES.keySet()) {
                Optional<BaselineComparison.Ratio> ratio = comparison.ratios().stream()
                        .filter(r -> r.measure().equals(measure)).findFirst();
                HtmlReport.numberCell(html, ratio.map(r -> number("%.3f", r.ratio())).orElse(""));
                HtmlReport.numberCell(html, ratio.flatMap(BaselineComparison.Ratio::pValue)
                        .map(p -> number("%.4f", p)).orElse(""));
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    static void scalability(StringBuilder html, List<ScalabilityStep> steps, ShownAxes shown) {
        if (steps.isEmpty()) {
            return;
        }
        html.append("<h2 id=\"scalability\">Scalability between architectures</h2>\n<table>\n");
        List<String> headers = new ArrayList<>(List.of("dataset", "device", "split"));
        headers.addAll(shown.headers());
        headers.addAll(List.of("from", "to", "params ×", "train time ×",
                DeviceMemory.peakOf(steps.stream().map(step -> step.from().device()).toList()) + " ×"));
        HtmlReport.headerRow(html, headers);
        for (ScalabilityStep step : steps) {
            GroupKey from = step.from();
            html.append("<tr>");
            HtmlReport.textCell(html, from.dataset());
            HtmlReport.textCell(html, from.device());
            HtmlReport.textCell(html, from.split());
            shown.cells(from).forEach(cell -> HtmlReport.textCell(html, cell));
            HtmlReport.textCell(html, from.architecture());
            HtmlReport.textCell(html, step.to().architecture());
            HtmlReport.numberCell(html, step.paramsMultiplier().map(m -> number("%.2f", m)).orElse(""));
            HtmlReport.numberCell(html, step.timeMultiplier().map(m -> number("%.2f", m)).orElse(""));
            HtmlReport.numberCell(html, step.memoryMultiplier().map(m -> number("%.2f", m)).orElse(""));
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    static void trainSizes(StringBuilder html, List<TrainSizeEffect> effects, ShownAxes shown) {
        if (effects.isEmpty()) {
            return;
        }
        html.append("<h2 id=\"train-sizes\">Time and memory against training-set size</h2>\n<table>\n");
        List<String> headers = groupHeaders(shown);
        headers.addAll(List.of("train samples", "train time (s), mean [95 % CI]", "peak RSS (MiB), mean"));
        HtmlReport.headerRow(html, headers);
        for (TrainSizeEffect effect : effects) {
            html.append("<tr>");
            groupCells(html, effect.group(), shown);
            HtmlReport.numberCell(html, String.valueOf(effect.trainSamples()));
            HtmlReport.numberCell(html, HtmlReport.withInterval(effect.trainSeconds(), "%.2f"));
            HtmlReport.numberCell(html, effect.peakRssBytes().map(s -> number("%.0f", s.mean() / MIB)).orElse(""));
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    /** S2's per-epoch tables, one per group, folded: a sweep of many groups would otherwise bury the rest. */
    static void epochTables(StringBuilder html, List<EpochTable> tables, ShownAxes shown) {
        if (tables.isEmpty()) {
            return;
        }
        html.append("<h2 id=\"epochs\">Per epoch</h2>\n<p>Each row is the mean over the group's succeeded tasks;")
                .append(" the last row the mean over the epochs. Memory: the GPU's memory in use on a gpu task,")
                .append(" the trainer's RSS on a cpu task (S2). Memory coefficient: memory after epoch 2 over")
                .append(" memory after epoch 1 (S2).</p>\n");
        for (EpochTable table : tables) {
            html.append("<details><summary>").append(escapeHtml4(shown.label(table.group(), " / ")))
                    .append(" (").append(table.tasks()).append(" tasks")
                    .append(table.memoryCoefficient().map(c -> number(", memory coefficient %.3f", c)).orElse(""))
                    .append(")</summary>\n<table>\n");
            HtmlReport.headerRow(html, List.of("epoch", "time (s)", "samples/s", "train loss", "test accuracy",
                    table.memory().label() + " (MiB)"));
            table.epochs().forEach(row -> epochRow(html, row));
            epochRow(html, table.mean());
            html.append("</table>\n</details>\n");
        }
    }

    private static void epochRow(StringBuilder html, EpochTable.Row row) {
        html.append("<tr>");
        HtmlReport.textCell(html, row.label());
        HtmlReport.numberCell(html, row.seconds().map(v -> number("%.2f", v)).orElse(""));
        HtmlReport.numberCell(html, row.samplesPerSecond().map(v -> number("%.1f", v)).orElse(""));
        HtmlReport.numberCell(html, row.trainLoss().map(v -> number("%.4f", v)).orElse(""));
        HtmlReport.numberCell(html, row.testAccuracy().map(v -> number("%.4f", v)).orElse(""));
        HtmlReport.numberCell(html, row.memoryBytes().map(v -> number("%.0f", v / MIB)).orElse(""));
        html.append("</tr>\n");
    }

    /** The headers of a group's axes, for the first columns of a table of groups. */
    private static List<String> groupHeaders(ShownAxes shown) {
        List<String> headers = new ArrayList<>(List.of("dataset", "architecture", "device", "split"));
        headers.addAll(shown.headers());
        return headers;
    }

    private static void groupCells(StringBuilder html, GroupKey group, ShownAxes shown) {
        HtmlReport.textCell(html, group.dataset());
        HtmlReport.textCell(html, group.architecture());
        HtmlReport.textCell(html, group.device());
        HtmlReport.textCell(html, group.split());
        shown.cells(group).forEach(cell -> HtmlReport.textCell(html, cell));
    }

    /** E.g. {@code mlp-small on cpu, mnist}, and the framework where the report names it. */
    private static String counterpart(GroupKey baseline, ShownAxes shown) {
        return baseline.architecture() + " on " + baseline.device() + ", " + baseline.dataset()
                + (shown.framework() ? ", " + baseline.framework() : "");
    }

    private static String number(String format, double value) {
        return String.format(Locale.ROOT, format, value);
    }
}
