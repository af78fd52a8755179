package io.benchfleet.report;

import static org.apache.commons.text.StringEscapeUtils.escapeHtml4;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/** The chart sections of report.html: curves per epoch and resource traces, as inline SVG. */
final class ReportCharts {

    private static final double MIB = 1024.0 * 1024.0;

    /** Each group's own charts, in the measures' units: the shares of host and GPU memory are S1's comparison's. */
    private static final List<ComparedMeasure> PER_GROUP = List.of(ComparedMeasure.RSS, ComparedMeasure.CPU,
            ComparedMeasure.GPU, ComparedMeasure.VRAM);

    private final SvgChart charts;
    private final ShownAxes axes;

    /** @param charts the page's one canvas maker, which numbers and records every chart of the page */
    ReportCharts(ShownAxes axes, SvgChart charts) {
        this.axes = axes;
        this.charts = charts;
    }

    /** @param curves the report's epochs by chart and group, which this section and the next draw */
    void epochSection(StringBuilder html, EpochCurves curves) {
        html.append("<h2 id=\"curves\">Loss and accuracy per epoch</h2>\n")
                .append("<p>Each point is the mean over the group's succeeded tasks (repetitions and folds).</p>\n");
        epochCharts(html, curves, "train loss", RecordedEpoch::trainLoss);
        epochCharts(html, curves, "test accuracy", RecordedEpoch::testAccuracy);
    }

    /**
     * S2's per-epoch figures, one chart per measure and dataset and split: the time, throughput and memory of each
     * epoch. GPU memory and RSS get charts of their own: they are not one measure, and one axis would mix them.
     */
    void epochCostSection(StringBuilder html, EpochCurves curves) {
        html.append("<h2 id=\"epoch-costs\">Time, throughput and memory per epoch</h2>\n")
                .append("<p>Each point is the mean over the group's succeeded tasks (repetitions and folds). Memory:")
                .append(" the GPU's memory in use after the epoch on a gpu, the trainer's RSS on a cpu (S2).</p>\n");
        epochCharts(html, curves, "epoch time (s)", epoch -> Optional.of(epoch.seconds()));
        epochCharts(html, curves, "samples/s", epoch -> Optional.of(epoch.samplesPerSecond()));
        for (DeviceMemory memory : DeviceMemory.values()) {
            String measure = memory.label() + " (MiB)";
            curves.curves((group, epoch) -> mebibytesOf(memory, group, epoch)).forEach((setting, data) ->
                    figure(html, charts.lines(measure + ": " + setting, "epoch", measure, data)));
        }
    }

    /** The epoch's memory of that kind, where the group's device counts it. */
    private static Optional<Double> mebibytesOf(DeviceMemory memory, GroupKey group, RecordedEpoch epoch) {
        return DeviceMemory.on(group.device()) == memory
                ? memory.after(epoch).map(bytes -> bytes / MIB)
                : Optional.empty();
    }

    private void epochCharts(StringBuilder html, EpochCurves curves, String measure,
                             Function<RecordedEpoch, Optional<Double>> value) {
        curves.curves(value).forEach((setting, data) -> figure(html,
                charts.lines(measure + ": " + setting, "epoch", measure, data)));
    }

    void resourceSection(StringBuilder html, List<GroupSummary> groups, List<GroupResources> resources) {
        html.append("<h2 id=\"resources\">Resource traces</h2>\n")
                .append("<p>The mean of the repetitions' traces from the attempt's start, with a band of one ")
                .append("standard deviation (the range with one repetition's trace alone: none).</p>\n");
        boolean any = false;
        for (int i = 0; i < groups.size(); i++) {
            GroupSummary group = groups.get(i);
            for (ComparedMeasure shown : PER_GROUP) {
                Optional<MeanTrace> trace = Optional.ofNullable(resources.get(i).measures().get(shown.traced))
                        .flatMap(GroupResources.MeasureProfile::trace);
                if (trace.isPresent()) {
                    any = true;
                    String title = axes.label(group.key(), " / ");
                    figure(html, charts.bands(title, "seconds since the attempt started", shown.label,
                            band(group, trace.get(), shown.scale)));
                    eachRepetition(html, title, shown, resources.get(i).measures().get(shown.traced).byRepetition());
                }
            }
        }
        if (!any) {
            html.append("<p>No samples: the metrics agent recorded nothing for the succeeded tasks.</p>\n");
        }
    }

