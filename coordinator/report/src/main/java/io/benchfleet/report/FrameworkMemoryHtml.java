package io.benchfleet.report;

import static org.apache.commons.text.StringEscapeUtils.escapeHtml4;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The {@link FrameworkMemory} tables of report.html: one per setting, a row per framework. */
final class FrameworkMemoryHtml {

    private static final double MIB = 1024.0 * 1024.0;

    private FrameworkMemoryHtml() {
    }

    static void write(StringBuilder html, List<FrameworkMemory> tables, ShownAxes shown) {
        if (tables.isEmpty()) {
            return;
        }
        html.append("<h2 id=\"framework-memory\">Memory between frameworks</h2>\n")
                .append("<p>Each framework's peak memory, the mean over its succeeded tasks: on a gpu the GPU's memory")
                .append(" in use (the metrics agent's samples), on a cpu the trainer's RSS. Ratio: the framework's mean")
                .append(" over the reference framework's (S2's memory coefficient).</p>\n");
        for (FrameworkMemory table : tables) {
            html.append("<h3>").append(escapeHtml4(setting(table.setting(), shown) + ", against "
                    + table.reference())).append("</h3>\n<table>\n");
            HtmlReport.headerRow(html, List.of("framework", table.memory().peakLabel() + " (MiB), mean ± std",
                    "ratio to " + table.reference()));
            for (FrameworkMemory.Row row : table.rows()) {
                html.append("<tr>");
                HtmlReport.textCell(html, row.framework());
                HtmlReport.numberCell(html, HtmlReport.meanAndStd(
                        row.memoryBytes().map(FrameworkMemoryHtml::inMebibytes), "%.0f"));
                HtmlReport.numberCell(html, row.ratio().map(ratio -> String.format(Locale.ROOT, "%.3f", ratio))
                        .orElse(""));
                html.append("</tr>\n");
            }
            html.append("</table>\n");
        }
    }

    /** E.g. {@code mnist / mlp-small / gpu / standard / batch 32}: the group's names but its framework. */
    private static String setting(GroupKey setting, ShownAxes shown) {
        List<String> names = new ArrayList<>(List.of(setting.dataset(), setting.architecture(), setting.device(),
                setting.split()));
        if (shown.trainFraction()) {
            names.add("train fraction " + SweepFileNumber.of(setting.trainFraction()));
        }
        names.addAll(shown.hyperparameterNames(setting));
        return String.join(" / ", names);
    }

    private static Statistic inMebibytes(Statistic bytes) {
        return new Statistic(bytes.n(), bytes.mean() / MIB, bytes.standardDeviation().map(std -> std / MIB));
    }
}
