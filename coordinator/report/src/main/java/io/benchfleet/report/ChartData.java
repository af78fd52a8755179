package io.benchfleet.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The values of every chart of one report.html, for charts.csv: {@link SvgChart} records each chart it draws
 * here under the id that its {@code <svg>} element and its caption show, so a chart added to the report lands in
 * the file without naming itself anywhere. One long-format row per point of a series.
 */
final class ChartData {

    /**
     * @param chart the id shown on the chart, e.g. {@code chart-3}
     * @param x     a number, or a category such as a framework's name
     * @param low   the low end of a band; empty on a chart without bands
     * @param high  its high end
     */
    record Point(String chart, String title, String series, String xLabel, String x, String yLabel, double y,
                 Optional<Double> low, Optional<Double> high) {
    }

    /** The columns of charts.csv. */
    static final List<ExportColumn<Point>> COLUMNS = List.of(
            column("chart", point -> Optional.of(point.chart())),
            column("title", point -> Optional.of(point.title())),
            column("series", point -> Optional.of(point.series())),
            column("x_label", point -> Optional.of(point.xLabel())),
            column("x", point -> Optional.of(point.x())),
            column("y_label", point -> Optional.of(point.yLabel())),
            column("y", point -> number(point.y())),
            column("y_low", point -> point.low().flatMap(ChartData::number)),
            column("y_high", point -> point.high().flatMap(ChartData::number)));

    private final List<Point> points = new ArrayList<>();
    private int charts;

    /**
     * The id of the next chart. One sequence per page: the ids double as JFreeSVG's prefix for clip paths, which
     * must differ between the charts of one page.
     */
    String nextChart() {
        return "chart-" + ++charts;
    }

    void lines(String chart, String title, String xLabel, String yLabel, XYDataset data) {
        xy(chart, title, xLabel, yLabel, data, Optional.empty());
    }

    void bands(String chart, String title, String xLabel, String yLabel, YIntervalSeriesCollection data) {
        xy(chart, title, xLabel, yLabel, data, Optional.of(data));
    }

    /** @param band where the chart draws bands, their ends */
    private void xy(String chart, String title, String xLabel, String yLabel, XYDataset data,
                    Optional<IntervalXYDataset> band) {
        for (int series = 0; series < data.getSeriesCount(); series++) {
            for (int item = 0; item < data.getItemCount(series); item++) {
                int s = series;
                int i = item;
                points.add(new Point(chart, title, data.getSeriesKey(series).toString(), xLabel,
                        text(data.getXValue(series, item)), yLabel, data.getYValue(series, item),
                        band.map(ends -> ends.getStartYValue(s, i)), band.map(ends -> ends.getEndYValue(s, i))));
            }
        }
    }

    void bars(String chart, String title, String categoryLabel, String valueLabel, CategoryDataset data) {
        for (int series = 0; series < data.getRowCount(); series++) {
            for (int category = 0; category < data.getColumnCount(); category++) {
                Number value = data.getValue(series, category);
                if (value != null) {
                    points.add(new Point(chart, title, data.getRowKey(series).toString(), categoryLabel,
                            data.getColumnKey(category).toString(), valueLabel, value.doubleValue(),
                            Optional.empty(), Optional.empty()));
                }
            }
        }
    }

    List<Point> points() {
        return List.copyOf(points);
    }

    private static ExportColumn<Point> column(String name, Function<Point, Optional<?>> value) {
        return new ExportColumn<>(name, value);
    }

    private static String text(double value) {
        return number(value).orElse("");
    }

    /**
     * 1 rather than 1.0 for an epoch or a sample count, and no exponent; empty for NaN, JFreeChart's gap in a trace,
     * as unknowns are empty cells in every export.
     */
    private static Optional<String> number(double value) {
        return Double.isFinite(value)
                ? Optional.of(SweepFileNumber.of(value))
                : Optional.empty();
    }
}
