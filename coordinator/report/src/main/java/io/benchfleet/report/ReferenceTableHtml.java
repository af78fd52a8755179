package io.benchfleet.report;

import static org.apache.commons.text.StringEscapeUtils.escapeHtml4;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The section of report.html that sets a study's own figures beside ours: the rows that match a group of ours, those
 * that match none folded below, then where the study contradicts itself and what it leaves open.
 */
final class ReferenceTableHtml {

    private static final List<String> STUDY_HEADERS = List.of("dataset", "architecture", "device", "split",
            "study's framework");
    private static final String NOT_STATED = "not stated";

    private ReferenceTableHtml() {
    }

    static void write(StringBuilder html, ReferenceTable table, ShownAxes shown) {
        StudyReference reference = table.reference();
        html.append("<h2 id=\"reference\">The study's own figures</h2>\n<p>")
                .append(escapeHtml4(reference.study())).append("</p>\n<p>")
                .append(escapeHtml4(table.hardwareSentence())).append("</p>\n")
                .append("<p>ours / study = our group's mean / the study's figure (for a time, above 1: ours took")
                .append(" longer). A study's group stands beside our groups of the same dataset and architecture, and")
                .append(" of its device, split and train fraction where it names them; beside our group of its")
                .append(" framework where we run that framework, else beside each of ours.</p>\n");
        matchedTable(html, table.matched(), shown);
        unmatchedTable(html, table.unmatched());
        contradictions(html, reference);
        list(html, "What the study leaves open", reference.ambiguities());
    }

    private static void matchedTable(StringBuilder html, List<ReferenceTable.Row> rows, ShownAxes shown) {
        if (rows.isEmpty()) {
            html.append("<p>None of the study's groups matches a group of ours.</p>\n");
            return;
        }
        html.append("<table>\n");
        List<String> headers = new ArrayList<>(STUDY_HEADERS);
        headers.addAll(List.of("our group", "figure", "study's figure", "ours", "ours / study", "source and notes"));
        HtmlReport.headerRow(html, headers);
        for (ReferenceTable.Row row : rows) {
            row.study().figures().keySet().forEach(measure -> {
                html.append("<tr>");
                studyCells(html, row.study());
                HtmlReport.textCell(html, ours(row.study(), row.ours().orElseThrow().key(), shown));
                HtmlReport.textCell(html, measure.title());
                HtmlReport.numberCell(html, values(row.study(), measure));
                HtmlReport.numberCell(html, row.ours(measure).map(measure::format).orElse(""));
                HtmlReport.numberCell(html, ratios(row.ratios(measure)));
                HtmlReport.textCell(html, sources(row.study(), measure));
                html.append("</tr>\n");
            });
        }
        html.append("</table>\n");
    }

    /** Folded: a preset gives every figure of its study, of devices and splits a run may not have. */
    private static void unmatchedTable(StringBuilder html, List<ReferenceTable.Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        html.append("<details><summary>").append(rows.size())
                .append(" of the study's groups match no group of ours in this report</summary>\n<table>\n");
        List<String> headers = new ArrayList<>(STUDY_HEADERS);
        headers.addAll(List.of("figure", "study's figure", "source and notes"));
        HtmlReport.headerRow(html, headers);
        for (ReferenceTable.Row row : rows) {
            row.study().figures().keySet().forEach(measure -> {
                html.append("<tr>");
                studyCells(html, row.study());
                HtmlReport.textCell(html, measure.title());
                HtmlReport.numberCell(html, values(row.study(), measure));
                HtmlReport.textCell(html, sources(row.study(), measure));
                html.append("</tr>\n");
            });
        }
        html.append("</table>\n</details>\n");
    }

    private static void studyCells(StringBuilder html, ReferenceGroup study) {
        HtmlReport.textCell(html, study.dataset());
        HtmlReport.textCell(html, study.architecture());
        HtmlReport.textCell(html, study.device().orElse(NOT_STATED));
        HtmlReport.textCell(html, study.split().orElse(NOT_STATED)
                + study.trainFraction().map(f -> ", train fraction " + SweepFileNumber.of(f)).orElse(""));
        HtmlReport.textCell(html, study.framework());
    }

    /** Our framework, and whatever else tells our group apart: the axes the study leaves open, the named ones. */
    private static String ours(ReferenceGroup study, GroupKey ours, ShownAxes shown) {
        List<String> names = new ArrayList<>();
        names.add(ours.framework());
        if (study.device().isEmpty()) {
            names.add(ours.device());
        }
        if (study.split().isEmpty()) {
            names.add(ours.split());
        }
        if (study.trainFraction().isEmpty() && shown.trainFraction()) {
            names.add("train fraction " + SweepFileNumber.of(ours.trainFraction()));
        }
        names.addAll(shown.hyperparameterNames(ours));
        return String.join(", ", names);
    }

    /** "312.03; 299 (disagree)" where the study printed two values for one thing. */
    private static String values(ReferenceGroup study, ReferenceMeasure measure) {
        return study.figures().get(measure).stream().map(figure -> measure.formatPublished(figure.value()))
                .collect(Collectors.joining("; ")) + (study.disagrees(measure) ? " (disagree)" : "");
    }

    private static String ratios(List<Optional<Double>> ratios) {
        return ratios.stream().flatMap(Optional::stream).map(ratio -> String.format(Locale.ROOT, "%.3f", ratio))
                .collect(Collectors.joining("; "));
    }

    private static String sources(ReferenceGroup study, ReferenceMeasure measure) {
        String sources = study.figures().get(measure).stream().map(study::sourceOf).distinct()
                .collect(Collectors.joining("; "));
        return sources + study.note().map(note -> " — " + note).orElse("");
    }

    /** Each figure the study printed twice with different values, then its other contradictions. */
    private static void contradictions(StringBuilder html, StudyReference reference) {
        List<String> items = new ArrayList<>();
        for (ReferenceGroup study : reference.groups()) {
            for (Map.Entry<ReferenceMeasure, List<ReferenceGroup.Figure>> entry : study.figures().entrySet()) {
                if (study.disagrees(entry.getKey())) {
                    items.add(study.label(" / ") + ", " + entry.getKey().title() + ": the study's figures disagree: "
                            + entry.getValue().stream().map(figure -> entry.getKey().formatPublished(figure.value()) + " ("
                            + study.sourceOf(figure) + ")").collect(Collectors.joining(" against ")));
                }
            }
        }
        items.addAll(reference.contradictions());
        list(html, "Where the study contradicts itself", items);
    }

    private static void list(StringBuilder html, String title, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        html.append("<h3>").append(escapeHtml4(title)).append("</h3>\n<ul>\n");
        items.forEach(item -> html.append("<li>").append(escapeHtml4(item)).append("</li>\n"));
        html.append("</ul>\n");
    }
}
