package io.benchfleet.report;

import static org.apache.commons.text.StringEscapeUtils.escapeHtml4;

import java.awt.AWTError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes report.html: one page with inline CSS, charts as inline SVG and no scripts, so that it opens
 * offline and can be mailed as it is. Every text from the database or the sweep is HTML-escaped.
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
            figure.chart { display: inline-block; margin: 0 1em 1em 0; }
            h3 { margin-bottom: 0.3em; }
            nav.contents ol { margin-top: 0.3em; columns: 2; }
            """;

    private static final List<String> GROUP_HEADERS = List.of("dataset", "architecture", "device", "hardware", "split");
    private static final List<String> SUMMARY_HEADERS = List.of(
            "n", "failed", "not run", "train time (s), mean ± std [95 % CI]", "samples/s, mean ± std",
            "test accuracy, mean ± std [95 % CI]", "peak RSS (MiB), mean ± std", "energy (J), mean ± std [95 % CI]",
            "epoch 1 (s), mean ± std", "later epochs (s), mean ± std", "epoch time (s), std");
    private static final double MIB = 1024.0 * 1024.0;
    private static final int UNFOLDED_TASKS = 50;

    private HtmlReport() {
    }

    /** @param recorded where every chart of the page puts its values, for charts.csv */
    static void write(Path file, ReportContents contents, ChartData recorded) throws IOException {
        Files.writeString(file, page(contents, recorded), StandardCharsets.UTF_8);
    }

    private static String page(ReportContents contents, ChartData recorded) {
        RunSummary summary = contents.summary();
        ShownAxes shown = summary.shownAxes();
        String title = escapeHtml4("benchfleet report: " + summary.run().sweepName());
        StringBuilder html = new StringBuilder()
                .append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>").append(title).append("</title>\n<style>\n").append(STYLE).append("</style>\n")
                .append("</head>\n<body>\n<h1>").append(title).append("</h1>\n");
        runSection(html, summary);
        int contentsAt = html.length();
        StudyTablesHtml.matrices(html, StudyMatrix.of(summary.groups(), shown), summary.tables().kFoldTimes());
        summary.tables().reference().ifPresent(reference -> ReferenceTableHtml.write(html, reference, shown));
        StudyTablesHtml.comparisons(html, summary.tables(), shown);
        StudyTablesHtml.scalability(html, summary.tables().scalability(), shown);
        FrameworkMemoryHtml.write(html, FrameworkMemory.of(summary), shown);
        StudyTablesHtml.trainSizes(html, summary.tables().trainSizes(), shown);
        StudyTablesHtml.epochTables(html, EpochTable.of(summary.tasks(), contents.epochs()), shown);
        chartSections(html, contents, shown, new SvgChart(recorded));
        ResourceFiguresHtml.write(html, summary.groups(), contents.resources(), shown, contents.options());
        summarySection(html, summary.groups(), shown);
        environmentSection(html, summary.run(), contents.workers(), contents.libraryVersions());
        flaggedSection(html, "Failed tasks", summary.failedTasks(), TaskResult::failureReason, shown);
        flaggedSection(html, "Suspect tasks (accuracy not clearly above chance)", summary.suspectTasks(),
                TaskResult::suspicion, shown);
        tasksSection(html, summary.tasks(), shown);
        TableOfContents.insert(html, contentsAt);
        return html.append("</body>\n</html>\n").toString();
    }

    /**
     * The charts, or a line saying why there are none: JFreeChart measures text through AWT's font manager,
     * whose native library needs the system's fonts (fontconfig, harfbuzz), and a machine without them must
     * still get the tables and exports.
     */
    private static void chartSections(StringBuilder html, ReportContents contents, ShownAxes shown, SvgChart svg) {
        StringBuilder charts = new StringBuilder();
        try {
            StudyCharts study = new StudyCharts(shown, svg);
            study.frameworkSection(charts, contents.summary().groups(), contents.summary().tables().kFoldTimes());
            study.trainSizeSection(charts, contents.summary().tables().trainSizes());
            ReportCharts drawn = new ReportCharts(shown, svg);
            EpochCurves curves = new EpochCurves(contents.summary().tasks(), contents.epochs(), shown);
            drawn.epochSection(charts, curves);
            drawn.epochCostSection(charts, curves);
            drawn.resourceSection(charts, contents.summary().groups(), contents.resources());
            drawn.comparisonSection(charts, contents.summary().groups(), contents.resources(), contents.options());
            html.append(charts);
        } catch (LinkageError | AWTError | InternalError e) {
            html.append("<h2 id=\"curves\">Charts</h2>\n<p>Not drawn: this JVM cannot measure text (")
                    .append(escapeHtml4(e.toString()))
                    .append("); install fontconfig and a font (Debian: fonts-dejavu-core), then run bin/coordinator report")
                    .append(" on the run directory.</p>\n");
        }
    }

    private static void runSection(StringBuilder html, RunSummary summary) {
        RunMetadata run = summary.run();
        html.append("<p>run directory: ").append(escapeHtml4(run.runDirectory().toString()));
        run.value(RunMetadata.STARTED_AT).ifPresent(at -> html.append("<br>started: ").append(escapeHtml4(at)));
        run.value(RunMetadata.FINISHED_AT).ifPresent(at -> html.append("<br>finished: ").append(escapeHtml4(at)));
        run.value(MergedRuns.MERGED_RUNS).ifPresent(runs -> html.append("<br>merged runs: ").append(escapeHtml4(runs)));
        html.append("<br>tasks: ").append(summary.tasks().size())
                .append(", failed: ").append(summary.failedTasks().size()).append("</p>\n");
    }

    private static void summarySection(StringBuilder html, List<GroupSummary> groups, ShownAxes shown) {
        html.append("<h2>Summary</h2>\n<table>\n");
        headerRow(html, Stream.of(GROUP_HEADERS, shown.headers(), SUMMARY_HEADERS).flatMap(List::stream).toList());
        for (GroupSummary group : groups) {
            html.append("<tr>");
            textCell(html, group.key().dataset());
            textCell(html, group.key().architecture());
            textCell(html, group.key().device());
            textCell(html, String.join("; ", group.hardware()));
            textCell(html, group.key().split());
            shown.cells(group.key()).forEach(cell -> textCell(html, cell));
            numberCell(html, String.valueOf(group.succeeded()));
            numberCell(html, String.valueOf(group.failed()));
            numberCell(html, String.valueOf(group.notRun()));
            numberCell(html, withInterval(group.statistics().trainSeconds(), "%.2f"));
            numberCell(html, meanAndStd(group.statistics().samplesPerSecond(), "%.1f"));
            numberCell(html, withInterval(group.statistics().testAccuracy(), "%.4f"));
            numberCell(html, meanAndStd(group.statistics().peakRssBytes().map(HtmlReport::inMebibytes), "%.0f"));
            numberCell(html, withInterval(group.statistics().energyJoules(), "%.1f"));
            numberCell(html, meanAndStd(group.statistics().firstEpochSeconds(), "%.2f"));
            numberCell(html, meanAndStd(group.statistics().laterEpochSeconds(), "%.2f"));
            numberCell(html, group.statistics().epochSeconds().flatMap(Statistic::standardDeviation)
                    .map(std -> String.format(Locale.ROOT, "%.3f", std)).orElse(""));
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private static void flaggedSection(StringBuilder html, String title, List<TaskResult> flagged,
                                       Function<TaskResult, Optional<String>> reason, ShownAxes shown) {
        html.append("<h2>").append(escapeHtml4(title)).append("</h2>\n");
        if (flagged.isEmpty()) {
            html.append("<p>None.</p>\n");
            return;
        }
        html.append("<table>\n");
        headerRow(html, Stream.of(List.of("task_id", "run", "dataset", "architecture", "device"), shown.headers(),
                List.of("repetition", "attempts", "worker", "reason")).flatMap(List::stream).toList());
        for (TaskResult result : flagged) {
            Task task = result.task();
            html.append("<tr class=\"failed\">");
            textCell(html, task.id());
            textCell(html, result.run());
            textCell(html, task.dataset());
            textCell(html, task.architecture());
            textCell(html, task.device());
            shown.cells(GroupKey.of(task)).forEach(cell -> textCell(html, cell));
            numberCell(html, String.valueOf(task.repetition()));
            numberCell(html, String.valueOf(result.attempts()));
            textCell(html, result.finalAttempt().map(RecordedAttempt::worker).orElse(""));
            html.append("<td><pre>").append(escapeHtml4(reason.apply(result).orElse(""))).append("</pre></td>");
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private static void tasksSection(StringBuilder html, List<TaskResult> tasks, ShownAxes shown) {
        html.append("<h2>Tasks</h2>\n");
        // A sweep of hundreds of tasks would otherwise make the page mostly this table.
        boolean folded = tasks.size() > UNFOLDED_TASKS;
        if (folded) {
            html.append("<details><summary>every task (").append(tasks.size()).append(")</summary>\n");
        }
        html.append("<table>\n");
        List<ExportColumn<TaskResult>> columns = Stream.of(ExportColumns.TASK.stream(), ExportColumns.DEVICE.stream(),
                Stream.of(ExportColumns.RUN_OF_TASK), frameworkColumns(shown)).flatMap(stream -> stream).toList();
        headerRow(html, columns.stream().map(ExportColumn::name).toList());
        // DecimalFormat is not thread-safe, so one per page rather than a shared constant.
        DecimalFormat decimals = new DecimalFormat("0.####", DecimalFormatSymbols.getInstance(Locale.ROOT));
        for (TaskResult result : tasks) {
            html.append(result.status() == TaskStatus.FAILED ? "<tr class=\"failed\">" : "<tr>");
            for (ExportColumn<TaskResult> column : columns) {
                Optional<?> value = column.value().apply(result);
                if (value.isPresent() && value.get() instanceof Number number) {
                    numberCell(html, number instanceof Double ? decimals.format(number) : number.toString());
                } else {
                    textCell(html, value.map(String::valueOf).orElse(""));
                }
            }
            html.append("</tr>\n");
        }
        html.append(folded ? "</table>\n</details>\n" : "</table>\n");
    }

    /** The framework and its version, and the train fraction, where the report names them. */
    private static Stream<ExportColumn<TaskResult>> frameworkColumns(ShownAxes shown) {
        return Stream.concat(
                shown.framework() ? Stream.of(ExportColumns.FRAMEWORK, ExportColumns.FRAMEWORK_VERSION) : Stream.empty(),
                shown.trainFraction() ? Stream.of(ExportColumns.TRAIN_FRACTION) : Stream.empty());
    }

    private static void environmentSection(StringBuilder html, RunMetadata run, List<RecordedWorkerNode> workers,
                                           Map<String, String> libraryVersions) {
        html.append("<h2 id=\"environment\">Environment</h2>\n<table>\n");
        headerRow(html, List.of("worker node", "host", "OS", "CPU", "logical cores", "memory (GiB)", "JVM", "slots",
                "GPUs", "frameworks"));
        for (RecordedWorkerNode worker : workers) {
            html.append("<tr>");
            textCell(html, worker.id());
            textCell(html, worker.hostname());
            textCell(html, worker.os());
            textCell(html, worker.cpuModel());
            numberCell(html, String.valueOf(worker.logicalCores()));
            numberCell(html, String.format(Locale.ROOT, "%.1f", worker.memoryBytes() / (MIB * 1024)));
            textCell(html, worker.jvm());
            textCell(html, String.join(", ", worker.slots()));
            textCell(html, worker.gpus());
            textCell(html, worker.frameworks().stream().map(OfferedFramework::describe).collect(Collectors.joining("; ")));
            html.append("</tr>\n");
        }
        html.append("</table>\n<table>\n");
        headerRow(html, List.of("library", "version"));
        run.value(RunMetadata.COORDINATOR_JVM).ifPresent(jvm -> {
            html.append("<tr>");
            textCell(html, "coordinator JVM");
            textCell(html, jvm);
            html.append("</tr>\n");
        });
        new TreeMap<>(libraryVersions).forEach((library, version) -> {
            html.append("<tr>");
            textCell(html, library);
            textCell(html, version);
            html.append("</tr>\n");
        });
        html.append("</table>\n");
    }

    private static Statistic inMebibytes(Statistic bytes) {
        return new Statistic(bytes.n(), bytes.mean() / MIB, bytes.standardDeviation().map(std -> std / MIB));
    }

    /** "mean ± std [low, high]", the interval being the 95 % confidence interval of the mean. */
    static String withInterval(Optional<Statistic> statistic, String format) {
        return meanAndStd(statistic, format) + statistic.flatMap(Statistic::confidence95)
                .map(ci -> String.format(Locale.ROOT, " [" + format + ", " + format + "]", ci.lower(), ci.upper()))
                .orElse("");
    }

    static String meanAndStd(Optional<Statistic> statistic, String format) {
        return statistic.map(s -> String.format(Locale.ROOT, format, s.mean())
                        + s.standardDeviation().map(std -> String.format(Locale.ROOT, " ± " + format, std)).orElse(""))
                .orElse("");
    }

    static void headerRow(StringBuilder html, List<String> headers) {
        html.append("<tr>");
        headers.forEach(header -> html.append("<th>").append(escapeHtml4(header)).append("</th>"));
        html.append("</tr>\n");
    }

    static void textCell(StringBuilder html, String text) {
        html.append("<td>").append(escapeHtml4(text)).append("</td>");
    }

    static void numberCell(StringBuilder html, String text) {
        html.append("<td class=\"num\">").append(escapeHtml4(text)).append("</td>");
    }
}
