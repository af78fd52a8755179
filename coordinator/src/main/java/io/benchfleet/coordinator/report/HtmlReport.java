package io.benchfleet.coordinator.report;

import static org.apache.commons.text.StringEscapeUtils.escapeHtml4;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes report.html: one page with inline CSS and no scripts, so that it opens offline and can be
 * mailed as it is. Every text from the database or the sweep is HTML-escaped.
 */
final class HtmlReport {

    private static final String STYLE = """
            body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
            table { border-collapse: collapse; margin-bottom: 2em; }
            th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; vertical-align: top; }
            th { background: #f0f0f0; text-align: left; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            tr.failed td { background: #fdecea; }
            pre { margin: 0; white-space: pre-wrap; }
            """;

    private static final List<String> SUMMARY_HEADERS = List.of("dataset", "architecture", "device", "n", "failed",
            "not run", "train time (s), mean ± std", "samples/s, mean", "test accuracy, mean ± std");

    private HtmlReport() {
    }

    static void write(Path file, RunSummary summary) throws IOException {
        Files.writeString(file, page(summary), StandardCharsets.UTF_8);
    }

    private static String page(RunSummary summary) {
        String title = escapeHtml4("benchfleet report: " + summary.run().sweepName());
        StringBuilder html = new StringBuilder()
                .append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>").append(title).append("</title>\n<style>\n").append(STYLE).append("</style>\n")
                .append("</head>\n<body>\n<h1>").append(title).append("</h1>\n");
        runSection(html, summary);
        summarySection(html, summary.groups());
        failedSection(html, summary.failedTasks());
        tasksSection(html, summary.tasks());
        return html.append("</body>\n</html>\n").toString();
    }

    private static void runSection(StringBuilder html, RunSummary summary) {
        RunMetadata run = summary.run();
        html.append("<p>run directory: ").append(escapeHtml4(run.runDirectory().toString()));
        run.value(RunMetadata.STARTED_AT).ifPresent(at -> html.append("<br>started: ").append(escapeHtml4(at)));
        run.value(RunMetadata.FINISHED_AT).ifPresent(at -> html.append("<br>finished: ").append(escapeHtml4(at)));
        html.append("<br>tasks: ").append(summary.tasks().size())
                .append(", failed: ").append(summary.failedTasks().size()).append("</p>\n");
    }

    private static void summarySection(StringBuilder html, List<GroupSummary> groups) {
        html.append("<h2>Summary</h2>\n<table>\n");
        headerRow(html, SUMMARY_HEADERS);
        for (GroupSummary group : groups) {
            html.append("<tr>");
            textCell(html, group.dataset());
            textCell(html, group.architecture());
            textCell(html, group.device());
            numberCell(html, String.valueOf(group.succeeded()));
            numberCell(html, String.valueOf(group.failed()));
            numberCell(html, String.valueOf(group.notRun()));
            numberCell(html, meanAndStd(group.trainSeconds(), "%.2f"));
            numberCell(html, group.samplesPerSecond().map(s -> String.format(Locale.ROOT, "%.1f", s.mean())).orElse(""));
            numberCell(html, meanAndStd(group.testAccuracy(), "%.4f"));
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private static void failedSection(StringBuilder html, List<TaskResult> failed) {
        html.append("<h2>Failed tasks</h2>\n");
        if (failed.isEmpty()) {
            html.append("<p>None.</p>\n");
            return;
        }
        html.append("<table>\n");
        headerRow(html, List.of("task_id", "dataset", "architecture", "device", "repetition", "attempts", "worker",
                "reason"));
        for (TaskResult result : failed) {
            Task task = result.task();
            html.append("<tr class=\"failed\">");
            textCell(html, task.id());
            textCell(html, task.dataset());
            textCell(html, task.architecture());
            textCell(html, task.device());
            numberCell(html, String.valueOf(task.repetition()));
            numberCell(html, String.valueOf(result.attempts()));
            textCell(html, result.finalAttempt().map(Attempt::worker).orElse(""));
            html.append("<td><pre>").append(escapeHtml4(result.failureReason().orElse(""))).append("</pre></td>");
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private static void tasksSection(StringBuilder html, List<TaskResult> tasks) {
        html.append("<h2>Tasks</h2>\n<table>\n");
        headerRow(html, ExportColumns.TASK.stream().map(ExportColumn::name).toList());
        // DecimalFormat is not thread-safe, so one per page rather than a shared constant.
        DecimalFormat decimals = new DecimalFormat("0.####", DecimalFormatSymbols.getInstance(Locale.ROOT));
        for (TaskResult result : tasks) {
            html.append(result.status() == TaskStatus.FAILED ? "<tr class=\"failed\">" : "<tr>");
            for (ExportColumn<TaskResult> column : ExportColumns.TASK) {
                Optional<?> value = column.value().apply(result);
                if (value.isPresent() && value.get() instanceof Number number) {
                    numberCell(html, number instanceof Double ? decimals.format(number) : number.toString());
                } else {
                    textCell(html, value.map(String::valueOf).orElse(""));
                }
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private static String meanAndStd(Optional<Statistic> statistic, String format) {
        return statistic.map(s -> String.format(Locale.ROOT, format, s.mean())
                        + s.standardDeviation().map(std -> String.format(Locale.ROOT, " ± " + format, std)).orElse(""))
                .orElse("");
    }

    private static void headerRow(StringBuilder html, List<String> headers) {
        html.append("<tr>");
        headers.forEach(header -> html.append("<th>").append(escapeHtml4(header)).append("</th>"));
        html.append("</tr>\n");
    }

    private static void textCell(StringBuilder html, String text) {
        html.append("<td>").append(escapeHtml4(text)).append("</td>");
    }

    private static void numberCell(StringBuilder html, String text) {
        html.append("<td class=\"num\">").append(escapeHtml4(text)).append("</td>");
    }
}
