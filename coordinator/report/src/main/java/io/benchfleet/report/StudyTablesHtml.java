package io.benchfleet.report;

import static org.apache.commons.text.StringEscapeUtils.escapeHtml4;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** The tables of report.html that reproduce the studies' own: matrices, baseline ratios, S2's and S3's tables. */
final class StudyTablesHtml {

    private static final double MIB = 1024.0 * 1024.0;

    private StudyTablesHtml() {
    }

    /** S4's layout: one table per (device, split) and measure, rows = dataset, columns = architecture. */
    static void matrices(StringBuilder html, List<GroupSummary> groups) {
        html.append("<h2 id=\"matrices\">Per device and split</h2>\n");
        Map<String, List<GroupSummary>> bySetting = new LinkedHashMap<>();
        groups.forEach(group -> bySetting.computeIfAbsent(
                "device " + group.key().device() + ", split " + group.key().split(), setting -> new ArrayList<>())
                .add(group));
        bySetting.forEach((setting, settingGroups) -> {
            matrix(html, "train time (s), mean ± std [95 % CI], " + setting, settingGroups,
                    group -> HtmlReport.withInterval(group.statistics().trainSeconds(), "%.2f"));
            matrix(html, "test accuracy, mean ± std, " + setting, settingGroups,
                    group -> HtmlReport.meanAndStd(group.statistics().testAccuracy(), "%.4f"));
        });
    }

    private static void matrix(StringBuilder html, String title, List<GroupSummary> groups,
                               Function<GroupSummary, String> cell) {
        Set<String> datasets = new LinkedHashSet<>();
        Set<String> architectures = new LinkedHashSet<>();
        Map<List<String>, GroupSummary> byCell = new LinkedHashMap<>();
        for (GroupSummary group : groups) {
            datasets.add(group.key().dataset());
            architectures.add(group.key().architecture());
            byCell.put(List.of(group.key().dataset(), group.key().architecture()), group);
        }
        html.append("<h3>").append(escapeHtml4(title)).append("</h3>\n<table>\n");
        List<String> headers = new ArrayList<>(List.of("dataset"));
        headers.addAll(architectures);
        HtmlReport.headerRow(html, headers);
        for (String dataset : datasets) {
            html.append("<tr>");
            HtmlReport.textCell(html, dataset);
            for (String architecture : architectures) {
                HtmlReport.numberCell(html, Optional.ofNullable(byCell.get(List.of(dataset, architecture)))
                        .map(cell).orElse(""));
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    static void comparisons(StringBuilder html, StudyTables tables) {
        if (tables.baseline().isEmpty()) {
            return;
        }
        html.append("<h2 id=\"baseline\">Against the baseline (")
                .append(escapeHtml4(tables.baseline().get().describe())).append(")</h2>\n")
                .append("<p>Ratio = the group's mean / the baseline's mean; p = Welch's two-sided t-test ")
                .append("(unequal variances), blank with fewer than two values a side.</p>\n<table>\n");
        List<String> headers = new ArrayList<>(List.of("dataset", "architecture", "device", "split", "baseline"));
        StudyTables.MEASURES.keySet().forEach(measure -> {
            headers.add(measure + " ratio");
            headers.add("p");
        });
        HtmlReport.headerRow(html, headers);
        for (BaselineComparison comparison : tables.comparisons()) {
            GroupKey group = comparison.group();
            html.append("<tr>");
            HtmlReport.textCell(html, group.dataset());
            HtmlReport.textCell(html, group.architecture());
            HtmlReport.textCell(html, group.device());
            HtmlReport.textCell(html, group.split());
            HtmlReport.textCell(html, comparison.baseline().architecture() + " on " + comparison.baseline().device()
                    + ", " + comparison.baseline().dataset());
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

    static void scalability(StringBuilder html, List<ScalabilityStep> steps) {
        if (steps.isEmpty()) {
            return;
        }
        html.append("<h2 id=\"scalability\">Scalability between architectures</h2>\n<table>\n");
        HtmlReport.headerRow(html, List.of("dataset", "device", "split", "from", "to", "params ×", "train time ×",
                "peak RSS ×"));
        for (ScalabilityStep step : steps) {
            html.append("<tr>");
            HtmlReport.textCell(html, step.dataset());
            HtmlReport.textCell(html, step.device());
            HtmlReport.textCell(html, step.split());
            HtmlReport.textCell(html, step.from());
            HtmlReport.textCell(html, step.to());
            HtmlReport.numberCell(html, step.paramsMultiplier().map(m -> number("%.2f", m)).orElse(""));
            HtmlReport.numberCell(html, step.timeMultiplier().map(m -> number("%.2f", m)).orElse(""));
            HtmlReport.numberCell(html, step.memoryMultiplier().map(m -> number("%.2f", m)).orElse(""));
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    static void trainSizes(StringBuilder html, List<TrainSizeEffect> effects) {
        if (effects.isEmpty()) {
            return;
        }
        html.append("<h2 id=\"train-sizes\">Time and memory against training-set size</h2>\n<table>\n");
        HtmlReport.headerRow(html, List.of("dataset", "architecture", "device", "split", "train samples",
                "train time (s), mean [95 % CI]", "peak RSS (MiB), mean"));
        for (TrainSizeEffect effect : effects) {
            GroupKey group = effect.group();
            html.append("<tr>");
            HtmlReport.textCell(html, group.dataset());
            HtmlReport.textCell(html, group.architecture());
            HtmlReport.textCell(html, group.device());
            HtmlReport.textCell(html, group.split());
            HtmlReport.numberCell(html, String.valueOf(effect.trainSamples()));
            HtmlReport.numberCell(html, HtmlReport.withInterval(effect.trainSeconds(), "%.2f"));
            HtmlReport.numberCell(html, effect.peakRssBytes().map(s -> number("%.0f", s.mean() / MIB)).orElse(""));
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    /** S2's per-epoch tables, one per group, folded: a sweep of many groups would otherwise bury the rest. */
    static void epochTables(StringBuilder html, List<EpochTable> tables) {
        if (tables.isEmpty()) {
            return;
        }
        html.append("<h2 id=\"epochs\">Per epoch</h2>\n<p>Each row is the mean over the group's succeeded tasks;")
                .append(" the last row the mean over the epochs. Memory coefficient: trainer RSS after epoch 2 over")
                .append(" RSS after epoch 1 (S2).</p>\n");
        for (EpochTable table : tables) {
            GroupKey group = table.group();
            html.append("<details><summary>").append(escapeHtml4(group.dataset() + " / " + group.architecture() + " / "
                    + group.device() + " / " + group.split())).append(" (").append(table.tasks()).append(" tasks")
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

    private static String number(String format, double value) {
        return String.format(Locale.ROOT, format, value);
    }
}
