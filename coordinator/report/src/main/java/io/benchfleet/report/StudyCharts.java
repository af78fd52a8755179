package io.benchfleet.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The study tables drawn, per dataset: S4's frameworks side by side (train time and test accuracy), and S3's time
 * and memory against training-set size.
 */
final class StudyCharts {

    private static final double MIB = 1024.0 * 1024.0;

    private final ShownAxes axes;
    private final SvgChart charts;

    StudyCharts(ShownAxes axes, SvgChart charts) {
        this.axes = axes;
        this.charts = charts;
    }

    /**
     * A bar per framework and setting (architecture, device, split), only where the report compares frameworks. On
     * a k-fold split the bar is the time of all folds, the figure S4 compared.
     */
    void frameworkSection(StringBuilder html, List<GroupSummary> groups, List<KFoldTime> kFoldTimes) {
        if (!axes.comparesFrameworks()) {
            return;
        }
        html.append("<h2 id=\"framework-charts\">Frameworks per dataset</h2>\n")
                .append("<p>Each bar is the mean over the group's repetitions; on a k-fold split the time is that of ")
                .append("all folds together.</p>\n");
        Map<GroupKey, KFoldTime> byGroup = KFoldTime.byGroup(kFoldTimes);
        byDataset(groups, group -> group.key().dataset()).forEach((dataset, ofDataset) -> {
            DefaultCategoryDataset times = new DefaultCategoryDataset();
            DefaultCategoryDataset accuracies = new DefaultCategoryDataset();
            for (GroupSummary group : ofDataset) {
                String setting = setting(group.key(), Optional.ofNullable(byGroup.get(group.key())));
                KFoldTime.studyTime(group, byGroup)
                        .ifPresent(time -> times.addValue(time.mean(), setting, group.key().framework()));
                group.statistics().testAccuracy()
                        .ifPresent(accuracy -> accuracies.addValue(accuracy.mean(), setting, group.key().framework()));
            }
            bars(html, "train time (s): " + dataset, "train time (s)", times);
            bars(html, "test accuracy: " + dataset, "test accuracy", accuracies);
        });
    }

    /** Per dataset a line per series (architecture, device, split, framework) over the training-set sizes. */
    void trainSizeSection(StringBuilder html, List<TrainSizeEffect> effects) {
        if (effects.isEmpty()) {
            return;
        }
        html.append("<h2 id=\"train-size-charts\">Time and memory against training-set size, drawn</h2>\n")
                .append("<p>Each point is the mean over the repetitions at that size (S3).</p>\n");
        byDataset(effects, effect -> effect.group().dataset()).forEach((dataset, ofDataset) -> {
            lines(html, "train time (s): " + dataset, "train time (s)", sizeSeries(ofDataset,
                    effect -> effect.trainSeconds().map(Statistic::mean)));
            lines(html, "peak RSS (MiB): " + dataset, "peak RSS (MiB)", sizeSeries(ofDataset,
                    effect -> effect.peakRssBytes().map(rss -> rss.mean() / MIB)));
        });
    }

    private void bars(StringBuilder html, String title, String valueLabel, DefaultCategoryDataset data) {
        if (data.getRowCount() > 0) {
            ReportCharts.figure(html, charts.bars(title, "framework", valueLabel, data));
        }
    }

    private void lines(StringBuilder html, String title, String yLabel, XYSeriesCollection data) {
        if (data.getSeriesCount() > 0) {
            ReportCharts.figure(html, charts.lines(title, "train samples", yLabel, data));
        }
    }

    private XYSeriesCollection sizeSeries(List<TrainSizeEffect> effects,
                                          Function<TrainSizeEffect, Optional<Double>> measure) {
        Map<String, XYSeries> bySeries = new LinkedHashMap<>();
        for (TrainSizeEffect effect : effects) {
            measure.apply(effect).ifPresent(value -> bySeries
                    .computeIfAbsent(seriesName(effect.group()), name -> new XYSeries(name, true, true))
                    .add(effect.trainSamples(), value));
        }
        XYSeriesCollection data = new XYSeriesCollection();
        bySeries.values().forEach(data::addSeries);
        return data;
    }

    /** E.g. {@code s3-fashion-cnn on cpu, standard, pytorch}: the group without its dataset and train fraction. */
    private String seriesName(GroupKey group) {
        List<String> names = new ArrayList<>(List.of(group.architecture() + " on " + group.device(), group.split()));
        if (axes.framework()) {
            names.add(group.framework());
        }
        names.addAll(axes.hyperparameterNames(group));
        return String.join(", ", names);
    }

    /** E.g. {@code s4-mnist-cnn on cpu, kfold-10, all 10 folds}: the group without its dataset and framework. */
    private String setting(GroupKey group, Optional<KFoldTime> kFold) {
        List<String> names = new ArrayList<>(List.of(group.architecture() + " on " + group.device(), group.split()));
        kFold.ifPresent(time -> names.add("all " + time.folds() + " folds"));
        if (axes.trainFraction()) {
            names.add("train fraction " + SweepFileNumber.of(group.trainFraction()));
        }
        names.addAll(axes.hyperparameterNames(group));
        return String.join(", ", names);
    }

    private static <T> Map<String, List<T>> byDataset(List<T> items, Function<T, String> dataset) {
        Map<String, List<T>> byDataset = new LinkedHashMap<>();
        items.forEach(item -> byDataset.computeIfAbsent(dataset.apply(item), name -> new ArrayList<>()).add(item));
        return byDataset;
    }
}
