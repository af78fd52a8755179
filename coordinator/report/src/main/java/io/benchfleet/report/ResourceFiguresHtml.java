package io.benchfleet.report;

import static org.apache.commons.text.StringEscapeUtils.escapeHtml4;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * report.html's table of S1's figures per group and measure: the peak, when it came, the steady level, the range,
 * and the windows in which the GPU sat at zero. A table rather than charts, so it is there even where the charts
 * cannot be drawn.
 */
final class ResourceFiguresHtml {

    private static final String FORMAT = "%.1f";

    private ResourceFiguresHtml() {
    }

    /** The sentence that names the trace window, with a space before it; empty without one. */
    static String windowSentence(ReportOptions options) {
        return options.traceWindowText().map(window -> " Each trace is cut to its first " + window
                + " since the attempt started (trace-window) before the repetitions are averaged and the figures"
                + " computed.").orElse("");
    }

    static void write(StringBuilder html, List<GroupSummary> groups, List<GroupResources> resources, ShownAxes shown,
                      ReportOptions options) {
        html.append("<h2 id=\"resource-figures\">Resource figures</h2>\n")
                .append("<p>Per group and measure, over its repetitions: the peak (each repetition's highest sample),")
                .append(" its time in seconds since the attempt started, the steady level (each repetition's mean")
                .append(" between 20 % and 90 % of its sampled time), each as mean &plusmn; std; the range (the lowest")
                .append(" and highest sample of any repetition); and each repetition's windows with GPU utilisation")
                .append(" at zero (start&ndash;end in seconds; a sample covers the time since the one before it).")
                .append(escapeHtml4(windowSentence(options))).append("</p>\n");
        if (resources.stream().allMatch(group -> group.measures().isEmpty())) {
            html.append("<p>No samples: the metrics agent recorded nothing for the succeeded tasks.</p>\n");
            return;
        }
        html.append("<table>\n");
        HtmlReport.headerRow(html, List.of("group", "measure", "n", "peak, mean ± std",
                "time of peak (s), mean ± std", "steady level, mean ± std", "range (min – max)",
                "GPU at zero: windows (s)"));
        for (int i = 0; i < groups.size(); i++) {
            rows(html, shown.label(groups.get(i).key(), " / "), resources.get(i));
        }
        html.append("</table>\n");
    }

    private static void rows(StringBuilder html, String group, GroupResources resources) {
        List<ComparedMeasure> measures = Arrays.stream(ComparedMeasure.values())
                .filter(measure -> resources.measures().containsKey(measure.traced)).toList();
        for (int row = 0; row < measures.size(); row++) {
            ComparedMeasure measure = measures.get(row);
            GroupResources.MeasureProfile profile = resources.measures().get(measure.traced);
            html.append("<tr>");
            if (row == 0) {
                html.append("<td rowspan=\"").append(measures.size()).append("\">").append(escapeHtml4(group))
                        .append("</td>");
            }
            HtmlReport.textCell(html, measure.label);
            HtmlReport.numberCell(html, String.valueOf(profile.peak().map(Statistic::n).orElse(0L)));
            HtmlReport.numberCell(html, HtmlReport.meanAndStd(profile.peak().map(peak -> scaled(peak, measure)), FORMAT));
            HtmlReport.numberCell(html, HtmlReport.meanAndStd(profile.peakSeconds(), FORMAT));
            HtmlReport.numberCell(html, HtmlReport.meanAndStd(
                    profile.steadyState().map(steady -> scaled(steady, measure)), FORMAT));
            HtmlReport.numberCell(html, number(profile.lowest() * measure.scale) + " – "
                    + number(profile.highest() * measure.scale));
            HtmlReport.textCell(html, measure == ComparedMeasure.GPU ? windows(resources.gpuZeroWindows()) : "");
            html.append("</tr>\n");
        }
    }

    /** E.g. {@code rep 1: 0.0–1.0, 2.0–3.0; rep 2: none}. */
    private static String windows(Map<String, List<ZeroWindow>> byRepetition) {
        return byRepetition.entrySet().stream()
                .map(repetition -> repetition.getKey() + ": " + (repetition.getValue().isEmpty() ? "none"
                        : repetition.getValue().stream().map(window -> number(window.start()) + "–" + number(window.end()))
                                .collect(Collectors.joining(", "))))
                .collect(Collectors.joining("; "));
    }

    private static Statistic scaled(Statistic statistic, ComparedMeasure measure) {
        return new Statistic(statistic.n(), statistic.mean() * measure.scale,
                statistic.standardDeviation().map(std -> std * measure.scale));
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, FORMAT, value);
    }
}
