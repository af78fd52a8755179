package io.benchfleet.report;

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

    /** The traces shown per group, with the factor that turns samples.csv's unit into the axis's. */
    private enum Shown {
        RSS(TracedMeasure.PROCESS_RSS_BYTES, "trainer RSS (MiB)", 1 / MIB),
        CPU(TracedMeasure.PROCESS_CPU_PERCENT, "trainer CPU (% of one core)", 1),
        GPU(TracedMeasure.GPU_UTIL_PERCENT, "GPU utilisation (%)", 1),
        VRAM(TracedMeasure.GPU_MEM_USED_BYTES, "GPU memory (MiB)", 1 / MIB);

        final TracedMeasure measure;
        final String label;
        final double scale;

        Shown(TracedMeasure measure, String label, double scale) {
            this.measure = measure;
            this.label = label;
            this.scale = scale;
        }
    }

    private final SvgChart charts = new SvgChart();
    private final ShownAxes axes;

    ReportCharts(ShownAxes axes) {
        this.axes = axes;
    }

    void epochSection(StringBuilder html, List<TaskResult> tasks, List<RecordedEpoch> epochs) {
        html.append("<h2 id=\"curves\">Loss and accuracy per epoch</h2>\n")
                .append("<p>Each point is the mean over the group's succeeded tasks (repetitions and folds).</p>\n");
        EpochCurves curves = new EpochCurves(tasks, epochs, axes);
        epochCharts(html, curves, "train loss", RecordedEpoch::trainLoss);
        epochCharts(html, curves, "test accuracy", RecordedEpoch::testAccuracy);
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
            for (Shown shown : Shown.values()) {
                Optional<MeanTrace> trace = Optional.ofNullable(resources.get(i).measures().get(shown.measure))
                        .flatMap(GroupResources.MeasureProfile::trace);
                if (trace.isPresent()) {
                    any = true;
                    String title = axes.label(group.key(), " / ");
                    figure(html, charts.bands(title, "seconds since the attempt started", shown.label,
                            band(group, trace.get(), shown.scale)));
                    eachRepetition(html, title, shown, resources.get(i).measures().get(shown.measure).byRepetition());
                }
            }
        }
        if (!any) {
            html.append("<p>No samples: the metrics agent recorded nothing for the succeeded tasks.</p>\n");
        }
    }

    /** Folded away until asked for: the per-task traces behind the mean, one line each. */
    private void eachRepetition(StringBuilder html, String title, Shown shown, Map<String, Trace> byRepetition) {
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

    private static void figure(StringBuilder html, String svg) {
        html.append("<figure class=\"chart\">").append(svg).append("</figure>\n");
    }
}