    /**
     * S1's charts ({@link ResourceComparison}): per chart setting one chart per measure, a line per group. A measure
     * that no group of the setting has samples of, or the host's or GPU's total memory for, gets a sentence instead.
     */
    void comparisonSection(StringBuilder html, List<GroupSummary> groups, List<GroupResources> resources,
                           ReportOptions options) {
        List<ResourceComparison> comparisons = ResourceComparison.of(groups, axes);
        html.append("<h2 id=\"resources-compared\">Resources compared</h2>\n")
                .append("<p>Per dataset, device and split, each group's mean trace over its repetitions from the")
                .append(" attempt's start, one line per ")
                .append(axes.comparesFrameworks() ? "framework" : "architecture").append(".")
                .append(escapeHtml4(ResourceFiguresHtml.windowSentence(options))).append("</p>\n");
        if (comparisons.stream().allMatch(comparison -> comparison.measures(resources).isEmpty())) {
            html.append("<p>No samples: the metrics agent recorded nothing for the succeeded tasks.</p>\n");
            return;
        }
        for (ResourceComparison comparison : comparisons) {
            html.append("<h3>").append(escapeHtml4(comparison.setting())).append("</h3>\n");
            List<ComparedMeasure> drawn = comparison.measures(resources);
            for (ComparedMeasure measure : drawn) {
                figure(html, charts.traces(comparison.setting(), "seconds since the attempt started", measure.label,
                        comparison.chart(measure, resources)));
            }
            List<String> missing = Arrays.stream(ComparedMeasure.values()).filter(measure -> !drawn.contains(measure))
                    .map(measure -> measure.label).toList();
            if (!missing.isEmpty()) {
                html.append("<p>Not drawn, for want of samples (or, for a share, of the host's or the GPU's total")
                        .append(" memory): ").append(escapeHtml4(String.join(", ", missing))).append(".</p>\n");
            }
        }
    }

    /** Folded away until asked for: the per-task traces behind the mean, one line each. */
    private void eachRepetition(StringBuilder html, String title, ComparedMeasure shown, Map<String, Trace> byRepetition) {
        XYSeriesCollection data = new XYSeriesCollection();
        byRepetition.forEach((label, trace) -> {
            XYSeries series = new XYSeries(label, false);
            double[] seconds = trace.seconds();
            double[] values = trace.values();
            for (int k = 0; k < seconds.length; k++) {
                series.add(seconds[k], values[k] * shown.scale);
            }
            data.addSeries(series);
        });
        html.append("<details><summary>").append(shown.label).append(": each repetition (")
                .append(byRepetition.size()).append(")</summary>\n");
        figure(html, charts.traces(title, "seconds since the attempt started", shown.label, data));
        html.append("</details>\n");
    }

    private static YIntervalSeriesCollection band(GroupSummary group, MeanTrace trace, double scale) {
        YIntervalSeries series =
                new YIntervalSeries("mean of " + trace.repetitions() + ", " + group.key().architecture());
        for (int k = 0; k < trace.seconds().size(); k++) {
            int point = k;
            double mean = trace.mean().get(point) * scale;
            double spread = trace.std().map(std -> std.get(point) * scale).orElse(0.0);
            series.add(trace.seconds().get(point), mean, mean - spread, mean + spread);
        }
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        data.addSeries(series);
        return data;
    }

    static void figure(StringBuilder html, String svg) {
        html.append("<figure class=\"chart\">").append(svg).append("</figure>\n");
    }
}
