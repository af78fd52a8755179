package io.benchfleet.report;

import static org.apache.commons.text.StringEscapeUtils.escapeHtml4;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
     * one table whose columns pair each framework's train time and test accuracy, as S4 printed them.
     */
    static void matrices(StringBuilder html, List<StudyMatrix> matrices) {
        html.append("<h2 id=\"matrices\">Per device and split</h2>\n");
        for (StudyMatrix matrix : matrices) {
            if (matrix.byFramework()) {
                frameworkMatrix(html, matrix);
            } else {
                matrix(html, TRAIN_TIME + ", " + matrix.setting(), matrix, StudyTablesHtml::trainTime);
                matrix(html, TEST_ACCURACY + ", " + matrix.setting(), matrix, StudyTablesHtml::testAccuracy);
            }
        }
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

    private static void frameworkMatrix(StringBuilder html, StudyMatrix matrix) {
        html.append("<h3>").append(escapeHtml4(TRAIN_TIME + " and " + TEST_ACCURACY + ", " + matrix.setting()))
                .append("</h3>\n<table>\n<tr>");
        matrix.rowHeaders().forEach(header -> html.append("<th rowspan=\"2\">").append(escapeHtml4(header))
                .append("</th>"));
        matrix.columns().forEach(framework -> html.append("<th colspan=\"2\">").append(escapeHtml4(framework))
                .append("</th>"));
        html.append("</tr>\n<tr>");
        matrix.columns().forEach(framework -> html.append("<th>train time (s)</th><th>test accuracy</th>"));
        html.append("</tr>\n");
        for (StudyMatrix.Row row : matrix.rows()) {
            html.append("<tr>");
            row.labels().forEach(label -> HtmlReport.textCell(html, label));
            row.cells().forEach(group -> {
                HtmlReport.numberCell(html, group.map(StudyTablesHtml::trainTime).orElse(""));
                HtmlReport.numberCell(html, group.map(StudyTablesHtml::testAccuracy).orElse(""));
            });
            html.append("</tr>\n");
        }
        html.append("</table>\n");
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
        headers.addAll(List.of("from", "to", "params ×", "train time ×", "peak RSS ×"));
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
                .append(" the last row the mean over the epochs. Memory coefficient: trainer RSS after epoch 2 over")
                .append(" RSS after epoch 1 (S2).</p>\n");
        for (EpochTable table : tables) {
            html.append("<details><summary>").append(escapeHtml4(shown.label(table.group(), " / ")))
                    .append(" (").append(table.tasks()).append(" tasks")
                    .append(table.memoryCoefficient().map(c -> number(", memory coefficient %.3f", c)).orElse(""))
                    .append(")</summary>\n<table>\n");
            HtmlReport.headerRow(html, List.of("epoch", "time (s)", "samples/s", "train loss", "test accuracy",
                    "trainer RSS (MiB)"));
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
        HtmlReport.numberCell(html, row.rssBytes().map(v -> number("%.0f", v / MIB)).orElse(""));
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
