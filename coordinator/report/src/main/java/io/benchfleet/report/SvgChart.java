package io.benchfleet.report;

import io.benchfleet.rundirectory.RunFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Rectangle;
import java.util.function.Consumer;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * Draws a chart with JFreeChart onto JFreeSVG's canvas and hands back the {@code <svg>} element, to
 * be inlined in report.html: the page needs no script and no network to show it.
 */
final class SvgChart {

    private static final int WIDTH = 560;
    private static final int HEIGHT = 320;
    private static final Font CAPTION_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
    private static final Paint[] SERIES_COLOURS = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
    };

    private final ChartData recorded;

    /** @param recorded the page's charts.csv: every chart drawn here puts its values there, under its id */
    SvgChart(ChartData recorded) {
        this.recorded = recorded;
    }

    /** One line per series, with a marker on every point: the curves of a few epochs are short. */
    String lines(String title, String xLabel, String yLabel, XYDataset data) {
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data,
                PlotOrientation.VERTICAL, true, false, false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        style(chart, renderer);
        // Epochs are whole numbers: ticks at 1.1, 1.2 ... would suggest points between them.
        ((NumberAxis) chart.getXYPlot().getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return draw(chart, id -> recorded.lines(id, title, xLabel, yLabel, data));
    }

    /** One line per series without markers: traces of many samples over seconds. */
    String traces(String title, String xLabel, String yLabel, XYDataset data) {
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data,
                PlotOrientation.VERTICAL, true, false, false);
        style(chart, new XYLineAndShapeRenderer(true, false));
        return draw(chart, id -> recorded.lines(id, title, xLabel, yLabel, data));
    }

    /** Each series' mean as a line with a shaded band around it (its interval's low and high). */
    String bands(String title, String xLabel, String yLabel, YIntervalSeriesCollection data) {
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data,
                PlotOrientation.VERTICAL, true, false, false);
        DeviationRenderer renderer = new DeviationRenderer(true, false);
        renderer.setAlpha(0.25f);
        style(chart, renderer);
        for (int series = 0; series < data.getSeriesCount(); series++) {
            renderer.setSeriesFillPaint(series, SERIES_COLOURS[series % SERIES_COLOURS.length]);
        }
        return draw(chart, id -> recorded.bands(id, title, xLabel, yLabel, data));
    }

    /** A bar per series side by side in each category, flat and without shadows: e.g. a measure per framework. */
    String bars(String title, String categoryLabel, String valueLabel, CategoryDataset data) {
        JFreeChart chart = ChartFactory.createBarChart(title, categoryLabel, valueLabel, data,
                PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDrawingSupplier(drawingSupplier());
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.05);
        plot.setRenderer(renderer);
        chart.setBackgroundPaint(Color.WHITE);
        return draw(chart, id -> recorded.bars(id, title, categoryLabel, valueLabel, data));
    }

    private static void style(JFreeChart chart, XYLineAndShapeRenderer renderer) {
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDrawingSupplier(drawingSupplier());
        renderer.setDefaultStroke(new BasicStroke(2f));
        renderer.setAutoPopulateSeriesStroke(false);
        plot.setRenderer(renderer);
        chart.setBackgroundPaint(Color.WHITE);
    }

    private static DefaultDrawingSupplier drawingSupplier() {
        return new DefaultDrawingSupplier(SERIES_COLOURS,
                DefaultDrawingSupplier.DEFAULT_FILL_PAINT_SEQUENCE, DefaultDrawingSupplier.DEFAULT_OUTLINE_PAINT_SEQUENCE,
                DefaultDrawingSupplier.DEFAULT_STROKE_SEQUENCE, DefaultDrawingSupplier.DEFAULT_OUTLINE_STROKE_SEQUENCE,
                DefaultDrawingSupplier.DEFAULT_SHAPE_SEQUENCE);
    }

    /**
     * The chart with its id on the {@code <svg>} element and in a caption below it, which says where its values
     * are; recorded once drawn, so that charts.csv holds no chart the page lacks.
     */
    private String draw(JFreeChart chart, Consumer<String> record) {
        String id = recorded.nextChart();
        TextTitle caption = new TextTitle("data: " + RunFiles.CHARTS_CSV + ", chart = " + id, CAPTION_FONT);
        caption.setPaint(Color.GRAY);
        caption.setPosition(RectangleEdge.BOTTOM);
        caption.setHorizontalAlignment(HorizontalAlignment.RIGHT);
        // First among the subtitles: the outermost, below the legend.
        chart.addSubtitle(0, caption);
        SVGGraphics2D canvas = new SVGGraphics2D(WIDTH, HEIGHT);
        // JFreeSVG names its clip paths and gradients with this prefix; several charts on one page need
        // distinct ones, or every chart would clip to the first chart's plot area.
        canvas.setDefsKeyPrefix(id + "-");
        chart.draw(canvas, new Rectangle(0, 0, WIDTH, HEIGHT));
        record.accept(id);
        return canvas.getSVGElement(id);
    }
}
